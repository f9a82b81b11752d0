import { parseCommand } from '../../src/dialogs/commands';

describe('parseCommand', () => {
  it.each([
    ['/help', 'help', ''],
    ['help', 'help', ''],
    ['/aide', 'help', ''],
    ['/SHARE', 'share', ''],
    ['/partager', 'share', ''],
    ['/accept AB12-CD34', 'accept', 'AB12-CD34'],
    ['/diagnose megan@example.com', 'diagnose', 'megan@example.com'],
    ['share my calendar', 'share', 'share my calendar'],
    ['partager mon calendrier', 'share', 'partager mon calendrier'],
    ['Je veux partager mon calendrier avec Megan', 'share', 'Je veux partager mon calendrier avec Megan'],
    ["je ne vois pas le calendrier de Megan", 'troubleshoot', "je ne vois pas le calendrier de Megan"],
    ["I can't see Megan's calendar", 'troubleshoot', "I can't see Megan's calendar"],
    ['who can see my calendar?', 'permissions', 'who can see my calendar?'],
    ['qui voit mon calendrier', 'permissions', 'qui voit mon calendrier'],
    ['I lost the invitation', 'subscribe', 'I lost the invitation'],
    ["m'abonner au calendrier d'Alex", 'subscribe', "m'abonner au calendrier d'Alex"],
    ['rename the shared calendar', 'alias', 'rename the shared calendar'],
    ['mes calendriers', 'calendars', 'mes calendriers'],
  ])('%s → %s', (text, name, args) => {
    expect(parseCommand(text)).toEqual({ name, args });
  });

  it.each(['', '   ', '/frobnicate', 'the weather is nice', 'lorem ipsum'])('%p is not a command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});

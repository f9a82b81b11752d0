import { parseTypedCommand } from '../../src/dialogs/commands';
import { commandForSentence } from '../support/plain-words';

describe('typed commands', () => {
  it.each([
    ['/help', 'help', ''],
    ['help', 'help', ''],
    ['/aide', 'help', ''],
    ['/SHARE', 'share', ''],
    ['/partager', 'share', ''],
    ['/accept AB12-CD34', 'accept', 'AB12-CD34'],
    ['/diagnose megan@example.com', 'diagnose', 'megan@example.com'],
    ['/diagnostiquer Adele', 'diagnose', 'Adele'],
    ['/diagnostique Adele', 'diagnose', 'Adele'],
    ['/dépannage', 'troubleshoot', ''],
    ['diagnostiquer', 'diagnose', ''],
  ])('%s → %s', (text, name, args) => {
    expect(parseTypedCommand(text)).toEqual({ name, args });
  });

  it.each(['', '   ', '/frobnicate', 'the weather is nice', 'share my calendar', 'diagnose Megan'])('%p is not a typed command (sentences go to the classifier)', (text) => {
    expect(parseTypedCommand(text)).toBeUndefined();
  });
});

describe('plain sentences, understood by the classifier', () => {
  it.each([
    ['en', 'share my calendar', 'share'],
    ['fr', 'partager mon calendrier', 'share'],
    ['fr', 'Je veux partager mon calendrier avec Megan', 'share'],
    ['fr', 'je ne vois pas le calendrier de Megan', 'troubleshoot'],
    ['en', "I can't see Megan's calendar", 'troubleshoot'],
    ['en', 'who can see my calendar?', 'permissions'],
    ['fr', 'qui voit mon calendrier', 'permissions'],
    ['en', 'I lost the invitation', 'subscribe'],
    ['fr', "m'abonner au calendrier d'Alex", 'subscribe'],
    ['en', 'rename the shared calendar', 'alias'],
    ['fr', 'mes calendriers', 'calendars'],
  ] as const)('%s "%s" → %s', async (locale, text, name) => {
    expect(await commandForSentence(locale, text)).toBe(name);
  });
});

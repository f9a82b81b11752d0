import { parseCommand } from '../../../src/dialogs/commands';

describe('free/busy in plain words and commands', () => {
  it.each([
    ['quand est-ce que Megan et Adele sont libres cette semaine ?', 'freebusy'],
    ['find a 30 minute slot with Patti tomorrow', 'freebusy'],
    ['est-ce que Megan est disponible jeudi après-midi ?', 'freebusy'],
    ['/freebusy Megan', 'freebusy'],
    ['/disponibilites', 'freebusy'],
    ['dispo', 'freebusy'],
    // Sharing one's free/busy is still sharing, and a booking tool is still troubleshooting.
    ['partager mes disponibilités avec Megan', 'share'],
    ['Calendly ne voit pas mes rendez-vous', 'troubleshoot'],
  ])('%s → %s', (text, name) => {
    expect(parseCommand(text)?.name).toBe(name);
  });
});

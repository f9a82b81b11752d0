import { parseTypedCommand } from '../../../src/dialogs/commands';
import { commandForSentence } from '../../support/plain-words';

describe('free/busy in plain words and commands', () => {
  it.each([
    ['/freebusy Megan', 'freebusy'],
    ['/disponibilites', 'freebusy'],
    ['dispo', 'freebusy'],
  ])('%s → %s', (text, name) => {
    expect(parseTypedCommand(text)?.name).toBe(name);
  });

  it.each([
    ['fr', 'quand est-ce que Megan et Adele sont libres cette semaine ?', 'freebusy'],
    ['en', 'find a 30 minute slot with Patti tomorrow', 'freebusy'],
    ['fr', 'est-ce que Megan est disponible jeudi après-midi ?', 'freebusy'],
    // Sharing one's free/busy is still sharing, and a booking tool is still troubleshooting.
    ['fr', 'partager mes disponibilités avec Megan', 'share'],
    ['fr', 'Calendly ne voit pas mes rendez-vous', 'troubleshoot'],
  ] as const)('%s "%s" → %s', async (locale, text, name) => {
    expect(await commandForSentence(locale, text)).toBe(name);
  });
});

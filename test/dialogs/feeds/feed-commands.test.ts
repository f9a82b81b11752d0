import { parseTypedCommand } from '../../../src/dialogs/commands';
import { commandForSentence } from '../../support/plain-words';

describe('feed commands', () => {
  it.each([
    ['/addfeed', 'addfeed'],
    ['/ajouterflux https://example.org/a.ics', 'addfeed'],
    ['/feeds', 'feeds'],
    ['/flux', 'feeds'],
  ])('%s → %s', (text, name) => {
    expect(parseTypedCommand(text)?.name).toBe(name);
  });

  it.each([
    ['en', 'subscribe to https://example.org/holidays.ics', 'addfeed'],
    ['fr', 'ajouter un calendrier iCal', 'addfeed'],
    ['en', 'webcal://example.org/club', 'addfeed'],
    ['en', 'show my feeds', 'feeds'],
    ['fr', 'mes flux', 'feeds'],
    ['en', "subscribe to Megan's calendar", 'subscribe'],
  ] as const)('%s "%s" → %s', async (locale, text, name) => {
    expect(await commandForSentence(locale, text)).toBe(name);
  });

  it('keeps the address as typed for the flow', () => {
    expect(parseTypedCommand('/addfeed https://Example.org/A.ics?token=Xy')?.args).toBe('https://Example.org/A.ics?token=Xy');
  });
});

import { parseCommand } from '../../../src/dialogs/commands';

describe('feed commands in words', () => {
  it.each([
    ['/addfeed', 'addfeed'],
    ['/ajouterflux https://example.org/a.ics', 'addfeed'],
    ['subscribe to https://example.org/holidays.ics', 'addfeed'],
    ['ajouter un calendrier iCal', 'addfeed'],
    ['webcal://example.org/club', 'addfeed'],
    ['/feeds', 'feeds'],
    ['/flux', 'feeds'],
    ['show my feeds', 'feeds'],
    ['mes flux', 'feeds'],
    ["subscribe to Megan's calendar", 'subscribe'],
  ])('%s → %s', (text, name) => {
    expect(parseCommand(text)?.name).toBe(name);
  });

  it('keeps the address as typed for the flow', () => {
    expect(parseCommand('/addfeed https://Example.org/A.ics?token=Xy')?.args).toBe('https://Example.org/A.ics?token=Xy');
  });
});

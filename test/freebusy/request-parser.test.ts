import { parseFreeBusyRequest } from '../../src/freebusy/request-parser';
import { tokenize } from '../../src/freebusy/request-tokens';

describe('reading a free/busy request', () => {
  it.each([
    ['quand est-ce que Megan et Adele sont libres cette semaine ?', 'fr', { people: ['Megan', 'Adele'], window: { kind: 'thisWeek' } }],
    ['find a 30 minute slot with Patti tomorrow', 'en', { people: ['Patti'], window: { kind: 'tomorrow' }, durationMinutes: 30 }],
    ['est-ce que Megan est disponible jeudi après-midi ?', 'fr', { people: ['Megan'], window: { kind: 'weekday', weekday: 4 }, partOfDay: 'afternoon' }],
    ["when are Megan Bowen, Isaiah and jordan@partner.example.org free next week for 1 hour", 'en', { people: ['Megan Bowen', 'Isaiah', 'jordan@partner.example.org'], window: { kind: 'nextWeek' }, durationMinutes: 60 }],
    ['un créneau de 45 min avec patti la semaine prochaine', 'fr', { people: ['patti'], window: { kind: 'nextWeek' }, durationMinutes: 45 }],
    ["disponibilités d'Adele aujourd'hui le matin", 'fr', { people: ['Adele'], window: { kind: 'today' }, partOfDay: 'morning' }],
    ['Megan free on 2026-12-03 for 1h30', 'en', { people: ['Megan'], window: { kind: 'date', year: 2026, month: 12, day: 3 }, durationMinutes: 90 }],
    ['Megan libre le 3 décembre', 'fr', { people: ['Megan'], window: { kind: 'date', month: 12, day: 3 } }],
    ['Megan free December 3', 'en', { people: ['Megan'], window: { kind: 'date', month: 12, day: 3 } }],
    ['Megan libre le 3/12', 'fr', { people: ['Megan'], window: { kind: 'date', month: 12, day: 3 } }],
    ['Megan free on 12/3 afternoon', 'en', { people: ['Megan'], window: { kind: 'date', month: 12, day: 3 }, partOfDay: 'afternoon' }],
    ['is Megan available on Friday morning?', 'en', { people: ['Megan'], window: { kind: 'weekday', weekday: 5 }, partOfDay: 'morning' }],
    ['une demi-heure avec Adele demain', 'fr', { people: ['Adele'], window: { kind: 'tomorrow' }, durationMinutes: 30 }],
    ['free/busy', 'en', { people: [] }],
  ] as const)('%s', (text, locale, expected) => {
    expect(parseFreeBusyRequest(text, { locale })).toEqual(expected);
  });

  it('keeps lower-case words out of the names in plain words', () => {
    expect(parseFreeBusyRequest('when is everyone quickly free today', { locale: 'en' }).people).toEqual([]);
  });

  it('cuts hostile input to 500 characters and 80 tokens before reading it', () => {
    const hostile = `${'a'.repeat(100_000)} ${'-'.repeat(50_000)} ${"d'".repeat(20_000)} ,;,;`.repeat(3);
    const tokens = tokenize(hostile);
    parseFreeBusyRequest(hostile, { locale: 'en' });
    // The text is cut at 500 characters and 80 tokens before anything looks at it.
    expect(tokens.length).toBeLessThanOrEqual(80);
    expect(tokens.map((token) => token.text).join('').length).toBeLessThanOrEqual(500);
  });
});

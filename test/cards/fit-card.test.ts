import { cardBytes, fitCard, maxCardBytes, shortenForDisplay } from '../../src/cards/fit-card';
import type { AdaptiveCardJson } from '../../src/cards/render-card';

const action = (title: string, id = title) => ({ type: 'Action.Execute', title, verb: 'v', data: { verb: 'v', id }, fallback: { type: 'Action.Submit', title, data: { verb: 'v', id } } });
const card = (body: unknown[], actions: unknown[] = []): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', body, actions });

describe('fitCard', () => {
  it('keeps short buttons side by side, untouched', () => {
    const input = card([{ type: 'TextBlock', text: 'Hello' }], [action('Agenda'), action('Rename')]);
    expect(fitCard(input)).toEqual(input);
  });

  it('stacks buttons that would be cut side by side, one per row, data and fallback kept', () => {
    const fitted = fitCard(card([{ type: 'TextBlock', text: 'Hello' }], [action('Agenda'), action('Add a shared calendar')]));
    expect(fitted.actions).toBeUndefined();
    expect(fitted.body).toEqual([
      { type: 'TextBlock', text: 'Hello' },
      { type: 'ActionSet', spacing: 'Medium', actions: [action('Agenda')] },
      { type: 'ActionSet', spacing: 'Small', actions: [action('Add a shared calendar')] },
    ]);
  });

  it('does the same inside containers, and shortens a title even alone on its row', () => {
    const long = `Ask ${'a'.repeat(60)} again`;
    const fitted = fitCard(card([{ type: 'Container', items: [{ type: 'ActionSet', actions: [action('Remove'), action(long, 'x')] }] }]));
    const [container] = fitted.body as Array<{ items: Array<{ actions: Array<{ title: string; data: unknown; fallback: { title: string } }> }> }>;
    expect(container.items).toHaveLength(2);
    const stacked = container.items[1].actions[0];
    expect(stacked.title).toHaveLength(40);
    expect(stacked.title.endsWith('…')).toBe(true);
    expect(stacked.fallback.title).toBe(stacked.title);
    expect(stacked.data).toEqual({ verb: 'v', id: 'x' });
  });

  it('shortens long names in headings, facts and choices for display, never ids or typed values', () => {
    const name = 'N'.repeat(300);
    const fitted = fitCard(
      card([
        { type: 'TextBlock', text: name, weight: 'Bolder' },
        { type: 'FactSet', facts: [{ title: 'Owner', value: `${name}${name}` }] },
        { type: 'Input.ChoiceSet', id: 'calendarId', choices: [{ title: name, value: name }] },
        { type: 'Input.Text', id: 'alias', value: name },
      ]),
    );
    const [heading, facts, choices, input] = fitted.body as Array<Record<string, unknown>>;
    expect(heading.text).toHaveLength(160);
    expect((facts.facts as Array<{ value: string }>)[0].value).toHaveLength(300);
    expect((choices.choices as Array<{ title: string; value: string }>)[0]).toEqual({ title: `${'N'.repeat(119)}…`, value: name });
    expect(input.value).toBe(name);
  });

  it('shortens texts until a card too heavy for Teams fits', () => {
    const items = Array.from({ length: 200 }, (_, index) => ({ type: 'TextBlock', text: `${index} ${'word '.repeat(80)}` }));
    const input = card(items);
    expect(cardBytes(input)).toBeGreaterThan(maxCardBytes);
    const fitted = fitCard(input);
    expect(cardBytes(fitted)).toBeLessThanOrEqual(maxCardBytes);
    expect((fitted.body as Array<{ text: string }>)[199].text.startsWith('199 word')).toBe(true);
  });
});

describe('shortenForDisplay', () => {
  it('never cuts a character in two, nor leaves an escaping backslash before the ellipsis', () => {
    expect(shortenForDisplay('Équipe 👩‍👩‍👧 Phénix', 9)).toBe('Équipe 👩‍👩‍👧…');
    expect(shortenForDisplay('abc\\_def', 5)).toBe('abc…');
    expect(shortenForDisplay('short', 10)).toBe('short');
  });
});

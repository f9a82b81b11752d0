import type { SlotStatus } from '../../src/freebusy/availability-model';
import { findSlots, findSlotsNaively, type SearchPerson } from '../../src/freebusy/slot-search';

/** A person from a picture: "." free, "b" busy, "t" tentative, "o" out of office, "w" working elsewhere; "#" not working. */
function person(statuses: string, working?: string): SearchPerson {
  const codes: Record<string, SlotStatus> = { '.': 'free', b: 'busy', t: 'tentative', o: 'oof', w: 'workingElsewhere' };
  return { statuses: [...statuses].map((code) => codes[code]), working: [...(working ?? '.'.repeat(statuses.length))].map((code) => code !== '#') };
}

describe('the common slot search', () => {
  it('finds the stretches where everyone is free and working, one start each, in time order', () => {
    const people = [person('..bb....bb..'), person('....bb......'), person('..........w.', '#...........')];
    const result = findSlots({ steps: 12, durationSteps: 2, people });
    // Interval 0: the third person does not work yet; 2-5: someone is busy; 8-9: the first person is.
    expect(result.common).toEqual([6, 10]);
    expect(result.nearest).toEqual([]);
  });

  it('counts working elsewhere as available and tentative as not', () => {
    const result = findSlots({ steps: 6, durationSteps: 2, people: [person('ww..tt'), person('......')] });
    expect(result.common).toEqual([0, 2]);
  });

  it('proposes the nearest slots, with who cannot come, when none suits everyone', () => {
    const people = [person('bbbb....'), person('....bbbb'), person('........')];
    const result = findSlots({ steps: 8, durationSteps: 2, people });
    expect(result.common).toEqual([]);
    expect(result.nearest).toEqual([
      { startStep: 0, unavailable: [0] },
      { startStep: 4, unavailable: [1] },
    ]);
  });

  it('spreads the first answers over the days, then fills with more starts', () => {
    const dayOf = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const result = findSlots({ steps: 12, durationSteps: 1, people: [person('.b.b.b.b.b.b')], dayOf, limit: 3 });
    expect(result.common).toEqual([0, 2, 6]);
    const long = findSlots({ steps: 8, durationSteps: 2, people: [person('........')], limit: 5 });
    expect(long.common).toEqual([0, 2, 4, 6]);
  });

  it('skips slots before the first allowed interval', () => {
    expect(findSlots({ steps: 6, durationSteps: 2, people: [person('......')], firstStep: 3 }).common).toEqual([3]);
  });

  it('agrees with the brute-force baseline on random calendars', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 30; round++) {
      const steps = 96;
      const people = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        person(Array.from({ length: steps }, () => (random() < 0.15 ? 'b' : random() < 0.05 ? 't' : '.')).join('')),
      );
      const input = { steps, durationSteps: 1 + Math.floor(random() * 4), people };
      expect(findSlots(input)).toEqual(findSlotsNaively(input));
    }
  });
});

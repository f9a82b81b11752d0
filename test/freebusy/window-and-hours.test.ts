import { resolveWindow } from '../../src/freebusy/window';
import { workingMask } from '../../src/freebusy/working-hours';

const monday10 = new Date('2026-11-23T09:00:00Z'); // 10:00 in Paris

describe('the window searched', () => {
  it.each([
    ['today', { kind: 'today' }, undefined, '2026-11-23T09:00:00.000Z', '2026-11-23T23:00:00.000Z'],
    ['tomorrow', { kind: 'tomorrow' }, undefined, '2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z'],
    ['this week, from now to Sunday', { kind: 'thisWeek' }, undefined, '2026-11-23T09:00:00.000Z', '2026-11-29T23:00:00.000Z'],
    ['next week, Monday to Sunday', { kind: 'nextWeek' }, undefined, '2026-11-29T23:00:00.000Z', '2026-12-06T23:00:00.000Z'],
    ['Thursday afternoon', { kind: 'weekday', weekday: 4 }, 'afternoon', '2026-11-26T11:00:00.000Z', '2026-11-26T17:00:00.000Z'],
    ['a date, morning', { kind: 'date', month: 12, day: 3 }, 'morning', '2026-12-03T07:00:00.000Z', '2026-12-03T11:00:00.000Z'],
    ['a date of January said in November: next year', { kind: 'date', month: 1, day: 5 }, undefined, '2027-01-04T23:00:00.000Z', '2027-01-05T23:00:00.000Z'],
  ] as const)('%s', (_name, spec, part, start, end) => {
    const window = resolveWindow(spec, part, monday10, 'Europe/Paris');
    expect({ start: window?.start.toISOString(), end: window?.end.toISOString() }).toEqual({ start, end });
  });

  it('refuses a day that does not exist and a period already over', () => {
    expect(resolveWindow({ kind: 'date', month: 2, day: 30 }, undefined, monday10, 'Europe/Paris')).toBeUndefined();
    expect(resolveWindow({ kind: 'today' }, 'morning', new Date('2026-11-23T12:00:00Z'), 'Europe/Paris')).toBeUndefined();
  });
});

describe('working hours', () => {
  const grid = { start: new Date('2026-11-23T00:00:00Z'), stepMinutes: 60, steps: 48 };

  it('reads the hours in their own zone: 09:00-17:00 in New York is 14:00-22:00 UTC', () => {
    const mask = workingMask(grid, { daysOfWeek: ['monday', 'tuesday'], startTime: '09:00:00.0000000', endTime: '17:00:00.0000000', timeZone: 'Eastern Standard Time' }, 'Europe/Paris');
    const hours = mask.flatMap((working, index) => (working ? [index] : []));
    expect(hours).toEqual([14, 15, 16, 17, 18, 19, 20, 21, 38, 39, 40, 41, 42, 43, 44, 45]);
  });

  it('leaves out the days not worked, and falls back to the viewer zone', () => {
    const mask = workingMask(grid, { daysOfWeek: ['tuesday'], startTime: '08:00:00', endTime: '10:00:00' }, 'Europe/Paris');
    expect(mask.flatMap((working, index) => (working ? [index] : []))).toEqual([31, 32]);
  });
});

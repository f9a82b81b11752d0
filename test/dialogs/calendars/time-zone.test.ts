import { agendaWindow } from '../../../src/dialogs/calendars/agenda-window';
import { addDays, instantOf, isLocalDate, isoWeekday, localDateOf, pickTimeZone, resolveTimeZone } from '../../../src/dialogs/calendars/time-zone';

describe('time zones of agendas', () => {
  it.each([
    ['Romance Standard Time', 'Europe/Paris'],
    ['Eastern Standard Time', 'America/New_York'],
    ['UTC', 'UTC'],
    ['Europe/London', 'Europe/London'],
    [' Asia/Tokyo ', 'Asia/Tokyo'],
    ['Mars/Olympus', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('resolves %p to %p', (name, zone) => {
    expect(resolveTimeZone(name)).toBe(zone);
  });

  it('prefers the mailbox zone, then the client\'s, then UTC', () => {
    expect(pickTimeZone('Romance Standard Time', 'America/New_York')).toBe('Europe/Paris');
    expect(pickTimeZone(undefined, 'America/New_York')).toBe('America/New_York');
    expect(pickTimeZone('Nowhere Standard Time', 'nowhere')).toBe('UTC');
  });

  it('finds local midnights across daylight saving changes', () => {
    expect(instantOf('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(instantOf('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(instantOf('2026-11-01T09:30', 'America/New_York').toISOString()).toBe('2026-11-01T14:30:00.000Z');
    expect(() => instantOf('tomorrow', 'UTC')).toThrow(RangeError);
  });

  it('knows calendar days', () => {
    expect(localDateOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-23');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(isoWeekday('2026-11-23')).toBe(0);
    expect(isoWeekday('2026-11-29')).toBe(6);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-1-5')).toBe(false);
  });

  it('shows Monday to Sunday for "this week", in the user\'s zone', () => {
    // Sunday 23:30 in Paris is still the week of Monday 16.
    const window = agendaWindow('week', new Date('2026-11-22T22:30:00Z'), 'Europe/Paris');
    expect(window).toMatchObject({ firstDay: '2026-11-16', lastDay: '2026-11-22' });
    expect(window.start.toISOString()).toBe('2026-11-15T23:00:00.000Z');
    expect(window.end.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(agendaWindow('day', new Date('2026-11-22T22:30:00Z'), 'UTC', '2026-12-01')).toMatchObject({ firstDay: '2026-12-01', lastDay: '2026-12-01' });
    expect(agendaWindow('today', new Date('2026-11-22T22:30:00Z'), 'UTC')).toMatchObject({ firstDay: '2026-11-22' });
  });
});

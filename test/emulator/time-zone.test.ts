import { formatInZone, parseInZone, preferredTimeZone, resolveTimeZone, toDateTimeTimeZone } from '../../src/emulator/time-zone';

describe('Graph date-times in time zones', () => {
  it('formats an instant as wall-clock time in a zone, with daylight saving time', () => {
    expect(formatInZone(new Date('2026-11-23T09:00:00Z'), 'Europe/Paris')).toBe('2026-11-23T10:00:00.0000000');
    expect(formatInZone(new Date('2026-07-01T09:00:00Z'), 'Europe/Paris')).toBe('2026-07-01T11:00:00.0000000');
    expect(formatInZone(new Date('2026-11-23T09:00:00Z'), 'America/New_York')).toBe('2026-11-23T04:00:00.0000000');
  });

  it('reads wall-clock times back into instants, around a DST change too', () => {
    expect(parseInZone('2026-11-23T10:00:00.0000000', 'Europe/Paris')?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(parseInZone('2026-03-29T03:30:00', 'Europe/Paris')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parseInZone('2026-11-23T10:00:00+01:00', 'UTC')?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(parseInZone('not a date', 'UTC')).toBeUndefined();
  });

  it('accepts IANA, UTC and common Windows names', () => {
    expect(resolveTimeZone('Romance Standard Time')).toBe('Europe/Paris');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('Mars/Olympus')).toBeUndefined();
  });

  it('reads outlook.timezone from Prefer, UTC otherwise', () => {
    expect(preferredTimeZone('outlook.timezone="Europe/Paris"')).toBe('Europe/Paris');
    // Named as asked: Graph answers a Windows name with that Windows name.
    expect(preferredTimeZone('odata.maxpagesize=5, outlook.timezone="Pacific Standard Time"')).toBe('Pacific Standard Time');
    expect(toDateTimeTimeZone(new Date('2026-07-01T12:00:00Z'), 'Pacific Standard Time')).toEqual({ dateTime: '2026-07-01T05:00:00.0000000', timeZone: 'Pacific Standard Time' });
    expect(preferredTimeZone(undefined)).toBe('UTC');
    expect(preferredTimeZone('outlook.timezone="Nowhere/Land"')).toBe('UTC');
  });
});

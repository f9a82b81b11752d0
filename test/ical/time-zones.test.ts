import { ICAL } from '../../src/ical/ical';
import { icalTimezoneOf, resolveTimeZone, vtimezoneOf } from '../../src/ical/time-zones';

describe('iCalendar time zones', () => {
  it('maps Windows names in any case to IANA, through CLDR', () => {
    expect(resolveTimeZone('Romance Standard Time')).toBe('Europe/Paris');
    expect(resolveTimeZone('w. europe standard time')).toBe('Europe/Berlin');
    expect(resolveTimeZone('Tasmania Standard Time')).toBe('Australia/Hobart');
    expect(resolveTimeZone('UTC')).toBe('UTC');
    expect(resolveTimeZone('Coordinated Universal Time')).toBe('UTC');
    expect(resolveTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveTimeZone('Not A Zone')).toBeUndefined();
  });

  it('gives a VTIMEZONE for an IANA zone and none for UTC', () => {
    const paris = vtimezoneOf('Europe/Paris');
    expect(paris?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(paris?.getAllSubcomponents('daylight')).toHaveLength(1);
    expect(vtimezoneOf('UTC')).toBeUndefined();
  });

  it('converts a local time with daylight saving through ical.js', () => {
    const zone = icalTimezoneOf('Romance Standard Time');
    expect(zone).toBeDefined();
    const summer = ICAL.Time.fromDateTimeString('2026-07-01T09:00:00');
    summer.zone = zone!;
    expect(summer.toUnixTime()).toBe(Date.UTC(2026, 6, 1, 7, 0, 0) / 1000);
    const winter = ICAL.Time.fromDateTimeString('2026-12-01T09:00:00');
    winter.zone = zone!;
    expect(winter.toUnixTime()).toBe(Date.UTC(2026, 11, 1, 8, 0, 0) / 1000);
  });
});

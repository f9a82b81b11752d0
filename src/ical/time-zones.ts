/**
 * Time zones for iCalendar: an IANA or Windows name becomes an IANA zone (src/time), and an IANA zone
 * becomes the VTIMEZONE component ical.js needs to compute offsets and that RFC 5545 wants in every
 * file for each TZID used. The definitions come from timezones-ical-library (IANA tzdata, kept current).
 */
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { resolveTimeZone } from '../time/zoned-time';
import { ICAL } from './ical';

export { resolveTimeZone };

const components = new Map<string, ICAL.Component | undefined>();

/** The VTIMEZONE for an IANA zone, or undefined when the library has none (UTC needs none). */
export function vtimezoneOf(ianaZone: string): ICAL.Component | undefined {
  if (components.has(ianaZone)) return components.get(ianaZone);
  let component: ICAL.Component | undefined;
  if (ianaZone !== 'UTC') {
    const block = tzlib_get_ical_block(ianaZone);
    const text = Array.isArray(block) ? block[0] : undefined;
    if (text?.startsWith('BEGIN:VTIMEZONE')) {
      component = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${text}\r\nEND:VCALENDAR`) as unknown[]).getFirstSubcomponent('vtimezone') ?? undefined;
    }
  }
  components.set(ianaZone, component);
  return component;
}

/** The ical.js Timezone for an IANA or Windows name, registered with ical.js's TimezoneService. */
export function icalTimezoneOf(name: string): ICAL.Timezone | undefined {
  const iana = resolveTimeZone(name);
  if (!iana) return undefined;
  if (iana === 'UTC') return ICAL.Timezone.utcTimezone;
  const vtimezone = vtimezoneOf(iana);
  if (!vtimezone) return undefined;
  const zone = new ICAL.Timezone({ component: vtimezone, tzid: iana });
  return zone;
}

import type { CalendarSummary } from '../../graph/calendar-gateway';
import type { Attendee } from '../../freebusy/availability-model';

/**
 * The calendars that people outside the organisation shared with the viewer and the viewer accepted: Outlook
 * adds them to the viewer's list with the sharer as owner (and no right to share them on). getSchedule knows
 * nobody of another organisation, so these are the only way to see such a person's busy times.
 */
export function outsideShares(calendars: CalendarSummary[], people: Attendee[]): Array<{ address: string; calendarId: string }> {
  const outside = new Set(people.filter((person) => !person.isInsideOrganization).map((person) => person.address.toLowerCase()));
  return calendars
    .filter((calendar) => !calendar.isDefault && !calendar.canShare && outside.has(calendar.owner.address.toLowerCase()))
    .map((calendar) => ({ address: calendar.owner.address.toLowerCase(), calendarId: calendar.id }));
}

/** An outside person typed as a bare address takes the name their shared calendar gives its owner. */
export function namedByShares(people: Attendee[], calendars: CalendarSummary[]): Attendee[] {
  return people.map((person) => {
    if (person.isInsideOrganization || person.name.toLowerCase() !== person.address.toLowerCase()) return person;
    const owner = calendars.find((calendar) => calendar.owner.address.toLowerCase() === person.address.toLowerCase())?.owner;
    return owner?.name ? { ...person, name: owner.name } : person;
  });
}

import type { Clock } from '../../clock';
import type { CalendarPermission, CalendarSummary } from '../../graph/calendar-gateway';

/** How long what /permissions showed stands in for Graph when the person clicks on it. */
const maxAgeMs = 60_000;
/** People remembered at most; the oldest go first. */
const maxPeople = 10_000;

interface Listing {
  at: number;
  calendars: CalendarSummary[];
  permissions: Map<string, CalendarPermission[]>;
}

/**
 * What the permissions list last showed each person, read from Graph with their own token, for a
 * minute: the Change and Remove steps find the clicked entry here instead of reading Graph twice
 * more, and the list drawn again after a change reuses the calendars. Another person's ids (a
 * forwarded card) are never in someone's listing, so they still go to Graph and find nothing.
 * Graph checks every write itself, so an entry changed in Outlook meanwhile is refused there.
 */
export class RecentListings {
  private readonly byUser = new Map<string, Listing>();

  constructor(private readonly clock: Clock) {}

  remember(userId: string, calendars: CalendarSummary[], permissions: Map<string, CalendarPermission[]>): void {
    this.byUser.delete(userId);
    this.byUser.set(userId, { at: this.clock.now().getTime(), calendars, permissions });
    if (this.byUser.size > maxPeople) this.byUser.delete(this.byUser.keys().next().value as string);
  }

  calendars(userId: string): CalendarSummary[] | undefined {
    return this.fresh(userId)?.calendars;
  }

  entry(userId: string, calendarId: string, permissionId: string): { calendar: CalendarSummary; permission: CalendarPermission } | undefined {
    const listing = this.fresh(userId);
    const calendar = listing?.calendars.find((candidate) => candidate.id === calendarId);
    const permission = listing?.permissions.get(calendarId)?.find((candidate) => candidate.id === permissionId);
    return calendar && permission ? { calendar, permission } : undefined;
  }

  private fresh(userId: string): Listing | undefined {
    const listing = this.byUser.get(userId);
    const age = listing ? this.clock.now().getTime() - listing.at : -1;
    return listing && age >= 0 && age < maxAgeMs ? listing : undefined;
  }
}

import type { Calendar } from '@microsoft/microsoft-graph-types';
import { isAppCaller, type Caller, type CalendarSummary, type Outcome } from './calendar-gateway';
import type { PlannedRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import { GraphError } from './graph-error';
import { selectFields, toCalendarSummary } from './graph-mappers';
import { calendarPath, mailboxPath, withQuery } from './graph-paths';

/** How many people's listings are kept at most. */
const rememberedPeople = 10_000;

/** Calendars as lists: the caller's Outlook list, and what an owner shares with the caller. */
export class Calendars {
  /** Each person's last listing of their own calendars (delegated reads only), for `maxAgeMs`. */
  private readonly listings = new Map<string, { calendars: CalendarSummary[]; at: number }>();

  constructor(private readonly deps: GraphDeps) {}

  /** The calendars of the caller's list (no owner) or those an owner shares with the caller, as a planned read. */
  planCalendars(caller: Caller, params: { ownerAddress?: string }): PlannedRead<CalendarSummary[]> {
    return this.deps.batch.collection<Calendar, CalendarSummary>(caller, { path: calendarsOf(params.ownerAddress) }, toCalendarSummary);
  }

  /** A mailbox's primary calendar (the caller's without an owner), as a planned read. */
  planPrimaryCalendar(params: { ownerAddress?: string }): PlannedRead<CalendarSummary> {
    return {
      reads: [{ path: withQuery(calendarPath(params.ownerAddress, undefined), { $select: selectFields.calendar }) }],
      finish: ([calendar]) => (calendar.ok ? Promise.resolve(toCalendarSummary(calendar.value as Calendar)) : Promise.reject(calendar.error)),
    };
  }

  async listMyCalendars(caller: Caller, options: { maxAgeMs?: number } = {}): Promise<CalendarSummary[]> {
    const cached = isAppCaller(caller) ? undefined : this.listings.get(caller.userId);
    const age = cached ? this.deps.clock.now().getTime() - cached.at : -1;
    // A clock set back makes a listing stale, never everlasting.
    if (cached && options.maxAgeMs !== undefined && age >= 0 && age < options.maxAgeMs) return cached.calendars;
    const calendars = (await this.deps.api.getAll<Calendar>(caller, calendarsOf(undefined))).map(toCalendarSummary);
    if (!isAppCaller(caller)) this.remember(caller.userId, calendars);
    return calendars;
  }

  /** The caller's calendars changed through us (created, deleted, renamed): the next listing reads Graph. */
  forgetListing(caller: Caller): void {
    this.listings.delete(caller.userId);
  }

  private remember(userId: string, calendars: CalendarSummary[]): void {
    this.listings.delete(userId);
    this.listings.set(userId, { calendars, at: this.deps.clock.now().getTime() });
    if (this.listings.size > rememberedPeople) this.listings.delete(this.listings.keys().next().value as string);
  }

  /** Read with the caller's token: Exchange lists only the owner's calendars shared with the caller. */
  async listCalendarsSharedBy(caller: Caller, params: { ownerAddress: string }): Promise<CalendarSummary[]> {
    const calendars = await this.deps.api.getAll<Calendar>(caller, calendarsOf(params.ownerAddress));
    return calendars.map(toCalendarSummary);
  }

  /** Several owners in one `$batch`; each owner's result stands alone (one refusal does not fail the rest). */
  async listCalendarsSharedByMany(caller: Caller, params: { ownerAddresses: string[] }): Promise<Map<string, Outcome<CalendarSummary[]>>> {
    const owners = [...new Set(params.ownerAddresses)];
    const outcomes = await this.deps.batch.getAllMany<Calendar>(caller, owners.map((owner) => ({ path: calendarsOf(owner) })));
    return new Map(
      owners.map((owner, index): [string, Outcome<CalendarSummary[]>] => {
        const outcome = outcomes[index];
        return [owner, outcome.ok ? { ok: true, value: outcome.value.map(toCalendarSummary) } : outcome];
      }),
    );
  }

  /** The name the caller sees; for a calendar shared with them, the owner keeps seeing the original. */
  async renameMyCalendarView(caller: Caller, params: { calendarId: string; name: string }): Promise<CalendarSummary> {
    const name = params.name.trim();
    if (name === '' || name.length > 255) throw new GraphError('invalidRequest', 'A calendar name must have 1 to 255 characters');
    const path = calendarPath(undefined, params.calendarId);
    const renamed = await this.deps.api.patch<Calendar | undefined>(caller, path, { name });
    this.forgetListing(caller);
    // Some servers answer 204: read it back then.
    return toCalendarSummary(renamed ?? (await this.deps.api.get<Calendar>(caller, withQuery(path, { $select: selectFields.calendar }))));
  }
}

function calendarsOf(ownerAddress: string | undefined): string {
  return withQuery(`${mailboxPath(ownerAddress)}/calendars`, { $select: selectFields.calendar });
}

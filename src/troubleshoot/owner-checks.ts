import type { Clock } from '../clock';
import type { AgendaEvent, Caller, CalendarSummary, Outcome } from '../graph/calendar-gateway';
import type { CalendarReadOf } from '../graph/calendar-reads';
import type { CaseChecksDeps } from './case-checks';
import { reasonOf, refusalReasons, row, settle, type CaseVars, type CheckResult, type Settled } from './check-report';
import { sameAddress, type FollowedCalendar, type PendingInvitation } from './sharing-records';
import type { Facts } from './tree-walk';

const day = 24 * 60 * 60 * 1000;

/** What the share checks read of Graph, for `readTogether`: the owner's calendars shared with me, my list, and the owner's day. */
export function ownerShareReads(
  clock: Clock,
  ownerAddress: string,
): { shared: CalendarReadOf<'calendarsSharedBy'>; mine: CalendarReadOf<'myCalendars'>; today: CalendarReadOf<'agenda'> } {
  return {
    shared: { read: 'calendarsSharedBy', ownerAddress },
    mine: { read: 'myCalendars' },
    today: { read: 'agenda', ownerAddress, ...today(clock) },
  };
}

/** What those reads gave. */
export interface OwnerShareReads {
  shared: Outcome<CalendarSummary[]>;
  mine: Outcome<CalendarSummary[]>;
  /** The owner's primary calendar over the next day. */
  today: Outcome<AgendaEvent[]>;
}

function today(clock: Clock): { start: Date; end: Date; timeZone: string } {
  const now = clock.now();
  return { start: now, end: new Date(now.getTime() + day), timeZone: 'UTC' };
}

/**
 * What stands between the caller and a colleague's calendar: is anything shared (and at what level), do
 * they follow it or have an invitation waiting, is it in their Outlook list (and under which name), and
 * can it be read right now.
 */
export async function checkOwnerShares(
  deps: CaseChecksDeps,
  caller: Caller,
  owner: { address: string; name: string },
  { shared, mine, today: primaryToday }: OwnerShareReads,
): Promise<{ results: CheckResult[]; facts: Facts; vars: CaseVars }> {
  const { gateway, records } = deps;
  const [followedAll, invitations] = await Promise.all([
    records.subscriptionsOf(caller.userId),
    records.pendingInvitationsFor(caller.userId, owner.address),
  ]);
  const followed = followedAll.filter((subscription) => sameAddress(subscription.ownerAddress, owner.address));
  const facts: Facts = {};
  const vars: CaseVars = {};
  const results: CheckResult[] = [];

  const listed = shared.ok ? shared.value : [];
  // The primary calendar was read with the rest; refused while calendars are listed, the first listed is read.
  const otherListed = !primaryToday.ok && refusalReasons.has(reasonOf(primaryToday.error)) ? listed[0] : undefined;
  const read: Settled<unknown> = otherListed
    ? await settle(gateway.readAgenda(caller, { ownerAddress: owner.address, calendarId: otherListed.id, ...today(deps.clock) }))
    : primaryToday;
  // Some tenants list the default calendar of someone who shares nothing; reading it is then refused.
  const refusedFirst = otherListed !== undefined && !read.ok && reasonOf(read.error) === 'forbidden';
  const sharedCalendars = refusedFirst ? listed.slice(1) : listed;

  // Shared with me, and at what level: our records know the role of shares made through the bot.
  if (shared.ok && sharedCalendars.length > 0) {
    facts.sharedWithMe = true;
    vars.calendars = sharedCalendars.map((calendar) => calendar.name).join(', ');
    const result = row('shared', 'pass', 'shared', { person: owner.name });
    result.calendars = sharedCalendars.map((calendar) => ({ name: calendar.name, level: levelOf(calendar, followed, invitations) }));
    results.push(result);
  } else if (shared.ok || refusalReasons.has(reasonOf(shared.error))) {
    facts.sharedWithMe = false;
    results.push(row('shared', 'fail', 'nothingShared', { person: owner.name }));
  } else {
    results.push(row('shared', 'unknown', 'error', { reason: reasonOf(shared.error) }));
  }

  const entries = mine.ok ? mine.value.filter((calendar) => !calendar.canShare && sameAddress(calendar.owner.address, owner.address)) : [];
  // Outlook keeps a calendar in the list after its share ends: an entry is evidence it was followed.
  facts.subscribed = followed.length > 0 || entries.length > 0;
  facts.invitationPending = invitations.length > 0;
  if (followed.length > 0) {
    results.push(row('subscription', 'pass', 'subscribed', { calendars: followed.map((subscription) => subscription.calendarName).join(', ') }));
  } else if (invitations.length > 0) {
    results.push(row('subscription', 'fail', 'invitationPending', { person: owner.name, calendars: invitations.map((invitation) => invitation.calendarName).join(', ') }));
  } else {
    results.push(row('subscription', 'fail', 'notSubscribed', { person: owner.name }));
  }

  if (mine.ok) {
    facts.inCalendarList = entries.length > 0;
    if (entries.length > 0) {
      vars.alias = entries[0].name;
      facts.aliasSet = followed.some((subscription) => subscription.alias) || entries.some((entry) => !defaultNames(owner.name, sharedCalendars, followed).has(entry.name));
      results.push(row('calendarList', 'pass', 'inList', { names: entries.map((entry) => entry.name).join(', ') }));
    } else {
      results.push(row('calendarList', 'fail', 'notInList', { person: owner.name }));
    }
  } else {
    results.push(row('calendarList', 'unknown', 'error', { reason: reasonOf(mine.error) }));
  }

  if (read.ok) {
    facts.canReadNow = true;
    results.push(row('readable', 'pass', 'readable', { person: owner.name }));
  } else if (refusalReasons.has(reasonOf(read.error))) {
    facts.canReadNow = false;
    results.push(row('readable', 'fail', 'notReadable', { person: owner.name }));
  } else {
    results.push(row('readable', 'unknown', 'error', { reason: reasonOf(read.error) }));
  }
  return { results, facts, vars };
}

/** The level shown for a shared calendar: the role our records know, else what Graph tells a sharee. */
function levelOf(calendar: CalendarSummary, followed: FollowedCalendar[], invitations: PendingInvitation[]): string {
  const known = followed.find((subscription) => subscription.calendarId === calendar.id)?.role ?? invitations.find((invitation) => invitation.calendarName === calendar.name)?.role;
  if (known) return known;
  return calendar.canEdit ? 'canEdit' : 'canView';
}

/** Names Outlook gives a calendar it adds; any other name was chosen by the person: an alias. */
function defaultNames(ownerName: string, shared: CalendarSummary[], followed: FollowedCalendar[]): Set<string> {
  const names = new Set([ownerName]);
  for (const calendar of [...shared.map((c) => c.name), ...followed.map((f) => f.calendarName)]) {
    names.add(calendar);
    names.add(`${ownerName} - ${calendar}`);
    names.add(`${calendar} (${ownerName})`);
  }
  return names;
}

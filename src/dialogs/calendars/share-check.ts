import type { Caller as GraphCaller, CalendarGateway, CalendarSummary } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import type { Subscription } from '../../subscriptions/subscription-store';

/** Whether a followed calendar is still shared with its follower, as Graph says right now. */
export type ShareState = { state: 'shared'; calendar: CalendarSummary } | { state: 'revoked' } | { state: 'unknown' };

/** Graph's way of saying "you cannot open this": the share was removed, or the calendar deleted. */
export function meansRevoked(error: unknown): boolean {
  return isGraphError(error) && (error.reason === 'forbidden' || error.reason === 'notFound');
}

function stateIn(calendars: CalendarSummary[], subscription: Subscription): ShareState {
  const calendar = calendars.find((candidate) => candidate.id === subscription.calendarId);
  return calendar ? { state: 'shared', calendar } : { state: 'revoked' };
}

/**
 * Checks every followed calendar in one round trip (one request per owner, batched). An owner whose
 * answer failed for another reason (throttled, down) leaves their calendars "unknown", never "revoked".
 */
export async function checkShares(gateway: CalendarGateway, caller: GraphCaller, subscriptions: Subscription[]): Promise<Map<string, ShareState>> {
  const states = new Map<string, ShareState>();
  if (subscriptions.length === 0) return states;
  const owners = [...new Set(subscriptions.map((subscription) => subscription.ownerAddress))];
  let outcomes: Awaited<ReturnType<CalendarGateway['listCalendarsSharedByMany']>>;
  try {
    outcomes = await gateway.listCalendarsSharedByMany(caller, { ownerAddresses: owners });
  } catch {
    for (const subscription of subscriptions) states.set(subscription.id, { state: 'unknown' });
    return states;
  }
  for (const subscription of subscriptions) {
    const outcome = outcomes.get(subscription.ownerAddress);
    if (!outcome) states.set(subscription.id, { state: 'unknown' });
    else if (outcome.ok) states.set(subscription.id, stateIn(outcome.value, subscription));
    else states.set(subscription.id, meansRevoked(outcome.error) ? { state: 'revoked' } : { state: 'unknown' });
  }
  return states;
}

/** The same for one calendar; other Graph failures are thrown, for the caller to explain. */
export async function checkShare(gateway: CalendarGateway, caller: GraphCaller, subscription: Subscription): Promise<ShareState> {
  try {
    return stateIn(await gateway.listCalendarsSharedBy(caller, { ownerAddress: subscription.ownerAddress }), subscription);
  } catch (error) {
    if (meansRevoked(error)) return { state: 'revoked' };
    throw error;
  }
}

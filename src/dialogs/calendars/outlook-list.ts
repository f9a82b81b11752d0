import type { CalendarSummary } from '../../graph/calendar-gateway';
import type { Subscription } from '../../subscriptions/subscription-store';
import type { Caller } from '../caller';
import type { SubscriptionFeatureDeps } from './feature-deps';
import { findListEntry, isPrimaryName } from './list-entry';

/**
 * Where a followed calendar stands in the person's own Outlook, as Graph reports their calendar list
 * (`/me/calendars`). Following it in this assistant is a record of ours; being in the Outlook list is
 * what Outlook shows. The two are different things, and cards say which.
 */
export type ListPresence = { state: 'inList'; entry: CalendarSummary } | { state: 'notInList' } | { state: 'unknown'; error: unknown };

type ListDeps = Pick<SubscriptionFeatureDeps, 'gateway' | 'subscriptions'>;

/**
 * Finds the entry in already-read list `entries` and keeps the recorded entry id in step (set when
 * found, cleared when gone). `shared` is the owner's calendar as the sharee reads it, which says
 * whether it is the owner's primary calendar (Outlook names those after the owner).
 */
export async function presenceIn(
  deps: ListDeps,
  entries: CalendarSummary[],
  subscription: Subscription,
  options: { shared?: CalendarSummary; followed: Subscription[]; previousAlias?: string },
): Promise<ListPresence> {
  const isPrimary = options.shared ? options.shared.isDefault || isPrimaryName(options.shared.name) : isPrimaryName(subscription.calendarName);
  // Matched under its previous alias too: Outlook shows whatever name was applied last.
  const lookup = options.previousAlias !== undefined ? { ...subscription, alias: options.previousAlias } : subscription;
  const entry = findListEntry(entries, lookup, { isPrimary, followed: options.followed });
  if (!entry) {
    if (subscription.listEntryId) await deps.subscriptions.setListEntry(subscription.id, undefined);
    return { state: 'notInList' };
  }
  if (entry.id !== subscription.listEntryId) await deps.subscriptions.setListEntry(subscription.id, entry.id);
  return { state: 'inList', entry };
}

/** Reads the person's calendar list from Graph and finds the calendar in it; `unknown` when Graph did not answer. */
export async function checkOutlookList(
  deps: ListDeps,
  caller: Caller,
  subscription: Subscription,
  options: { shared?: CalendarSummary; previousAlias?: string } = {},
): Promise<ListPresence> {
  let entries: CalendarSummary[];
  try {
    entries = await deps.gateway.listMyCalendars(caller);
  } catch (error) {
    return { state: 'unknown', error };
  }
  const followed = await deps.subscriptions.listFor(caller.userId);
  return presenceIn(deps, entries, subscription, { ...options, followed });
}

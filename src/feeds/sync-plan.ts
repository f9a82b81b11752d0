import { createHash } from 'node:crypto';
import type { MappedEvent } from '../ical/graph-event-mapping';
import type { FeedItem } from './feed-store';

/** A mapped event with the hash of its normalised content (exceptions included). */
export interface SyncUnit {
  event: MappedEvent;
  hash: string;
  isSeries: boolean;
}

export interface SyncPlan {
  create: SyncUnit[];
  /** Single events changed in place (PATCH). */
  update: Array<{ unit: SyncUnit; item: FeedItem }>;
  /** Series changed: replaced (deleted, then created with their exceptions), as a new pattern drops exceptions anyway. */
  replace: Array<{ unit: SyncUnit; item: FeedItem }>;
  remove: FeedItem[];
  unchanged: number;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** The content's hash: JSON of objects built in a fixed order, so the same feed hashes the same. */
export function unitsOf(events: MappedEvent[]): SyncUnit[] {
  return events.map((event) => ({
    event,
    hash: sha(JSON.stringify([event.content, event.exceptions])).slice(0, 32),
    isSeries: event.content.recurrence !== undefined,
  }));
}

/** One hash for the whole feed: equal hashes mean there is nothing to write. */
export function contentHashOf(units: SyncUnit[]): string {
  return sha(units.map((unit) => `${unit.event.key}\u0000${unit.hash}`).sort().join('\n'));
}

/**
 * What to write: new keys are created, changed ones patched (or replaced, for series), keys gone
 * from the feed deleted, except those `kept` (events of the feed that could not be read this time).
 */
export function planSync(units: SyncUnit[], items: Map<string, FeedItem>, kept: (key: string) => boolean): SyncPlan {
  const plan: SyncPlan = { create: [], update: [], replace: [], remove: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const unit of units) {
    if (seen.has(unit.event.key)) continue;
    seen.add(unit.event.key);
    const item = items.get(unit.event.key);
    if (!item) plan.create.push(unit);
    else if (item.hash === unit.hash) plan.unchanged += 1;
    else if (unit.isSeries || item.isSeries) plan.replace.push({ unit, item });
    else plan.update.push({ unit, item });
  }
  for (const item of items.values()) if (!seen.has(item.key) && !kept(item.key)) plan.remove.push(item);
  return plan;
}

/** The transactionId of a create: the same content of the same key never makes two events. */
export function transactionIdOf(feedId: string, unit: SyncUnit): string {
  return sha(`${feedId}\u0000${unit.event.key}\u0000${unit.hash}`).slice(0, 40);
}

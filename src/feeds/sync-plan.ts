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

/**
 * FNV-1a over two 32-bit lanes, fed field by field (a separator between them) so no joined string is
 * built: change detection for thousands of events without a crypto call or a copy each.
 */
function fnv64(parts: string[]): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  let length = 0;
  for (const text of parts) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      low = Math.imul(low ^ code, 0x01000193);
      high = Math.imul(high ^ code ^ (low >>> 13), 0x01000193);
    }
    low = Math.imul(low ^ 1, 0x01000193);
    high = Math.imul(high ^ 1 ^ (low >>> 13), 0x01000193);
    length += text.length + 1;
  }
  return `${(high >>> 0).toString(36)}${(low >>> 0).toString(36)}${length.toString(36)}`;
}

/** The normalised content, fields in a fixed order (cheaper than JSON for plain events). */
function contentHash(event: MappedEvent): string {
  const { content, exceptions } = event;
  return fnv64([
    content.subject, content.body, content.start.dateTime, content.start.timeZone, content.end.dateTime, content.end.timeZone,
    content.isAllDay ? '1' : '0', content.showAs, content.sensitivity, content.location, content.categories.join('\u0002'),
    content.recurrence ? JSON.stringify(content.recurrence) : '', exceptions.length ? JSON.stringify(exceptions) : '',
  ]);
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The content's hash: JSON of objects built in a fixed order, so the same feed hashes the same.
 * Hashed in slices, yielding between them, so 10,000 events never hold the event loop.
 */
export async function unitsOf(events: MappedEvent[], yieldNow: () => Promise<void> = defaultYield): Promise<SyncUnit[]> {
  const units: SyncUnit[] = [];
  for (let index = 0; index < events.length; index++) {
    if (index > 0 && index % 1000 === 0) await yieldNow();
    const event = events[index];
    units.push({ event, hash: contentHash(event), isSeries: event.content.recurrence !== undefined });
  }
  return units;
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

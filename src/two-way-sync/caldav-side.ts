/**
 * What the CalDAV calendar holds now, read as cheaply as the server allows: nothing but one PROPFIND when
 * the sync-token (or ctag) did not move, the changed hrefs by sync-collection, else an ETag listing;
 * only objects whose ETag differs from the status are downloaded.
 */
import type { CalDavClient, CollectionState } from '../caldav/caldav-client';
import { readObject } from '../caldav/ics-object';
import { hashOf, type SyncEvent } from './sync-event';
import type { SyncItemStatus } from './sync-pair-store';

export interface CalDavItem {
  uid: string;
  href: string;
  etag: string;
  hash: string;
  /** Present when downloaded in this run. */
  event?: SyncEvent;
}

export interface CalDavSnapshot {
  items: Map<string, CalDavItem>;
  state: CollectionState;
  /** UIDs (or hrefs) of objects the sync cannot carry (a rule Outlook cannot say, unreadable). */
  skipped: string[];
  /** Whether the listing ran (false: nothing changed since the last sync). */
  listed: boolean;
}

export interface ReadContext {
  floatingZone: string;
  window: { start: Date; end: Date };
}

export async function readCalDavSide(client: CalDavClient, calendarUrl: string, since: CollectionState, status: Map<string, SyncItemStatus>, context: ReadContext): Promise<CalDavSnapshot> {
  const items = new Map<string, CalDavItem>();
  const uidOfHref = new Map<string, string>();
  for (const item of status.values()) {
    if (!item.caldav) continue;
    items.set(item.uid, { uid: item.uid, href: item.caldav.href, etag: item.caldav.etag, hash: item.caldav.hash });
    uidOfHref.set(item.caldav.href, item.uid);
  }
  const changes = await client.changesSince(calendarUrl, since);
  const toFetch: string[] = [];
  if (changes.kind === 'delta') {
    for (const href of changes.deleted) {
      const uid = uidOfHref.get(href);
      if (uid) items.delete(uid);
    }
    for (const ref of changes.changed) {
      const uid = uidOfHref.get(ref.href);
      if (!uid || items.get(uid)?.etag !== ref.etag) toFetch.push(ref.href);
    }
  } else if (changes.kind === 'full') {
    const listed = new Map(changes.objects.map((ref) => [ref.href, ref.etag]));
    for (const [uid, item] of items) if (!listed.has(item.href)) items.delete(uid);
    for (const [href, etag] of listed) {
      const uid = uidOfHref.get(href);
      if (!uid || items.get(uid)?.etag !== etag) toFetch.push(href);
    }
  }
  const skipped: string[] = [];
  const objects = toFetch.length ? await client.fetchObjects(calendarUrl, toFetch) : [];
  for (const object of objects) {
    const read = await readObject(object.data, context);
    const previous = uidOfHref.get(object.href);
    if (!read.ok) {
      // Kept as the status knew it, so the other side is neither deleted nor rewritten.
      skipped.push(read.uid ?? object.href);
      continue;
    }
    if (previous && previous !== read.event.uid) items.delete(previous);
    items.set(read.event.uid, { uid: read.event.uid, href: object.href, etag: object.etag, hash: hashOf(read.event), event: read.event });
  }
  return { items, state: changes.state, skipped, listed: changes.kind !== 'unchanged' };
}

/**
 * The collection state to remember after the run's own writes, so that the next sync, if nothing else
 * changed, costs one request: the state after the writes when every change since `before` is ours
 * (an ETag the status recorded, or an object we deleted); else `before`, and the next run looks again.
 */
export async function stateAfterOwnWrites(client: CalDavClient, calendarUrl: string, before: CollectionState, status: Map<string, SyncItemStatus>, deleted: Set<string>): Promise<CollectionState> {
  const recorded = new Map<string, string>();
  for (const item of status.values()) if (item.caldav && !deleted.has(item.caldav.href)) recorded.set(item.caldav.href, item.caldav.etag);
  const changes = await client.changesSince(calendarUrl, before);
  const ours = (ref: { href: string; etag: string }) => recorded.get(ref.href) === ref.etag;
  if (changes.kind === 'unchanged') return changes.state;
  if (changes.kind === 'delta') return changes.changed.every(ours) && changes.deleted.every((href) => deleted.has(href) || !recorded.has(href)) ? changes.state : before;
  return changes.objects.length === recorded.size && changes.objects.every(ours) ? changes.state : before;
}

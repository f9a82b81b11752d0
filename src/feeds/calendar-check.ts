import type { Caller } from '../graph/calendar-gateway';
import type { CalendarEventsGateway, CalendarRef, SyncedEvent } from '../graph/event-gateway';
import type { FeedItem, FeedStore } from './feed-store';
import { feedProperty, hashProperty, keyProperty } from './sync-writer';

/** What the listing found changed in Outlook since our last write. */
export interface OutlookChanges {
  /** Items to write again: events edited in Outlook get their hash emptied, so the plan rewrites them. */
  items: Map<string, FeedItem>;
  edited: number;
  /** Events deleted in Outlook: their items are gone, so the plan creates them again (if still in the feed). */
  deleted: number;
}

/**
 * Compares what Graph holds for a feed (its own events, found by the feed's extended property) with
 * what the store recorded after the last write. Run only by a sync that writes: a 304 or an
 * identical file never lists anything. Events without the feed's property (the user's own) are never
 * listed, so never touched.
 */
export class CalendarCheck {
  constructor(
    private readonly gateway: CalendarEventsGateway,
    private readonly store: FeedStore,
  ) {}

  /** The feed's own events in the target calendar: one paged `$filter` on the feed's property. */
  list(caller: Caller, calendar: CalendarRef, feedId: string): Promise<SyncedEvent[]> {
    return this.gateway.findEventsByProperty(caller, { calendar, propertyId: feedProperty, value: feedId, read: [keyProperty, hashProperty] });
  }

  /** After an interrupted sync: what Graph holds for this feed wins over what the store remembers; duplicates go. */
  async reconcile(feedId: string, caller: Caller, calendar: CalendarRef, found: SyncedEvent[]): Promise<Map<string, FeedItem>> {
    const items = await this.store.items(feedId);
    const byKey = new Map<string, SyncedEvent[]>();
    for (const event of found) {
      const key = event.properties[keyProperty];
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), event]);
    }
    const duplicates: string[] = [];
    for (const [key, events] of byKey) {
      const stored = items.get(key);
      const keep = events.find((event) => event.id === stored?.eventId) ?? events[0];
      duplicates.push(...events.filter((event) => event !== keep).map((event) => event.id));
      if (!stored || stored.eventId !== keep.id) {
        await this.store.putItem(feedId, { key, eventId: keep.id, hash: keep.properties[hashProperty] ?? '', isSeries: stored?.isSeries ?? false, changeKey: keep.changeKey ?? '' });
      }
    }
    for (const item of items.values()) if (!byKey.has(item.key)) await this.store.removeItem(feedId, item.key);
    if (duplicates.length) await this.gateway.writeEvents(caller, duplicates.map((eventId) => ({ op: 'delete' as const, calendar, eventId })));
    return this.store.items(feedId);
  }

  /** Edited in Outlook (another changeKey than after our write) or deleted there: written again by this sync. */
  async outlookChanges(feedId: string, found: SyncedEvent[], items: Map<string, FeedItem>): Promise<OutlookChanges> {
    const byId = new Map(found.map((event) => [event.id, event]));
    const result: OutlookChanges = { items: new Map(items), edited: 0, deleted: 0 };
    for (const item of items.values()) {
      const event = byId.get(item.eventId);
      if (!event) {
        await this.store.removeItem(feedId, item.key);
        result.items.delete(item.key);
        result.deleted += 1;
      } else if (!event.changeKey || event.changeKey === item.changeKey) {
        continue;
      } else if (!item.changeKey) {
        // Unknown after our write (a series whose exceptions changed it): the current one is ours.
        await this.store.putItem(feedId, { ...item, changeKey: event.changeKey });
      } else {
        result.items.set(item.key, { ...item, hash: '' });
        result.edited += 1;
      }
    }
    return result;
  }

  /** Records the changeKeys our writes left unknown (series with exceptions), so a later edit is recognised. */
  async recordChangeKeys(feedId: string, caller: Caller, calendar: CalendarRef): Promise<void> {
    const byId = new Map((await this.list(caller, calendar, feedId)).map((event) => [event.id, event.changeKey]));
    for (const item of (await this.store.items(feedId)).values()) {
      const changeKey = byId.get(item.eventId);
      if (!item.changeKey && changeKey) await this.store.putItem(feedId, { ...item, changeKey });
    }
  }
}

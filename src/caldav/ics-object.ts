/**
 * One CalDAV object read back as a `SyncEvent`, through the reader and mapping of "iCalendar in":
 * one UID, its master and overrides. A series whose rule Outlook cannot say is left out (`unsupported`)
 * rather than expanded: expanded copies could not be synced back.
 */
import { mapFeedEvents } from '../ical/graph-event-mapping';
import { ICAL } from '../ical/ical';
import { readIcs } from '../ical/ics-reader';
import type { SyncEvent } from '../two-way-sync/sync-event';

export type ReadObject = { ok: true; event: SyncEvent } | { ok: false; reason: 'unsupported' | 'unreadable' | 'empty'; uid?: string };

/** LAST-MODIFIED, else DTSTAMP, of the master: when this side last changed the event. */
function lastModifiedOf(text: string): string | undefined {
  try {
    const vevent = new ICAL.Component(ICAL.parse(text) as unknown[]).getFirstSubcomponent('vevent');
    const value = (vevent?.getFirstPropertyValue('last-modified') ?? vevent?.getFirstPropertyValue('dtstamp')) as ICAL.Time | null | undefined;
    return value ? value.toJSDate().toISOString() : undefined;
  } catch {
    return undefined;
  }
}

export async function readObject(text: string, options: { floatingZone: string; window: { start: Date; end: Date } }): Promise<ReadObject> {
  let read;
  try {
    read = await readIcs(text, { floatingZone: options.floatingZone, maxEvents: 2000 });
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const uid = read.events[0]?.uid;
  if (read.unreadable.count > 0) return { ok: false, reason: 'unreadable', uid };
  const mapped = await mapFeedEvents(read, { window: options.window, instancesPerSeries: 1, expandedPerFeed: 1 });
  if (mapped.warnings.some((warning) => warning.code.startsWith('expan')) || mapped.events.some((event) => event.key.includes('|'))) return { ok: false, reason: 'unsupported', uid };
  const [event] = mapped.events;
  if (!event || !uid) return { ok: false, reason: 'empty', uid };
  return { ok: true, event: { uid: event.key, content: event.content, exceptions: event.exceptions, lastModified: lastModifiedOf(text) } };
}

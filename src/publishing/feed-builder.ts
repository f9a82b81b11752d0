import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Clock } from '../clock';
import { translatorFor } from '../i18n';
import { writeCalendar } from '../ical/ics-writer';
import { busyLabels } from '../snapshot/snapshot-builder';
import type { FeedCalendarSource } from './feed-source';
import type { Publication } from './publication-store';

export interface FeedWindow {
  daysBack: number;
  monthsAhead: number;
}

/** A built feed, ready to serve many times: the bytes, their gzip, strong validators. */
export interface BuiltFeed {
  body: Buffer;
  gzip: Buffer;
  /** Strong ETags of each representation (RFC 9110: a content coding is another representation). */
  etag: string;
  gzipEtag: string;
  /** When this content first appeared (unchanged rebuilds keep it). */
  lastModified: Date;
  builtAt: number;
}

/** The window around today a feed covers: some days back, some months ahead. */
export function feedWindow(now: Date, window: FeedWindow): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - window.daysBack));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + window.monthsAhead, now.getUTCDate() + 1));
  return { start, end };
}

/** Reads the published calendar and writes its .ics, at the publication's level, in the owner's language. */
export class FeedBuilder {
  constructor(private readonly deps: { source: FeedCalendarSource; clock: Clock; window: FeedWindow; refreshMinutes: number }) {}

  async build(publication: Publication, previous?: BuiltFeed): Promise<BuiltFeed> {
    const now = this.deps.clock.now();
    const { start, end } = feedWindow(now, this.deps.window);
    const zone = publication.owner.zone;
    const events = await this.deps.source.readEvents({ ownerUserId: publication.owner.userId, calendarId: publication.calendar.id, start, end, timeZone: zone });
    const t = translatorFor(publication.owner.locale);
    const text = writeCalendar({
      name: `${publication.owner.name} - ${publication.calendar.name}`,
      calendarZone: zone,
      level: publication.level,
      events,
      labels: busyLabels(t),
      now,
      refreshMinutes: this.deps.refreshMinutes,
    });
    const body = Buffer.from(text, 'utf8');
    const digest = createHash('sha256').update(body).digest('base64url').slice(0, 32);
    const etag = `"${digest}"`;
    const unchanged = previous?.etag === etag;
    return {
      body,
      gzip: unchanged ? previous.gzip : gzipSync(body),
      etag,
      gzipEtag: `"${digest}-gz"`,
      lastModified: unchanged ? previous.lastModified : new Date(Math.floor(now.getTime() / 1000) * 1000),
      builtAt: now.getTime(),
    };
  }
}

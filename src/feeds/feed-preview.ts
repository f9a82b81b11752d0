import { mapFeedEvents, type MappingWarning } from '../ical/graph-event-mapping';
import { IcsError, readIcs } from '../ical/ics-reader';
import { FeedFetchError, type FeedCredentials, type FeedFetcher } from './feed-fetcher';
import type { FeedProblem } from './feed-sync';
import { clampRefresh } from './feed-timing';

/** What the owner sees before saving a feed. */
export interface FeedPreview {
  name?: string;
  eventCount: number;
  /** First start and last end (UTC ISO) of the feed's events, series counted by their first occurrence. */
  first?: string;
  last?: string;
  zones: string[];
  refreshMinutes: number;
  warnings: Array<MappingWarning | { code: 'unusualType'; type: string }>;
}

export type PreviewResult = { ok: true; preview: FeedPreview } | { ok: false; problem: FeedProblem };

/** Fetches and reads a feed once, without saving anything: the preview card's content, or why it failed. */
export async function previewFeed(
  fetcher: Pick<FeedFetcher, 'fetch'>,
  input: { url: string; credentials?: FeedCredentials; floatingZone: string; now: Date },
): Promise<PreviewResult> {
  try {
    const response = await fetcher.fetch({ url: input.url, credentials: input.credentials });
    if (response.status !== 'ok') return { ok: false, problem: 'httpError' };
    const read = await readIcs(response.text, { floatingZone: input.floatingZone });
    const window = { start: new Date(input.now.getTime() - 30 * 86400_000), end: new Date(input.now.getTime() + 365 * 86400_000) };
    const mapped = await mapFeedEvents(read, { window, perSeriesMs: 500, totalExpansionMs: 2000 });
    const starts = read.events.map((event) => event.start.instant.getTime());
    const ends = read.events.map((event) => event.end.instant.getTime());
    const warnings: FeedPreview['warnings'] = [...mapped.warnings];
    if (response.unusualType && response.contentType) warnings.push({ code: 'unusualType', type: response.contentType });
    return {
      ok: true,
      preview: {
        name: read.name,
        eventCount: mapped.events.length,
        first: starts.length ? new Date(Math.min(...starts)).toISOString() : undefined,
        last: ends.length ? new Date(Math.max(...ends)).toISOString() : undefined,
        zones: read.zonesSeen,
        refreshMinutes: clampRefresh(read.refreshMinutes),
        warnings,
      },
    };
  } catch (error) {
    if (error instanceof FeedFetchError || error instanceof IcsError) return { ok: false, problem: error.problem };
    throw error;
  }
}

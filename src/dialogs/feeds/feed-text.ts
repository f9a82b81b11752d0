import type { Feed } from '../../feeds/feed-store';
import type { Caller } from '../caller';
import { formatDate } from '../../i18n/dates';

/** A problem code as a sentence; unknown codes read as a generic server error. */
export function problemText(caller: Pick<Caller, 't'>, problem: string | undefined): string {
  const key = `feeds:problems.${problem ?? 'httpError'}`;
  const text = caller.t(key);
  return text === key || text === `problems.${problem}` ? caller.t('feeds:problems.httpError') : text;
}

/** A warning of a sync or a preview, with its details. */
export function warningText(caller: Pick<Caller, 't'>, warning: { code: string; [detail: string]: unknown }): string {
  return caller.t(`feeds:warnings.${warning.code}`, warning);
}

/** A date and time in the reader's zone and language. */
export function formatWhen(caller: Caller, iso: string, dateOnly = false): string {
  const zone = caller.timeZone ?? 'UTC';
  const options: Intl.DateTimeFormatOptions = dateOnly ? { dateStyle: 'medium', timeZone: zone } : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone };
  return formatDate(caller.locale, new Date(iso), options);
}

export function intervalText(caller: Caller, minutes: number): string {
  return minutes % 60 === 0 ? caller.t('feeds:hours', { count: minutes / 60 }) : caller.t('feeds:minutes', { count: minutes });
}

/** Loads a feed for a card click: it must exist and belong to the person who clicked. */
export async function ownFeed(load: (id: string) => Promise<Feed | undefined>, caller: Caller, feedId: string): Promise<{ ok: true; feed: Feed } | { ok: false; text: string }> {
  const feed = await load(feedId);
  if (!feed) return { ok: false, text: caller.t('feeds:gone') };
  if (feed.ownerId !== caller.userId) return { ok: false, text: caller.t('feeds:notYours') };
  return { ok: true, feed };
}

import type { AdaptiveCardJson } from '../../cards/render-card';
import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Locale } from '../../i18n';
import type { Caller } from '../caller';
import { formatDate as formatLocalDate } from '../../i18n/dates';

/** A card button: templates render it as Action.Execute with an Action.Submit fallback carrying the same data. */
export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown> & { verb: string };
  style?: 'positive' | 'destructive' | 'default';
}

export function button(title: string, verb: string, data: Record<string, unknown> = {}, style: CardButton['style'] = 'default'): CardButton {
  return { title, verb, data: { ...data, verb }, style };
}

/** A button that runs a command as if typed (the help card's verb). */
export function commandButton(title: string, command: string): CardButton {
  return button(title, Verb.RunCommand, { command });
}

/** A short card: a title, paragraphs, an optional warning, buttons. */
export function shareNoticeCard(input: { title: string; paragraphs?: string[]; warning?: string; buttons?: CardButton[] }): AdaptiveCardJson {
  return renderCard('share-notice', { title: input.title, paragraphs: input.paragraphs ?? [], warning: input.warning ?? '', buttons: input.buttons ?? [] });
}

/** The caller's Teams user MRI (`29:...`): refresh.userIds wants MRIs, not aadObjectIds. */
export function mriOf(caller: Caller): string | undefined {
  return caller.mri || undefined;
}

/**
 * Makes a card refresh itself through `verb` whenever it is shown, so each viewer gets their own
 * view (Universal Actions). Teams refreshes automatically for everyone in chats under 60 members
 * (every 1:1 chat); `userIds` (MRIs) also covers larger ones.
 */
export function withRefresh(card: AdaptiveCardJson, verb: string, data: Record<string, unknown>, userIds: Array<string | undefined> = []): AdaptiveCardJson {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))].slice(0, 60);
  return {
    ...card,
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb, data: { ...data, verb } },
      ...(ids.length > 0 && { userIds: ids }),
    },
  };
}

/** A day (or moment) as people read it, in UTC: the end dates of shares are whole days. */
export function formatDate(locale: Locale, iso: string): string {
  return formatLocalDate(locale, new Date(iso), { dateStyle: 'medium', timeZone: 'UTC' });
}

/** The last day a share lasts, for an `expiresAt` at the end of that day. */
export function lastDayOf(locale: Locale, expiresAt: string): string {
  return formatDate(locale, new Date(Date.parse(expiresAt) - 1).toISOString());
}

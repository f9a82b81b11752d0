import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { FeedCredentials } from '../../feeds/feed-fetcher';
import { previewFeed, type FeedPreview } from '../../feeds/feed-preview';
import type { CalendarSummary } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { maskUrl } from '../../secrets/masking';
import { resolveTimeZone } from '../../time/zoned-time';
import type { Caller } from '../caller';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import type { FeedsFeatureDeps } from './feed-deps';
import { formatWhen, intervalText, problemText, warningText } from './feed-text';
import { outcomeText } from './feeds-list-flow';

const previewInput = z.object({
  url: z.string().trim().max(2048).optional(),
  user: z.string().trim().max(256).optional(),
  password: z.string().max(1024).optional(),
  token: z.string().trim().max(4096).optional(),
});
const createInput = z.object({ draftId: z.string().uuid(), target: z.string().trim().min(1).max(512).optional(), calendarName: z.string().max(1000).optional() });
const cancelInput = z.object({ draftId: z.string().uuid() });

type StoredPreview = FeedPreview & { floatingZone: string };

/** Feeds up to this many events get their first sync before the card answers. */
const inlineSyncLimit = 300;

/** /addfeed: the address (and credentials), a preview fetched once, the target, then the first sync. */
export class AddFeedFlow {
  constructor(private readonly deps: FeedsFeatureDeps) {}

  /** The command: a preview straight away when the words carry an address, else the form. */
  async start(caller: Caller, args: string): Promise<Reply[]> {
    const url = /(?:webcals?|https?):\/\/\S+/i.exec(args)?.[0];
    if (!url) return [cardReply(this.form(caller))];
    const result = await this.preview(caller, { url });
    return result.card ? [cardReply(result.card)] : (result.replies ?? []);
  }

  async preview(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const source = feedSource(caller, data);
    if (!source.ok) return { card: this.form(caller, source.url, source.error) };
    const { url, credentials } = source;
    const floatingZone = await this.zoneOf(caller);
    const result = await previewFeed(this.deps.fetcher, { url, credentials, floatingZone, now: this.deps.clock.now() });
    if (!result.ok) return { card: this.form(caller, url, `${problemText(caller, result.problem)} ${t('feeds:failed.tryAgain')}`) };
    const preview: StoredPreview = { ...result.preview, floatingZone };
    const draftId = await this.deps.store.createDraft({ ownerId: caller.userId, url, credentials, preview });
    let targets: CalendarSummary[] = [];
    try {
      targets = await this.writableCalendars(caller);
    } catch {
      // The new-calendar choice is always there; the others come back with the next preview.
    }
    return { card: this.previewCard(caller, draftId, url, preview, targets) };
  }

  async create(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const { t } = caller;
    const parsed = createInput.safeParse(data);
    if (!parsed.success) return { replies: [textReply(t('feeds:invalidCard'))] };
    const { draftId, target = 'new', calendarName } = parsed.data;
    const draft = await this.deps.store.draft(draftId);
    if (!draft) return { replies: [textReply(t('feeds:draftGone'))] };
    if (draft.ownerId !== caller.userId) return { replies: [textReply(t('feeds:notYours'))] };
    const preview = draft.preview as StoredPreview;
    const feedName = preview.name?.trim() || t('feeds:preview.untitled');
    try {
      let chosen: CalendarSummary | undefined;
      if (target !== 'new') {
        chosen = (await this.writableCalendars(caller)).find((calendar) => calendar.id === target);
        if (!chosen) return { replies: [textReply(t('feeds:pickTarget'))] };
      }
      const name = (calendarName ?? '').trim() || feedName;
      if (!chosen && name.length > 255) return { replies: [textReply(t('feeds:rename.invalid'))] };
      // Taken before any write, so a second click of the same card does nothing.
      if (!(await this.deps.store.removeDraft(draftId))) return { replies: [textReply(t('feeds:draftGone'))] };
      const calendar = chosen ?? (await this.newCalendar(caller, name));
      const feed = await this.deps.store.create({
        ownerId: caller.userId,
        name: feedName,
        url: draft.url,
        credentials: draft.credentials,
        target: { calendarId: calendar.id, name: calendar.name, createdByBot: !chosen },
        floatingZone: preview.floatingZone,
        refreshMinutes: preview.refreshMinutes,
        nextRunAt: this.deps.clock.now().toISOString(),
      });
      // A small feed syncs within the click; a large one in the background (a card must answer within seconds).
      const outcome = preview.eventCount <= inlineSyncLimit ? await this.deps.sync.sync(feed.id) : this.startInBackground(feed.id);
      return {
        card: renderCard('calendars-notice', {
          title: t('feeds:sync.subscribed', { name: feedName, target: calendar.name }),
          paragraphs: [outcomeText(caller, feed.name, outcome), t('feeds:preview.statement')],
          warning: '',
          buttons: [{ title: t('feeds:pausedNotice.feeds'), verb: Verb.FeedsShow, data: { verb: Verb.FeedsShow } }],
        }),
      };
    } catch (error) {
      this.deps.logger?.warn({ err: error }, 'feed not created');
      return { replies: errorReplies(caller, error) };
    }
  }

  private startInBackground(feedId: string): { status: 'busy' } {
    void this.deps.sync.sync(feedId).catch((error: unknown) => this.deps.logger?.error({ err: error, feed: feedId }, 'first feed sync failed'));
    return { status: 'busy' };
  }

  async cancel(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const parsed = cancelInput.safeParse(data);
    if (parsed.success) {
      const draft = await this.deps.store.draft(parsed.data.draftId);
      if (draft && draft.ownerId !== caller.userId) return { replies: [textReply(caller.t('feeds:notYours'))] };
      if (draft) await this.deps.store.removeDraft(parsed.data.draftId);
    }
    return { replies: [textReply(caller.t('feeds:preview.cancelled'))] };
  }

  /** A calendar named after the feed; a name already taken gets a number. */
  private async newCalendar(caller: Caller, name: string): Promise<CalendarSummary> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.gateway.createCalendar(caller, { name: attempt === 1 ? name : `${name} (${attempt})` });
      } catch (error) {
        if (!(isGraphError(error) && error.reason === 'alreadyExists') || attempt >= 5) throw error;
      }
    }
  }

  /** Calendars the caller may fill: their own and those shared with them at edit level. */
  private async writableCalendars(caller: Caller): Promise<CalendarSummary[]> {
    return (await this.deps.gateway.listMyCalendars(caller)).filter((calendar) => calendar.canEdit);
  }

  /** Where floating times go: the mailbox's zone, else the Teams client's, else UTC. */
  private async zoneOf(caller: Caller): Promise<string> {
    try {
      const me = await this.deps.gateway.getMe(caller);
      return resolveTimeZone(me.timeZone) ?? resolveTimeZone(caller.timeZone) ?? 'UTC';
    } catch {
      return resolveTimeZone(caller.timeZone) ?? 'UTC';
    }
  }

  private form(caller: Caller, url = '', error = ''): AdaptiveCardJson {
    return feedForm(caller, { url, error, action: { verb: Verb.FeedPreview } });
  }


  private previewCard(caller: Caller, draftId: string, url: string, preview: StoredPreview, targets: CalendarSummary[]): AdaptiveCardJson {
    const { t } = caller;
    const name = preview.name?.trim() || t('feeds:preview.untitled');
    const span = preview.first && preview.last ? t('feeds:preview.spanValue', { first: formatWhen(caller, preview.first, true), last: formatWhen(caller, preview.last, true) }) : t('feeds:preview.noEvents');
    const me = targets.find((calendar) => calendar.isDefault)?.owner.address.toLowerCase();
    return renderCard('feed-preview', {
      title: t('feeds:preview.title', { name }),
      facts: [
        { title: t('feeds:preview.address'), value: maskUrl(url.replace(/^webcals?:/i, 'https:')) },
        { title: t('feeds:preview.events'), value: String(preview.eventCount) },
        { title: t('feeds:preview.span'), value: span },
        { title: t('feeds:preview.zones'), value: preview.zones.length ? preview.zones.join(', ') : t('feeds:preview.noZones') },
        { title: t('feeds:preview.refresh'), value: intervalText(caller, preview.refreshMinutes) },
      ],
      warningsTitle: t('feeds:preview.warningsTitle'),
      warnings: preview.warnings.map((warning) => warningText(caller, warning)),
      targetLabel: t('feeds:preview.target'),
      targets: [
        { title: t('feeds:preview.newCalendar'), value: 'new' },
        ...targets.map((calendar) => ({
          title: me && calendar.owner.address.toLowerCase() !== me ? t('feeds:preview.shared', { name: calendar.name, owner: calendar.owner.name }) : calendar.name,
          value: calendar.id,
        })),
      ],
      calendarNameLabel: t('feeds:preview.calendarName'),
      calendarName: name,
      statement: t('feeds:preview.statement'),
      subscribe: t('feeds:preview.subscribe'),
      cancel: t('feeds:preview.cancel'),
      createData: { verb: Verb.FeedCreate, draftId },
      cancelData: { verb: Verb.FeedCancel, draftId },
    });
  }
}

/** The address form: for a new feed (FeedPreview) or to fix a paused one's address or credentials (FeedFixSave). */
export function feedForm(caller: Caller, input: { url: string; error: string; action: Record<string, unknown> & { verb: string }; title?: string }): AdaptiveCardJson {
  const { t } = caller;
  return renderCard('feed-form', {
    title: input.title ?? t('feeds:form.title'),
    intro: t('feeds:form.intro'),
    urlLabel: t('feeds:form.url'),
    urlPlaceholder: t('feeds:form.urlPlaceholder'),
    url: input.url,
    credentialsNote: t('feeds:form.credentialsNote'),
    userLabel: t('feeds:form.user'),
    passwordLabel: t('feeds:form.password'),
    tokenLabel: t('feeds:form.token'),
    preview: t('feeds:form.preview'),
    error: input.error,
    actionVerb: input.action.verb,
    actionData: input.action,
  });
}

/** The address and credentials of the form, checked; or the sentence that says what is missing. */
export function feedSource(caller: Caller, data: Record<string, unknown>): { ok: true; url: string; credentials?: FeedCredentials } | { ok: false; url: string; error: string } {
  const parsed = previewInput.safeParse(data);
  if (!parsed.success) return { ok: false, url: '', error: caller.t('feeds:invalidCard') };
  const { url, user, password, token } = parsed.data;
  if (!url) return { ok: false, url: '', error: caller.t('feeds:form.missingUrl') };
  if (Boolean(user) !== Boolean(password)) return { ok: false, url, error: caller.t('feeds:form.credentialsIncomplete') };
  const credentials: FeedCredentials | undefined = user && password ? { kind: 'basic', user, password } : token ? { kind: 'token', token } : undefined;
  return { ok: true, url, credentials };
}

import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Feed } from '../../feeds/feed-store';
import type { SyncOutcome } from '../../feeds/feed-sync';
import type { Caller } from '../caller';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import type { FeedsFeatureDeps } from './feed-deps';
import { formatWhen, ownFeed, problemText, warningText } from './feed-text';

const feedInput = z.object({ feedId: z.string().uuid() });
const renameInput = feedInput.extend({ name: z.string().max(1000).optional() });
const removeInput = feedInput.extend({ deleteEvents: z.boolean() });

const button = (title: string, verb: string, data: Record<string, unknown> = {}) => ({ title, verb, data: { ...data, verb } });

/** What a sync did, in one sentence. */
export function outcomeText(caller: Caller, name: string, outcome: SyncOutcome): string {
  const { t } = caller;
  switch (outcome.status) {
    case 'synced':
      return t('feeds:sync.done', { name, ...outcome.report });
    case 'failed':
      return t('feeds:sync.failed', { name, reason: problemText(caller, outcome.problem) });
    case 'busy':
      return t('feeds:sync.busy', { name });
    default:
      return t('feeds:sync.unchanged', { name });
  }
}

/** /feeds: each feed's state, and sync now, pause, resume, rename, remove. */
export class FeedsListFlow {
  constructor(private readonly deps: FeedsFeatureDeps) {}

  async show(caller: Caller): Promise<AdaptiveCardJson> {
    const { t } = caller;
    const feeds = await this.deps.store.listFor(caller.userId);
    return renderCard('feeds-list', {
      title: t('feeds:list.title'),
      empty: t('feeds:list.empty'),
      add: t('feeds:list.add'),
      feeds: feeds.map((feed) => this.entry(caller, feed)),
    });
  }

  private entry(caller: Caller, feed: Feed) {
    const { t } = caller;
    const report = feed.lastReport;
    const lines = [
      t('feeds:list.into', { name: feed.target.name }),
      feed.urlMasked,
      feed.status === 'paused' ? t('feeds:list.paused') : t('feeds:list.active'),
      feed.lastSuccessAt ? t('feeds:list.lastSuccess', { date: formatWhen(caller, feed.lastSuccessAt) }) : t('feeds:list.never'),
      ...(feed.status === 'active' ? [t('feeds:list.nextRun', { date: formatWhen(caller, feed.nextRunAt) })] : []),
      ...(report ? [t('feeds:list.changes', { ...report })] : []),
      ...(report?.warnings ?? []).map((warning) => warningText(caller, warning)),
    ];
    const alerts = [
      ...(feed.status === 'paused' && feed.pauseReason && feed.pauseReason !== 'user' ? [t('feeds:list.pausedBecause', { reason: problemText(caller, feed.pauseReason) })] : []),
      ...(feed.status === 'active' && feed.lastProblem ? [t('feeds:list.problem', { reason: problemText(caller, feed.lastProblem) })] : []),
    ];
    const ids = { feedId: feed.id };
    return {
      name: feed.name,
      lines,
      alerts,
      buttons: [
        button(t('feeds:list.syncNow'), Verb.FeedSyncNow, ids),
        feed.status === 'paused' ? button(t('feeds:list.resume'), Verb.FeedResume, ids) : button(t('feeds:list.pause'), Verb.FeedPause, ids),
        ...(feed.status === 'paused' || feed.lastProblem ? [button(t('feeds:list.fix'), Verb.FeedFix, ids)] : []),
        button(t('feeds:list.rename'), Verb.FeedRename, ids),
        button(t('feeds:list.remove'), Verb.FeedRemove, ids),
      ],
    };
  }

  private async load(caller: Caller, data: Record<string, unknown>): Promise<{ ok: true; feed: Feed } | { ok: false; result: ActionResult }> {
    const parsed = feedInput.safeParse(data);
    if (!parsed.success) return { ok: false, result: { replies: [textReply(caller.t('feeds:invalidCard'))] } };
    const own = await ownFeed((id) => this.deps.store.get(id), caller, parsed.data.feedId);
    return own.ok ? own : { ok: false, result: { replies: [textReply(own.text)] } };
  }

  /** Sync now: runs at once (a paused feed too, without resuming it). */
  async syncNow(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    const outcome = await this.deps.sync.sync(own.feed.id);
    return { card: await this.show(caller), replies: [textReply(outcomeText(caller, own.feed.name, outcome))] };
  }

  async pause(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    await this.deps.store.update(own.feed.id, { status: 'paused', pauseReason: 'user' });
    return { card: await this.show(caller), replies: [textReply(caller.t('feeds:pause.paused', { name: own.feed.name }))] };
  }

  /** Resume (and the Retry of a paused notice): active again, failures forgotten, synced now. */
  async resume(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    await this.deps.store.update(own.feed.id, { status: 'active', pauseReason: undefined, failures: 0, nextRunAt: this.deps.clock.now().toISOString() });
    const outcome = await this.deps.sync.sync(own.feed.id);
    return { card: await this.show(caller), replies: [textReply(`${caller.t('feeds:pause.resumed', { name: own.feed.name })} ${outcomeText(caller, own.feed.name, outcome)}`)] };
  }

  async askRename(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    return { card: this.renameCard(caller, own.feed, own.feed.target.name, '') };
  }

  async rename(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const parsed = renameInput.safeParse(data);
    if (!parsed.success) return { replies: [textReply(caller.t('feeds:invalidCard'))] };
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    const name = (parsed.data.name ?? '').trim();
    if (name === '' || name.length > 255) return { card: this.renameCard(caller, own.feed, parsed.data.name ?? '', caller.t('feeds:rename.invalid')) };
    try {
      await this.deps.gateway.renameMyCalendarView(caller, { calendarId: own.feed.target.calendarId, name });
    } catch (error) {
      return { replies: errorReplies(caller, error) };
    }
    await this.deps.store.update(own.feed.id, { targetName: name });
    return { card: await this.show(caller), replies: [textReply(caller.t('feeds:rename.done', { name }))] };
  }

  async askRemove(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    const { t } = caller;
    const ids = { feedId: own.feed.id };
    return {
      card: renderCard('calendars-notice', {
        title: t('feeds:remove.title', { name: own.feed.name }),
        paragraphs: [t('feeds:remove.text', { target: own.feed.target.name })],
        warning: '',
        buttons: [
          button(t('feeds:remove.deleteEvents'), Verb.FeedRemoveConfirm, { ...ids, deleteEvents: true }),
          button(t('feeds:remove.keepEvents'), Verb.FeedRemoveConfirm, { ...ids, deleteEvents: false }),
          button(t('feeds:remove.cancel'), Verb.FeedsShow),
        ],
      }),
    };
  }

  /** Removes the feed; with `deleteEvents`, the events it copied too (never the owner's own events). */
  async remove(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const parsed = removeInput.safeParse(data);
    if (!parsed.success) return { replies: [textReply(caller.t('feeds:invalidCard'))] };
    const own = await this.load(caller, data);
    if (!own.ok) return own.result;
    const { feed } = own;
    let deleted = 0;
    if (parsed.data.deleteEvents) {
      const items = [...(await this.deps.store.items(feed.id)).values()];
      const calendar = { calendarId: feed.target.calendarId, ownerAddress: feed.target.ownerAddress };
      const outcomes = await this.deps.gateway.writeEvents(caller, items.map((item) => ({ op: 'delete' as const, calendar, eventId: item.eventId })));
      const failure = outcomes.find((outcome) => !outcome.ok);
      if (failure && !failure.ok) return { replies: errorReplies(caller, failure.error) };
      deleted = items.length;
    }
    await this.deps.store.remove(feed.id);
    const text = parsed.data.deleteEvents
      ? caller.t('feeds:remove.doneDeleted', { name: feed.name, count: deleted })
      : caller.t('feeds:remove.doneKept', { name: feed.name, target: feed.target.name });
    return { card: await this.show(caller), replies: [textReply(text)] };
  }

  private renameCard(caller: Caller, feed: Feed, value: string, error: string): AdaptiveCardJson {
    const { t } = caller;
    return renderCard('feed-rename', {
      title: t('feeds:rename.title', { name: feed.target.name }),
      label: t('feeds:rename.label'),
      value,
      error,
      save: t('feeds:rename.save'),
      saveData: { verb: Verb.FeedRenameSave, feedId: feed.id },
    });
  }
}

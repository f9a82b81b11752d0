import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import { previewFeed } from '../../feeds/feed-preview';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { feedForm, feedSource } from './add-feed-flow';
import type { FeedsFeatureDeps } from './feed-deps';
import { ownFeed, problemText } from './feed-text';
import { outcomeText, type FeedsListFlow } from './feeds-list-flow';

const feedInput = z.object({ feedId: z.string().uuid() });

/** The "fix" of a failing feed: a new address or new credentials, checked with a fetch before they replace the old ones. */
export class FixFeedFlow {
  constructor(
    private readonly deps: FeedsFeatureDeps,
    private readonly list: FeedsListFlow,
  ) {}

  async ask(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await this.load(caller, data);
    if (!loaded.ok) return loaded.result;
    const { feed } = loaded;
    return { card: feedForm(caller, { url: '', error: '', title: caller.t('feeds:fix.title', { name: feed.name }), action: { verb: Verb.FeedFixSave, feedId: feed.id } }) };
  }

  async save(caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await this.load(caller, data);
    if (!loaded.ok) return loaded.result;
    const { feed } = loaded;
    const action = { verb: Verb.FeedFixSave, feedId: feed.id };
    const title = caller.t('feeds:fix.title', { name: feed.name });
    const source = feedSource(caller, data);
    if (!source.ok) return { card: feedForm(caller, { url: source.url, error: source.error, title, action }) };
    const checked = await previewFeed(this.deps.fetcher, { url: source.url, credentials: source.credentials, floatingZone: feed.floatingZone, now: this.deps.clock.now() });
    if (!checked.ok) return { card: feedForm(caller, { url: source.url, error: problemText(caller, checked.problem), title, action }) };
    await this.deps.store.updateSource(feed.id, source.url, source.credentials);
    await this.deps.store.update(feed.id, { status: 'active', pauseReason: undefined, failures: 0, lastProblem: undefined, nextRunAt: this.deps.clock.now().toISOString() });
    const outcome = await this.deps.sync.sync(feed.id);
    return { card: await this.list.show(caller), replies: [textReply(`${caller.t('feeds:fix.done', { name: feed.name })} ${outcomeText(caller, feed.name, outcome)}`)] };
  }

  private async load(caller: Caller, data: Record<string, unknown>) {
    const parsed = feedInput.safeParse(data);
    if (!parsed.success) return { ok: false as const, result: { replies: [textReply(caller.t('feeds:invalidCard'))] } };
    const own = await ownFeed((id) => this.deps.store.get(id), caller, parsed.data.feedId);
    return own.ok ? own : { ok: false as const, result: { replies: [textReply(own.text)] } };
  }
}

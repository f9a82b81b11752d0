import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Feed } from '../../feeds/feed-store';
import type { FeedProblem } from '../../feeds/feed-sync';
import type { Notifier } from '../notifier';
import { cardReply } from '../reply';
import { problemText } from './feed-text';

/** Tells the owner, in their language, that a feed was paused and why, with Retry and their feeds. */
export function pausedNotifier(notifier: Notifier): (feed: Feed, problem: FeedProblem) => Promise<void> {
  return async (feed, problem) => {
    const recipient = await notifier.reachable(feed.ownerId);
    if (!recipient) return;
    const { t } = recipient;
    const ids = { feedId: feed.id };
    const card = renderCard('calendars-notice', {
      title: t('feeds:pausedNotice.title', { name: feed.name }),
      paragraphs: [t('feeds:pausedNotice.text', { reason: problemText(recipient, problem), target: feed.target.name })],
      warning: '',
      buttons: [
        { title: t('feeds:pausedNotice.retry'), verb: Verb.FeedResume, data: { ...ids, verb: Verb.FeedResume } },
        { title: t('feeds:list.fix'), verb: Verb.FeedFix, data: { ...ids, verb: Verb.FeedFix } },
        { title: t('feeds:list.remove'), verb: Verb.FeedRemove, data: { ...ids, verb: Verb.FeedRemove } },
        { title: t('feeds:pausedNotice.feeds'), verb: Verb.FeedsShow, data: { verb: Verb.FeedsShow } },
      ],
    });
    await notifier.notify(feed.ownerId, [cardReply(card)], { dedupeKey: `feed-paused:${feed.id}:${feed.lastAttemptAt ?? ''}:${feed.failures}` });
  };
}

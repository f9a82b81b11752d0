import { Verb } from '../../cards/verbs';
import type { Feature } from '../feature';
import { cardReply } from '../reply';
import { AddFeedFlow } from './add-feed-flow';
import type { FeedsFeatureDeps } from './feed-deps';
import { FeedsListFlow } from './feeds-list-flow';
import { FixFeedFlow } from './fix-feed-flow';

/** /addfeed and /feeds: iCalendar feeds followed one way into Outlook calendars. */
export function createFeedsFeature(deps: FeedsFeatureDeps): Feature {
  const add = new AddFeedFlow(deps);
  const list = new FeedsListFlow(deps);
  const fix = new FixFeedFlow(deps, list);
  return {
    commands: {
      addfeed: (caller, args) => add.start(caller, args),
      feeds: async (caller) => [cardReply(await list.show(caller))],
    },
    actions: {
      [Verb.FeedPreview]: (caller, data) => add.preview(caller, data),
      [Verb.FeedCreate]: (caller, data) => add.create(caller, data),
      [Verb.FeedCancel]: (caller, data) => add.cancel(caller, data),
      [Verb.FeedsShow]: async (caller) => ({ card: await list.show(caller) }),
      [Verb.FeedSyncNow]: (caller, data) => list.syncNow(caller, data),
      [Verb.FeedPause]: (caller, data) => list.pause(caller, data),
      [Verb.FeedResume]: (caller, data) => list.resume(caller, data),
      [Verb.FeedRename]: (caller, data) => list.askRename(caller, data),
      [Verb.FeedRenameSave]: (caller, data) => list.rename(caller, data),
      [Verb.FeedRemove]: (caller, data) => list.askRemove(caller, data),
      [Verb.FeedRemoveConfirm]: (caller, data) => list.remove(caller, data),
      [Verb.FeedFix]: (caller, data) => fix.ask(caller, data),
      [Verb.FeedFixSave]: (caller, data) => fix.save(caller, data),
    },
  };
}

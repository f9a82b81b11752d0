import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FeedFetcher } from '../../feeds/feed-fetcher';
import type { FeedStore } from '../../feeds/feed-store';
import type { FeedSync } from '../../feeds/feed-sync';
import type { CalendarGateway } from '../../graph/calendar-gateway';

/** What the /addfeed and /feeds flows work with. */
export interface FeedsFeatureDeps {
  store: FeedStore;
  sync: FeedSync;
  fetcher: Pick<FeedFetcher, 'fetch'>;
  gateway: CalendarGateway;
  clock: Clock;
  logger?: Logger;
}

import { randomUUID } from 'node:crypto';
import type { LookupFunction } from 'node:net';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import { createFeedsFeature } from '../dialogs/feeds/feeds-feature';
import { pausedNotifier } from '../dialogs/feeds/paused-notice';
import type { Feature } from '../dialogs/feature';
import type { Notifier } from '../dialogs/notifier';
import type { CalendarGateway } from '../graph/calendar-gateway';
import { secretBoxFrom } from '../secrets/key-source';
import type { DatabaseSchema } from '../storage/schema';
import { FeedFetcher } from './feed-fetcher';
import { appIdentityAccess, type FeedGraphAccess } from './feed-graph-access';
import { FeedScheduler } from './feed-scheduler';
import { FeedStore } from './feed-store';
import { FeedSync } from './feed-sync';

export interface FeedsDeps {
  config: AppConfig;
  db: Kysely<DatabaseSchema>;
  gateway: CalendarGateway;
  notifier: Notifier;
  clock: Clock;
  logger?: Logger;
  /** Tests only: a DNS stand-in for the fetcher. */
  lookup?: LookupFunction;
  /** Where background syncs get their Graph identity (issue 9 repoints this). */
  graphAccess?: FeedGraphAccess;
}

/** The feeds feature, composed: store, safe fetcher, sync engine, scheduler and the /addfeed and /feeds flows. */
export function createFeeds(deps: FeedsDeps): { feature: Feature; scheduler: FeedScheduler; store: FeedStore } {
  const { config, clock, logger } = deps;
  const secrets = secretBoxFrom({ encryptionKeys: config.secrets.encryptionKeys, mode: config.mode, dataDir: config.storage.dataDir });
  const store = new FeedStore(deps.db, secrets, clock);
  const fetcher = new FeedFetcher({ ...config.feeds, lookup: deps.lookup });
  const sync = new FeedSync({
    store,
    gateway: deps.gateway,
    fetcher,
    graphAccess: deps.graphAccess ?? appIdentityAccess,
    clock,
    instanceId: randomUUID(),
    logger,
    onPaused: pausedNotifier(deps.notifier),
  });
  const feature = createFeedsFeature({ store, sync, fetcher, gateway: deps.gateway, clock, logger });
  return { feature, scheduler: new FeedScheduler({ store, sync, clock, logger }), store };
}

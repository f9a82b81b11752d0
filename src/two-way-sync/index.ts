/**
 * Builds the two-way CalDAV sync for the runtime: store (password sealed with the deployment's secret
 * box, as feed credentials are), Outlook side, engine, the /sync feature, and the
 * timer that runs due pairs.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { AppConfig } from '../config';
import { createSyncFeature } from '../dialogs/sync/sync-feature';
import type { Feature } from '../dialogs/feature';
import type { Notifier } from '../dialogs/notifier';
import { textReply } from '../dialogs/reply';
import { appIdentityAccess } from '../feeds/feed-graph-access';
import type { CalendarGateway } from '../graph/calendar-gateway';
import { secretBoxFrom } from '../secrets/key-source';
import type { DatabaseSchema } from '../storage/schema';
import { OutlookCalendar } from './outlook-calendar';
import { SyncPairStore } from './sync-pair-store';
import { TwoWaySync } from './two-way-sync';

export interface TwoWaySyncRuntime {
  feature: Feature;
  engine: TwoWaySync;
  store: SyncPairStore;
  /** Starts the timer that syncs due pairs; returns its stop function. */
  start(intervalMs: number): () => void;
}

export function createTwoWaySync(deps: { config: AppConfig; db: Kysely<DatabaseSchema>; gateway: CalendarGateway; clock: Clock; logger: Logger; instanceId: string; notifier?: Notifier; localCalDav?: { url: string; userName: string; password: string } }): TwoWaySyncRuntime {
  const { config, clock, logger } = deps;
  const store = new SyncPairStore(deps.db, secretBoxFrom({ encryptionKeys: config.secrets.encryptionKeys, mode: config.mode, dataDir: config.storage.dataDir }), clock);
  const outlook = new OutlookCalendar({ gateway: deps.gateway });
  const engine = new TwoWaySync({
    store,
    outlook,
    graphAccess: appIdentityAccess,
    clock,
    instanceId: deps.instanceId,
    logger,
    // The owner hears once per pause, in the language they last used, with the plain reason.
    onPaused: async (pair, problem) => {
      const recipient = await deps.notifier?.reachable(pair.ownerId);
      if (!recipient || !deps.notifier) return;
      const text = recipient.t('sync:pausedNotice', { outlook: pair.outlook.name, caldav: pair.caldav.name, reason: recipient.t(`sync:problems.${problem}`) });
      await deps.notifier.notify(pair.ownerId, [textReply(text)], { dedupeKey: `two-way-sync:${pair.id}:paused:${pair.lastAttemptAt ?? clock.now().toISOString()}` });
    },
  });
  const feature = createSyncFeature({ store, engine, gateway: deps.gateway, clock, allowHttpLoopback: config.mode === 'local', localCalDav: deps.localCalDav });
  return {
    feature,
    engine,
    store,
    start(intervalMs) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        engine
          .runDue()
          .catch((error: unknown) => logger.error({ err: error }, 'two-way sync run failed'))
          .finally(() => {
            running = false;
          });
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

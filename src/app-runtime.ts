import path from 'node:path';
import type { Logger } from 'pino';
import { createBotAdapter } from './bot/adapter';
import { createTeamsApp, type BotStateStorage } from './bot/app';
import { BotEndpoint } from './bot/bot-endpoint';
import { captureConversation } from './bot/conversation-capture';
import { OutboxDispatcher } from './bot/outbox-dispatcher';
import { teamsSsoOptions, TurnTokenProvider } from './bot/teams-sso';
import { systemClock, type Clock } from './clock';
import type { AppConfig } from './config';
import { createCalendarsFeature } from './dialogs/calendars/calendars-feature';
import { pendingInvitationsFrom } from './dialogs/calendars/pending-invitations';
import { CommandRouter } from './dialogs/command-router';
import type { Feature } from './dialogs/feature';
import { createCalendarGateway, probeGraph } from './graph';
import type { CalendarGateway, TokenProvider } from './graph/calendar-gateway';
import { LocalTokenProvider } from './graph/local-token-provider';
import { createLogger } from './logger';
import type { Notifier } from './dialogs/notifier';
import { ConversationStore } from './outbox/conversation-store';
import { OutboxNotifier } from './outbox/outbox-notifier';
import { OutboxStore } from './outbox/outbox-store';
import { SendLimiter } from './outbox/send-limiter';
import { SharedSendLimiter } from './outbox/shared-send-limiter';
import { RetentionJob, startRetention } from './retention/retention-job';
import { startServer, type RunningServer } from './server';
import { SqlBotStorage } from './storage/bot-state-storage';
import { openDatabase, type AppDatabase } from './storage/database';
import { createSubscribeFeature } from './dialogs/subscribe/subscribe-feature';
import { AccessRequestStore } from './subscriptions/access-request-store';
import { SqlSubscriptionStore } from './subscriptions/subscription-store';
import { createSharing } from './sharing';
import type { ShareHooks } from './sharing/share-deps';
import { acceptCodeLimits, AttemptLimiter } from './sharing/attempt-limiter';
import { startShareMaintenance, type ShareMaintenance } from './sharing/share-maintenance';
import { createTroubleshootFeature } from './dialogs/troubleshoot/troubleshoot-feature';
import { sharingRecordsFrom } from './troubleshoot/sharing-records';
import { loadTroubleshootTrees } from './troubleshoot/tree-loader';
import { createFreeBusyFeature } from './dialogs/freebusy/freebusy-feature';
import { createSnapshotFeature } from './dialogs/snapshot/snapshot-feature';
import { graphMailLimits, SnapshotBuilder } from './snapshot/snapshot-builder';
import { SnapshotDraftStore } from './snapshot/snapshot-draft';
import { createPublishFeature } from './dialogs/publish/publish-feature';
import { publishedLinkEntries } from './dialogs/publish/published-links';
import { FeedBuilder } from './publishing/feed-builder';
import { FeedCache } from './publishing/feed-cache';
import { FeedService } from './publishing/feed-service';
import { gatewayFeedSource, type FeedCalendarSource } from './publishing/feed-source';
import { PublicationStore } from './publishing/publication-store';
import { PersonalShareLinks } from './publishing/share-links';

export interface AppOptions {
  logger?: Logger;
  clock?: Clock;
  /** Graph tokens; defaults to the emulator's in local mode. */
  tokenProvider?: TokenProvider;
  /** Replaces the SQL turn-state storage (tests of concurrency failures). */
  botStorage?: BotStateStorage;
  /** Tests deliver queued proactive messages themselves (`outbox.drain()`), deterministically. */
  manualOutbox?: boolean;
  /** Tests only: a seam in the share flow to play a stop between a Graph write and its notifications. */
  sharingHooks?: ShareHooks;
  /** Tests only: the waits between attempts to update a clicked card for everyone. */
  cardUpdateRetryMs?: number[];
  /** Tests only: how often a running share operation shows it is alive (default 20 s). */
  sharingHeartbeatMs?: number;
  /** How published feeds read calendars without the user (default: the gateway, as background jobs do today). */
  feedSource?: FeedCalendarSource;
  /** Tests only: where the troubleshooting trees are read from (default src/troubleshoot). */
  troubleshootTreesDir?: string;
  /** Tests only: the PostgreSQL schema the tables live in, so runs on one database stay apart. */
  databaseSchema?: string;
}

export interface RunningApp {
  url: string;
  database: AppDatabase;
  gateway: CalendarGateway;
  notifier: Notifier;
  outbox: OutboxDispatcher;
  /** Recovery of interrupted shares and expiry of shares with an end date (tests call it with the fake clock). */
  shareMaintenance: ShareMaintenance;
  /** Deletes old records (runs hourly in the runtime; tests call `run`). */
  retention: RetentionJob;
  close(): Promise<void>;
}

/** Wires storage, Graph, dialogs and the Teams app together, and starts the HTTP server. */
export async function startApp(config: AppConfig, options: AppOptions = {}): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  if (config.mode === 'local') {
    logger.warn(`LOCAL MODE: the bot is unauthenticated and only accepts loopback callers on ${config.server.host}. Never expose it.`);
  }
  // Before anything is opened: a broken decision tree stops start-up with a one-line TreeValidationError.
  const troubleshootTrees = loadTroubleshootTrees(options.troubleshootTreesDir);

  const database = await openDatabase({
    databaseUrl: config.storage.databaseUrl,
    sqliteFile: path.join(config.storage.dataDir, 'bot.sqlite'),
    schema: options.databaseSchema,
    logger,
  });
  const ssoTokens = config.mode === 'production' && !options.tokenProvider ? new TurnTokenProvider() : undefined;
  const tokenProvider = options.tokenProvider ?? ssoTokens ?? new LocalTokenProvider();
  const gateway = createCalendarGateway({ baseUrl: config.graph.baseUrl, tokenProvider, logger });

  const { adapter, auth } = createBotAdapter(config);
  const conversations = new ConversationStore(database.db, clock);
  const outboxStore = new OutboxStore(database.db, clock, { leaseMs: config.outbox.leaseMs });
  // Several instances share PostgreSQL, so Teams' limits are counted there; SQLite means one instance.
  const limiter = database.pool ? new SharedSendLimiter(database.pool) : new SendLimiter();
  const outbox = new OutboxDispatcher({ adapter, botAppId: config.bot.appId, outbox: outboxStore, conversations, limiter, clock, logger });
  const retention = new RetentionJob({ db: database.db, clock, ages: config.retention, logger });
  const notifier = new OutboxNotifier(conversations, outboxStore, () => outbox.kick());

  const publications = new PublicationStore(database.db, clock);
  // Public links: the configured https origin, else (local mode) the server's own address once it listens.
  let linkBase = config.publishing.baseUrl ?? '';
  // One store for invitations accepted (share flow) and calendars picked with /subscribe: the same records.
  const subscriptions = new SqlSubscriptionStore(database.db, clock);
  const personalLinks = new PersonalShareLinks({ publications, gateway, policy: config.sharingPolicy, linkBase: () => linkBase });
  const sharing = createSharing({
    db: database.db,
    gateway,
    directory: gateway,
    notifier,
    subscriptions,
    policy: config.sharingPolicy,
    clock,
    logger,
    hooks: options.sharingHooks,
    acceptAttempts: new AttemptLimiter({ name: 'accept-code', limits: acceptCodeLimits, pool: database.pool }),
    heartbeatMs: options.sharingHeartbeatMs,
    publishedLinks: (caller) => publishedLinkEntries({ publications }, caller),
    externalLinks: config.publishing.externalShareLinks ? personalLinks : undefined,
  });
  const subscriptionDeps = {
    gateway,
    subscriptions,
    accessRequests: new AccessRequestStore(database.db, clock),
    notifier,
    clock,
    logger,
    pendingInvitations: pendingInvitationsFrom(sharing.invitations),
  };
  const sharingRecords = sharingRecordsFrom({ subscriptions, invitations: sharing.invitations });
  const freeBusy = createFreeBusyFeature({ db: database.db, gateway, clock, logger });
  const troubleshoot = createTroubleshootFeature({
    config, db: database.db, gateway, trees: troubleshootTrees, records: sharingRecords, notifier, clock, logger,
    bookingToolView: (caller) => freeBusy.bookingToolView.show(caller),
  });
  const snapshot = createSnapshotFeature({
    gateway,
    drafts: new SnapshotDraftStore(database.db, clock),
    builder: new SnapshotBuilder({ gateway, clock, limits: { ...graphMailLimits, maxEvents: config.snapshot.maxEvents } }),
    policy: config.sharingPolicy,
    clock,
    logger,
    directory: gateway,
  });
  const publish = createPublishFeature({ gateway, publications, policy: config.publishing.maxLevel, linkBase: () => linkBase, clock, logger, personalLinks });
  const { cacheSeconds, ratePerMinute } = config.publishing;
  // Feeds read calendars without the user: options.feedSource is the seam for the application identity.
  const feedBuilder = new FeedBuilder({ source: options.feedSource ?? gatewayFeedSource(gateway), clock, window: config.publishing, refreshMinutes: Math.max(5, Math.ceil(cacheSeconds / 60)) });
  const feedCache = new FeedCache({ builder: feedBuilder, clock, cacheSeconds, db: database.db });
  const feeds = new FeedService({ publications, cache: feedCache, clock, cacheSeconds, ratePerMinute, pool: database.pool, logger });
  const features: Feature[] = [createSubscribeFeature(subscriptionDeps), createCalendarsFeature(subscriptionDeps), ...sharing.features, troubleshoot, freeBusy, snapshot, publish];
  const router = new CommandRouter(Object.assign({}, ...features.map((feature) => feature.commands ?? {})) as Feature['commands'] & object);
  const app = createTeamsApp({
    adapter,
    storage: options.botStorage ?? new SqlBotStorage(database.db, clock),
    router,
    features,
    logger,
    onTurn: captureConversation(conversations),
    botAppId: config.bot.appId,
    deferReplies: (userId, replies, dedupeKey) => notifier.notify(userId, replies, { dedupeKey }),
    cardUpdateRetryMs: options.cardUpdateRetryMs,
    sso: ssoTokens && { authentication: teamsSsoOptions(config), tokens: ssoTokens },
  });
  const endpoint = new BotEndpoint({ mode: config.mode, auth, adapter, app, allowedTenantIds: config.allowedTenantIds, logger });

  let server: RunningServer;
  try {
    server = await startServer({
      mode: config.mode,
      host: config.server.host,
      port: config.server.port,
      handleActivity: (request) => endpoint.handle(request),
      feeds,
      probes: [
        { name: 'storage', check: () => database.ping() },
        { name: 'graph', check: () => probeGraph(config.graph.baseUrl) },
      ],
      logger,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  linkBase ||= server.url;
  logger.info({ url: server.url, mode: config.mode }, 'bot listening');
  if (!options.manualOutbox) outbox.start(2_000);
  // Like the outbox, background work runs on timers in the runtime only; tests drive it themselves.
  const stopShareMaintenance = options.manualOutbox ? () => undefined : startShareMaintenance(sharing.maintenance, 60_000, logger);
  const stopRetention = options.manualOutbox ? () => undefined : startRetention(retention, 3600_000, logger);
  return {
    url: server.url,
    database,
    gateway,
    notifier,
    outbox,
    shareMaintenance: sharing.maintenance,
    retention,
    close: async () => {
      stopRetention();
      stopShareMaintenance();
      outbox.stop();
      await server.close();
      await database.close();
    },
  };
}

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
import { startShareMaintenance, type ShareMaintenance } from './sharing/share-maintenance';
import { createTroubleshootFeature } from './dialogs/troubleshoot/troubleshoot-feature';
import { sharingRecordsFrom } from './troubleshoot/sharing-records';
import { loadTroubleshootTrees } from './troubleshoot/tree-loader';
import { PlainWords } from './dialogs/plain-words';
import { ConversationContextStore, MessageUnderstanding, trainedClassifier } from './nlu';

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
  /** Tests only: how often a running share operation shows it is alive (default 20 s). */
  sharingHeartbeatMs?: number;
  /** Tests only: where the troubleshooting trees are read from (default src/troubleshoot). */
  troubleshootTreesDir?: string;
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
  const classifier = await trainedClassifier();

  const database = await openDatabase({
    databaseUrl: config.storage.databaseUrl,
    sqliteFile: path.join(config.storage.dataDir, 'bot.sqlite'),
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

  // One store for invitations accepted (share flow) and calendars picked with /subscribe: the same records.
  const subscriptions = new SqlSubscriptionStore(database.db, clock);
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
    heartbeatMs: options.sharingHeartbeatMs,
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
  const troubleshoot = createTroubleshootFeature({ config, db: database.db, gateway, trees: troubleshootTrees, records: sharingRecords, notifier, clock, logger });
  const features: Feature[] = [createSubscribeFeature(subscriptionDeps), createCalendarsFeature(subscriptionDeps), ...sharing.features, troubleshoot];
  const plainWords = new PlainWords({ understanding: new MessageUnderstanding({ classifier, directory: gateway }), context: new ConversationContextStore(database.db, clock) });
  const router = new CommandRouter(Object.assign({}, ...features.map((feature) => feature.commands ?? {})) as Feature['commands'] & object, plainWords);
  const app = createTeamsApp({
    adapter,
    storage: options.botStorage ?? new SqlBotStorage(database.db, clock),
    router,
    features,
    logger,
    onTurn: captureConversation(conversations),
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

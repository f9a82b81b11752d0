import { randomUUID } from 'node:crypto';
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
import { OutlookAddFlow } from './dialogs/calendars/outlook-add-flow';
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
import { createTwoWaySync } from './two-way-sync';
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
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import { parkedWorkForHelpdesk, parkedWorkNotices } from './dialogs/identity/parked-work-text';
import { AppTokenProvider } from './identity/app-token-provider';
import { trustingNetworkClient } from './identity/entra-network-client';
import { IdentityTokenProvider } from './identity/identity-token-provider';
import { ParkedJobStore } from './jobs/parked-job-store';
import { ProactiveInstall } from './bot/proactive-install';
import { createAppInstallations } from './graph/teams-apps';
import type { LookupFunction } from 'node:net';
import { createFeeds } from './feeds';
import { startFeedScheduler, type FeedScheduler } from './feeds/feed-scheduler';
import { PlainWords } from './dialogs/plain-words';
import { helpdeskMembership } from './dialogs/troubleshoot/helpdesk-mode';
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
  /** Tests only: the waits between attempts to update a clicked card for everyone. */
  cardUpdateRetryMs?: number[];
  /** Tests only: how often a running share operation shows it is alive (default 20 s). */
  sharingHeartbeatMs?: number;
  /** Tests only: how published feeds read calendars (default: the gateway with the app identity). */
  feedSource?: FeedCalendarSource;
  /** Tests only: where the troubleshooting trees are read from (default src/troubleshoot). */
  troubleshootTreesDir?: string;
  /** Tests and doctor against the emulators: the local Entra emulator's TLS certificate, trusted by MSAL. */
  entraCa?: string;
  /** Tests of the production path: how the bot signs its calls to the connector (default: its app password). */
  botCredentials?: ServiceClientCredentialsFactory;
  /** Tests only: a DNS stand-in for feed fetching (with FEEDS_ALLOW_LOOPBACK_FOR_TESTS). */
  feedLookup?: LookupFunction;
  /** `npm start`'s local Radicale and its demo account, offered on the /sync connect card. */
  localCalDav?: { url: string; userName: string; password: string };
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
  /** Background work waiting for the app identity. */
  parkedJobs: ParkedJobStore;
  /** Production: the tokens each running turn holds (tests check none outlives its turn). */
  turnTokens?: TurnTokenProvider;
  /** Syncs the iCalendar feeds that are due (tests call it with the fake clock). */
  feeds: FeedScheduler;
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
    schema: options.databaseSchema,
    logger,
  });
  const ssoTokens = config.mode === 'production' && !options.tokenProvider ? new TurnTokenProvider() : undefined;
  const delegatedTokens = options.tokenProvider ?? ssoTokens ?? new LocalTokenProvider();
  const entraNetwork = options.entraCa ? trustingNetworkClient(options.entraCa) : undefined;
  const appTokens = config.appIdentity && new AppTokenProvider({ identity: config.appIdentity, authorityHost: config.entra.authorityHost, networkClient: entraNetwork, logger });
  if (config.mode === 'production' && !appTokens) {
    logger.warn('No app identity configured (GRAPH_APP_CERTIFICATE_PATH or SECRET_GRAPH_APP_CLIENT_SECRET): end dates, recovery and fallback emails wait, parked, until one is.');
  }
  // Locally without an app identity, the emulator's token for the mailbox's owner stands in for it.
  const tokenProvider = config.mode === 'local' && !appTokens ? delegatedTokens : new IdentityTokenProvider(delegatedTokens, appTokens);
  const gateway = createCalendarGateway({ baseUrl: config.graph.baseUrl, tokenProvider, logger, clock });
  const parkedJobs = new ParkedJobStore(database.db, clock);

  const { adapter, auth } = createBotAdapter(config, logger, options.botCredentials);
  const conversations = new ConversationStore(database.db, clock);
  const outboxStore = new OutboxStore(database.db, clock, { leaseMs: config.outbox.leaseMs });
  // Several instances share PostgreSQL, so Teams' limits are counted there; SQLite means one instance.
  // Loaded only with PostgreSQL, like its driver.
  const limiter = database.pool ? new (await import('./outbox/shared-send-limiter')).SharedSendLimiter(database.pool) : new SendLimiter();
  const outbox = new OutboxDispatcher({ adapter, botAppId: config.bot.appId, outbox: outboxStore, conversations, limiter, clock, logger });
  const retention = new RetentionJob({ db: database.db, clock, ages: config.retention, logger });
  const notifier = new OutboxNotifier(conversations, outboxStore, () => outbox.kick());
  const proactiveInstall = config.teamsAppId
    ? new ProactiveInstall({ installations: createAppInstallations({ baseUrl: config.graph.baseUrl, tokenProvider, logger }), conversations, teamsAppId: config.teamsAppId, logger })
    : undefined;

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
    outlookSteps: (caller, calendar, outlookList) => outlookAdd.guideFor(caller, calendar, outlookList),
    externalLinks: config.publishing.externalShareLinks ? personalLinks : undefined,
    parked: parkedJobs,
    reachByInstall: proactiveInstall && (async (recipient, owner) => ['installed', 'alreadyInstalled'].includes(await proactiveInstall.reach(recipient, owner))),
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
  const outlookAdd = new OutlookAddFlow(subscriptionDeps);
  const sharingRecords = sharingRecordsFrom({ subscriptions, invitations: sharing.invitations });
  const freeBusy = createFreeBusyFeature({ db: database.db, gateway, clock, logger });
  const troubleshoot = createTroubleshootFeature({
    config, db: database.db, gateway, trees: troubleshootTrees, records: sharingRecords, notifier, clock, logger,
    bookingToolView: (caller) => freeBusy.bookingToolView.show(caller),
    parkedWork: (speaker, userId) => parkedWorkForHelpdesk(parkedJobs, speaker, userId),
    resendInvitation: (invitationId, recipientUserId, dedupeKey) => sharing.resendInvitation(invitationId, recipientUserId, dedupeKey),
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
  // Feeds read calendars without the user, with the app identity (options.feedSource replaces it in tests).
  const feedBuilder = new FeedBuilder({ source: options.feedSource ?? gatewayFeedSource(gateway), clock, window: config.publishing, refreshMinutes: Math.max(5, Math.ceil(cacheSeconds / 60)) });
  const feedCache = new FeedCache({ builder: feedBuilder, clock, cacheSeconds, db: database.db });
  const publishedFeeds = new FeedService({ publications, cache: feedCache, clock, cacheSeconds, ratePerMinute, pool: database.pool, logger });
  const feedImports = createFeeds({ config, db: database.db, gateway, notifier, clock, logger, lookup: options.feedLookup });
  const features: Feature[] = [createSubscribeFeature(subscriptionDeps), createCalendarsFeature(subscriptionDeps, outlookAdd), ...sharing.features, troubleshoot, freeBusy, snapshot, publish, feedImports.feature];
  const twoWaySync = createTwoWaySync({ config, db: database.db, gateway, clock, logger, instanceId: randomUUID(), notifier, localCalDav: options.localCalDav });
  features.push(twoWaySync.feature);
  const plainWords = new PlainWords({ understanding: new MessageUnderstanding({ classifier, directory: gateway }), context: new ConversationContextStore(database.db, clock) });
  const router = new CommandRouter(Object.assign({}, ...features.map((feature) => feature.commands ?? {})) as Feature['commands'] & object, plainWords, helpdeskMembership(gateway, config.helpdeskUsers, clock));
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
    sso: ssoTokens && { authentication: teamsSsoOptions(config, entraNetwork), tokens: ssoTokens },
    turnNotices: parkedWorkNotices(parkedJobs),
  });
  const endpoint = new BotEndpoint({ mode: config.mode, auth, adapter, app, allowedTenantIds: config.allowedTenantIds, logger });

  let server: RunningServer;
  try {
    server = await startServer({
      mode: config.mode,
      host: config.server.host,
      port: config.server.port,
      handleActivity: (request) => endpoint.handle(request),
      feeds: publishedFeeds,
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
  const stopFeedScheduler = options.manualOutbox ? () => undefined : startFeedScheduler(feedImports.scheduler, 60_000, logger);
  const stopTwoWaySync = options.manualOutbox ? () => undefined : twoWaySync.start(60_000);
  return {
    url: server.url,
    database,
    gateway,
    notifier,
    outbox,
    shareMaintenance: sharing.maintenance,
    retention,
    parkedJobs,
    turnTokens: ssoTokens,
    feeds: feedImports.scheduler,
    close: async () => {
      stopRetention();
      stopShareMaintenance();
      stopFeedScheduler();
      stopTwoWaySync();
      outbox.stop();
      await server.close();
      await database.close();
    },
  };
}

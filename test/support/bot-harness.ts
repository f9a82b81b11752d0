import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp, type AppOptions, type RunningApp } from '../../src/app-runtime';
import { ManualClock } from '../../src/clock';
import { parseConfig, type AppConfig } from '../../src/config';
import { startGraphEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import { tenantId, type DemoUser } from './demo-users';
import { FakeConnector, type SentActivity } from './fake-connector';

export interface TurnResult {
  status: number;
  /** The invoke response body (card actions) or undefined. */
  body: unknown;
  /** Messages the bot sent during the turn, typing indicators left out. */
  messages: SentActivity[];
  /** Everything the bot sent, typing indicators included. */
  all: SentActivity[];
}

/**
 * The bot as Teams sees it, over real HTTP: the app in local mode, the Graph emulator, and a fake
 * connector for the bot's replies. Turns go through POST /api/messages like the Agents Playground's.
 */
export class BotHarness {
  readonly clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  emulator!: RunningEmulator;
  connector!: FakeConnector;
  app!: RunningApp;
  config!: AppConfig;
  protected dataDir = '';
  private nextActivity = 1;

  async start(env: Record<string, string> = {}, options: AppOptions = {}, emulatorOptions: EmulatorOptions = {}): Promise<this> {
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'csa-test-'));
    this.emulator = await startGraphEmulator({ ...emulatorOptions, clock: this.clock });
    this.connector = await new FakeConnector().start();
    this.config = parseConfig({
      APP_MODE: 'local',
      BOT_PORT: '0',
      DATA_DIR: this.dataDir,
      GRAPH_BASE_URL: await this.graphBaseUrl(),
      ALLOWED_TENANT_IDS: tenantId,
      HELPDESK_USERS: 'lynner@example.com',
      SHARING_POLICY_DOMAINS: 'partner.example.org:limitedRead',
      ...env,
    });
    this.app = await startApp(this.config, { ...this.baseOptions(), ...options });
    return this;
  }

  /** Where the bot finds Graph: the emulator itself; a harness may put a proxy in front (test/support/graph-recorder.ts). */
  protected graphBaseUrl(): Promise<string> {
    return Promise.resolve(this.emulator.baseUrl);
  }

  /** What every start of the app gets (the production harness adds its emulators' trust and credentials). */
  protected baseOptions(): AppOptions {
    return { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), clock: this.clock, manualOutbox: true };
  }

  /**
   * Stops the bot process and starts a new one on the same database and emulator: what a crash
   * and restart (or a second instance) looks like. Returns the new app; the harness now uses it.
   */
  async restartApp(options: AppOptions = {}): Promise<RunningApp> {
    await this.app.close();
    this.app = await startApp(this.config, { ...this.baseOptions(), ...options });
    return this.app;
  }

  /** A second bot instance sharing this one's database, emulator and connector. Close it yourself. */
  startSecondInstance(options: AppOptions = {}): Promise<RunningApp> {
    return startApp(this.config, { ...this.baseOptions(), ...options });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.connector?.close();
    await this.emulator?.close();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The activity Teams would post for this user in their 1:1 chat with the bot. */
  activity(user: DemoUser, fields: Record<string, unknown>): Record<string, unknown> {
    return {
      id: `incoming-${this.nextActivity++}`,
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      timestamp: this.clock.now().toISOString(),
      locale: user.locale,
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:bot', name: 'Calendar Sharing Assistant' },
      conversation: { id: `personal-${user.aadObjectId}`, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      ...fields,
    };
  }

  async post(body: unknown, headers: Record<string, string> = {}): Promise<TurnResult> {
    const before = this.connector.sent.length;
    const response = await fetch(`${this.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const all = this.connector.sent.slice(before);
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, messages: all.filter((a) => a.type === 'message'), all };
  }

  /** Delivers every queued proactive message that is due (the runtime does this on a timer). */
  async deliverOutbox(): Promise<SentActivity[]> {
    const before = this.connector.sent.length;
    await this.app.outbox.drain();
    return this.connector.sent.slice(before);
  }

  /** The user types a message. */
  say(user: DemoUser, text: string): Promise<TurnResult> {
    return this.post(this.activity(user, { type: 'message', text }));
  }

  /** The user clicks an Action.Execute button carrying `data` (verb included). */
  click(user: DemoUser, data: Record<string, unknown>, replyToId = 'card-1'): Promise<TurnResult> {
    return this.post(
      this.activity(user, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId,
        value: { action: { type: 'Action.Execute', verb: data.verb, data } },
      }),
    );
  }
}

export async function startBotHarness(env: Record<string, string> = {}, options: AppOptions = {}): Promise<BotHarness> {
  return new BotHarness().start(env, options);
}

/**
 * One bot for the enclosing describe block: started before its first test, stopped after its last.
 * Call it where the hooks go; the harness it returns is started by the time a test runs.
 */
export function suiteHarness(env: Record<string, string> = {}, options: AppOptions = {}, emulatorOptions: EmulatorOptions = {}): BotHarness {
  const bot = new BotHarness();
  beforeAll(() => bot.start(env, options, emulatorOptions));
  afterAll(() => bot.stop());
  return bot;
}

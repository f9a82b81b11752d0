import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { ServiceClientCredentials, ServiceClientCredentialsFactory } from 'botframework-connector';
import { startApp, type AppOptions } from '../../src/app-runtime';
import { parseConfig, type AppConfig } from '../../src/config';
import { startGraphEmulator } from '../../src/emulator';
import { createLogger } from '../../src/logger';
import { startEntraEmulator, type RunningEntraEmulator } from '../../src/emulator/entra/entra-emulator';
import { BotHarness, type TurnResult } from './bot-harness';
import { tenantId, type DemoUser } from './demo-users';
import { FakeConnector, type SentActivity } from './fake-connector';
import { FakeOpenIdIssuer } from './fake-openid';

export const prodBotId = 'prod-bot-id';
export const prodClientId = '11111111-2222-3333-4444-555555555555';
/** The Application ID URI Teams SSO tokens are issued for (manifest webApplicationInfo.resource). */
export const ssoAudience = `api://bot.contoso.com/botid-${prodBotId}`;
export const delegatedScopes = ['Calendars.ReadWrite', 'Calendars.Read.Shared', 'User.ReadBasic.All', 'MailboxSettings.Read', 'Mail.Send'];
export const appRoles = ['Calendars.ReadWrite', 'Mail.Send', 'User.Read.All'];
/** What the bot's own calls to the connector carry: a test logs nothing of it. */
export const botConnectorToken = 'eyJhbGciOiJub25lIn0.eyJjb25uZWN0b3IiOiJib3QifQ.Y29ubmVjdG9yLXRva2VuLXNlY3JldA';

/** Signs the bot's calls to the connector with a fixed token (the Bot Framework's login is not on this machine). */
class FixedBotCredentials implements ServiceClientCredentialsFactory {
  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(appId === prodBotId);
  }
  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(false);
  }
  createCredentials(): Promise<ServiceClientCredentials> {
    return Promise.resolve({
      signRequest: (request: { headers: { set(name: string, value: string): void } }) => {
        request.headers.set('Authorization', `Bearer ${botConnectorToken}`);
        return Promise.resolve(request);
      },
    } as unknown as ServiceClientCredentials);
  }
}

/**
 * The bot in production mode, end to end on this machine: activities signed by a fake Bot Framework
 * issuer, Teams SSO exchanged on-behalf-of through teams-ai and MSAL against the local Entra
 * emulator, Graph calls checked by the Graph emulator in entra mode, jobs with the app identity
 * (client credentials with a certificate). Same turn API as BotHarness.
 */
export interface ProductionHarnessOptions {
  /** Application permissions the app holds at start (default: Calendars.ReadWrite, Mail.Send, User.Read.All). */
  appRoles?: string[];
  /** App token lifetime; short ones make MSAL ask Entra at every job, so role changes apply at once. */
  appTokenSeconds?: number;
  /** User token lifetime: long ones survive a test clock moved days ahead (Graph checks expiry on that clock). */
  userTokenSeconds?: number;
}

export class ProductionHarness extends BotHarness {
  entra!: RunningEntraEmulator;
  readonly issuer = new FakeOpenIdIssuer();
  readonly logLines: string[] = [];

  constructor(private readonly harnessOptions: ProductionHarnessOptions = {}) {
    super();
  }

  override async start(env: Record<string, string> = {}, options: AppOptions = {}): Promise<this> {
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'csa-prod-'));
    await this.issuer.start();
    this.entra = await startEntraEmulator({ tenantId, clock: this.clock });
    const certificate = await generate([{ name: 'commonName', value: 'calendar-sharing-assistant' }], { keySize: 2048 });
    const certificatePath = path.join(this.dataDir, 'app.pem');
    writeFileSync(certificatePath, `${certificate.private}\n${certificate.cert}`);
    this.entra.directory.registerApp({ clientId: prodClientId, secret: 'sso-client-secret-value', certificatePem: certificate.cert, identifierUris: [ssoAudience], roles: this.harnessOptions.appRoles ?? appRoles });
    if (this.harnessOptions.appTokenSeconds) this.entra.directory.appTokenSeconds = this.harnessOptions.appTokenSeconds;
    if (this.harnessOptions.userTokenSeconds) this.entra.directory.accessTokenSeconds = this.harnessOptions.userTokenSeconds;
    this.emulator = await startGraphEmulator({ clock: this.clock, entra: { publicKey: this.entra.key.publicKey, tenantId } });
    this.connector = await new FakeConnector().start();
    const parsed = parseConfig({
      APP_MODE: 'production',
      BOT_HOST: '127.0.0.1',
      BOT_PORT: '0',
      BOT_ID: prodBotId,
      SECRET_BOT_PASSWORD: 'bot-password-value',
      BOT_TENANT_ID: tenantId,
      BOT_DOMAIN: 'bot.contoso.com',
      AAD_APP_CLIENT_ID: prodClientId,
      SECRET_AAD_APP_CLIENT_SECRET: 'sso-client-secret-value',
      GRAPH_APP_CERTIFICATE_PATH: certificatePath,
      ENTRA_AUTHORITY_HOST: this.entra.authorityHost,
      ALLOWED_TENANT_IDS: tenantId,
      BOT_OPENID_METADATA_URL: this.issuer.metadataUrl,
      GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      ORGANIZATION_DOMAINS: 'example.com',
      HELPDESK_USERS: 'lynner@example.com',
      SHARING_POLICY_DOMAINS: 'partner.example.org:limitedRead',
      SECRET_ENCRYPTION_KEYS: 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      DATA_DIR: this.dataDir,
      ...env,
    });
    // Production refuses a plain-HTTP Graph; the emulator is that Graph here (the only setting swapped after validation).
    this.config = { ...parsed, graph: { ...parsed.graph, baseUrl: this.emulator.baseUrl } } satisfies AppConfig;
    this.app = await startApp(this.config, { ...this.baseOptions(), ...options });
    return this;
  }

  protected override baseOptions(): AppOptions {
    // The product's own logger (its redaction is under test too).
    const logger = createLogger('debug', { write: (line: string) => void this.logLines.push(line) });
    return { logger, clock: this.clock, manualOutbox: true, entraCa: this.entra.ca, botCredentials: new FixedBotCredentials() };
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.entra?.close();
    await this.issuer.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Every activity comes with the channel's signed JWT, as Teams sends it. */
  override post(body: unknown, headers: Record<string, string> = {}): Promise<TurnResult> {
    const authorization = `Bearer ${this.issuer.sign({ audience: prodBotId, serviceUrl: this.connector.url })}`;
    return super.post(body, { authorization, ...headers });
  }

  /** The user has consented (once, on the sign-in page) to the bot's delegated Graph scopes. */
  consent(user: DemoUser): void {
    this.entra.directory.consent(user.aadObjectId, prodClientId, delegatedScopes);
  }

  /** What Teams does with the sign-in card: the SSO token exchange invoke, with the user's SSO token. */
  exchange(user: DemoUser, signInCard: SentActivity | undefined, token?: string): Promise<TurnResult> {
    const content = signInCard?.attachments?.[0]?.content as { tokenExchangeResource?: { id?: string } } | undefined;
    return this.post(
      this.activity(user, {
        type: 'invoke',
        name: 'signin/tokenExchange',
        value: { id: content?.tokenExchangeResource?.id, connectionName: '', token: token ?? this.entra.ssoTokenFor({ id: user.aadObjectId, name: user.name, upn: user.email }, ssoAudience) },
      }),
    );
  }

  /** Consent, first message (the sign-in card), token exchange: the user is signed in. Returns the exchange turn. */
  async signIn(user: DemoUser, text = '/help'): Promise<TurnResult> {
    this.consent(user);
    const first = await this.say(user, text);
    return this.exchange(user, signInCardOf(first.messages));
  }

  /** Everything logged so far, for tests that look for leaked tokens. */
  logText(): string {
    return this.logLines.join('\n');
  }
}

export function signInCardOf(messages: SentActivity[]): SentActivity | undefined {
  return messages.find((activity) => activity.attachments?.some((attachment) => attachment.contentType === 'application/vnd.microsoft.card.oauth'));
}

export async function startProductionHarness(env: Record<string, string> = {}, options: AppOptions = {}): Promise<ProductionHarness> {
  return new ProductionHarness().start(env, options);
}

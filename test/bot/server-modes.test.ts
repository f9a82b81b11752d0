import type { Request, Response } from 'restify';
import pino from 'pino';
import { startApp, type RunningApp } from '../../src/app-runtime';
import { parseConfig } from '../../src/config';
import { LocalTokenProvider } from '../../src/graph/local-token-provider';
import { loopbackOnly } from '../../src/server';
import { startBotHarness, suiteHarness } from '../support/bot-harness';
import { alex, tenantId } from '../support/demo-users';
import { FakeOpenIdIssuer } from '../support/fake-openid';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// What reaches the console, under the bot's own filter (installed when the first app starts).
const consoleErrors: unknown[][] = [];
const realConsoleError = console.error;
console.error = (...args: unknown[]) => void consoleErrors.push(args);
afterAll(() => {
  console.error = realConsoleError;
});

describe('local mode', () => {
  const bot = suiteHarness();

  it('binds loopback only', () => {
    expect(bot.app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { storage: 'ok', graph: 'ok' } });
  });

  it('refuses an activity whose serviceUrl is not loopback', async () => {
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help', serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(turn.status).toBe(403);
    expect(turn.all).toHaveLength(0);
  });

  it('refuses an activity from a tenant outside the allow-list', async () => {
    const activity = bot.activity(alex, { type: 'message', text: '/help' });
    const turn = await bot.post({ ...activity, conversation: { id: 'x', tenantId: 'other-tenant' }, channelData: { tenant: { id: 'other-tenant' } } });
    expect(turn.status).toBe(403);
    expect(turn.all).toHaveLength(0);
  });

  it('answers 400 to a body that is not an activity', async () => {
    expect((await bot.post({ hello: 'world' })).status).toBe(400);
  });

  it('refuses non-loopback callers', () => {
    const sent: Array<[number, unknown]> = [];
    const next = jest.fn();
    const res = { send: (status: number, body: unknown) => sent.push([status, body]) } as unknown as Response;
    loopbackOnly({ socket: { remoteAddress: '10.1.2.3' } } as unknown as Request, res, next);
    expect(sent).toEqual([[403, { error: 'Forbidden' }]]);
    expect(next).toHaveBeenCalledWith(false);
    loopbackOnly({ socket: { remoteAddress: '::ffff:127.0.0.1' } } as unknown as Request, res, next);
    expect(next).toHaveBeenLastCalledWith();
  });
});

describe('local mode start-up', () => {
  it('logs exactly one clear warning that it is unauthenticated', async () => {
    const lines: string[] = [];
    const bot = await startBotHarness({}, { logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) });
    await bot.stop();
    const warnings = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((entry) => entry.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/^LOCAL MODE: the bot is unauthenticated and only accepts loopback callers on 127\.0\.0\.1/);
  });
});

describe('readiness', () => {
  it('reports Graph unreachable as 503', async () => {
    const bot = await startBotHarness({ GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' });
    try {
      const ready = await fetch(`${bot.app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: { storage: 'ok', graph: 'unavailable' } });
    } finally {
      await bot.stop();
    }
  });
});

describe('production mode', () => {
  const issuer = new FakeOpenIdIssuer();
  const logs: string[] = [];
  let app: RunningApp;
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const botId = 'prod-bot-id';

  beforeAll(async () => {
    await issuer.start();
    const config = parseConfig({
      APP_MODE: 'production',
      BOT_HOST: '127.0.0.1',
      BOT_PORT: '0',
      BOT_ID: botId,
      SECRET_BOT_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: tenantId,
      BOT_DOMAIN: 'bot.contoso.com',
      AAD_APP_CLIENT_ID: 'client',
      SECRET_AAD_APP_CLIENT_SECRET: 'client-secret',
      ALLOWED_TENANT_IDS: tenantId,
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      ORGANIZATION_DOMAINS: 'example.com',
      SECRET_ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'csa-prod-')),
    });
    const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
    app = await startApp(config, { logger, tokenProvider: new LocalTokenProvider() });
  });
  afterAll(async () => {
    await app.close();
    await issuer.close();
  });

  const event = (tenant = tenantId) => ({
    type: 'event',
    name: 'test/ping',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:x', aadObjectId: alex.aadObjectId },
    recipient: { id: `28:${botId}` },
    conversation: { id: 'conv-1', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });

  const post = (body: unknown, authorization?: string) =>
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  it('answers 401, not 403, to an anonymous activity from a foreign tenant: nothing learnt about the allow-list', async () => {
    expect((await post(event('foreign-tenant'))).status).toBe(401);
  });

  it('answers 401 with no JWT', async () => {
    const response = await post(event());
    expect(response.status).toBe(401);
  });

  it('answers 401, not 500, to a JWT with a bad signature, leaking nothing', async () => {
    const forged = issuer.forge({ audience: botId, serviceUrl });
    const response = await post(event(), `Bearer ${forged}`);
    const body = await response.text();
    expect(JSON.stringify(consoleErrors)).not.toMatch(/BEGIN|Available keys/);
    expect(response.status).toBe(401);
    expect(body).toBe('{"error":"Unauthorized"}');
    const logText = logs.join('\n');
    expect(logText).not.toContain(forged);
    expect(logText).not.toMatch(/BEGIN (RSA |PUBLIC )?KEY|-----BEGIN|\n\s+at /);
  });

  it('answers 401 to a valid signature for another bot', async () => {
    const response = await post(event(), `Bearer ${issuer.sign({ audience: 'another-bot', serviceUrl })}`);
    expect(response.status).toBe(401);
  });

  it('accepts a correctly signed activity', async () => {
    const response = await post(event(), `Bearer ${issuer.sign({ audience: botId, serviceUrl })}`);
    expect(response.status).toBe(200);
  });

  it('refuses an authenticated activity from a tenant outside the allow-list', async () => {
    const response = await post(event('foreign-tenant'), `Bearer ${issuer.sign({ audience: botId, serviceUrl })}`);
    expect(response.status).toBe(403);
  });
});

describe('Teams SSO pieces', () => {
  it('hands the gateway the token of the turn, and asks for consent when there is none', async () => {
    const { TurnTokenProvider } = await import('../../src/bot/teams-sso');
    const tokens = new TurnTokenProvider();
    await expect(tokens.getToken({ userId: alex.aadObjectId })).rejects.toMatchObject({ reason: 'consentRequired' });
    const lease = tokens.hold(alex.aadObjectId, 'token-for-alex');
    await expect(tokens.getToken({ userId: alex.aadObjectId })).resolves.toBe('token-for-alex');
    lease.release();
    lease.release();
    await expect(tokens.getToken({ userId: alex.aadObjectId })).rejects.toMatchObject({ reason: 'consentRequired' });
  });

  it('keeps a token while another turn of the same person is still running', async () => {
    const { TurnTokenProvider } = await import('../../src/bot/teams-sso');
    const tokens = new TurnTokenProvider();
    const first = tokens.hold(alex.aadObjectId, 'token-1');
    const second = tokens.hold(alex.aadObjectId, 'token-2');
    await expect(tokens.getToken({ userId: alex.aadObjectId })).resolves.toBe('token-2');
    second.release();
    // The first turn is still running: its token stays (a release is symmetric to its own hold).
    await expect(tokens.getToken({ userId: alex.aadObjectId })).resolves.toBe('token-1');
    first.release();
    expect(tokens.heldUsers).toBe(0);
    await expect(tokens.getToken({ userId: alex.aadObjectId })).rejects.toMatchObject({ reason: 'consentRequired' });
  });

  it('serves the consent pages the sign-in card opens', async () => {
    const bot = await startBotHarness();
    try {
      const response = await fetch(`${bot.app.url}/auth-start.html`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('code_challenge_method');
    } finally {
      await bot.stop();
    }
  });
});

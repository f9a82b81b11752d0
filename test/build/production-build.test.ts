import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildProduction, startBuiltBot, type BuiltBot } from '../support/built-bot';
import { alex, tenantId } from '../support/demo-users';
import { FakeOpenIdIssuer } from '../support/fake-openid';

/** The shipped output: `npm run build`, then `node dist/index.js` in production mode, without tsx or src/. */
describe('production build', () => {
  const issuer = new FakeOpenIdIssuer();
  const botId = 'prod-build-bot';
  const serviceUrl = 'https://smba.trafficmanager.net/emea/';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'csa-build-'));
  const modulesFile = path.join(dataDir, 'loaded-modules.txt');
  let bot: BuiltBot;

  beforeAll(async () => {
    buildProduction();
    await issuer.start();
    const env = {
      APP_ENV: 'production-build-test',
      APP_MODE: 'production',
      BOT_HOST: '127.0.0.1',
      BOT_PORT: '0',
      BOT_ID: botId,
      SECRET_BOT_PASSWORD: 'not-a-real-secret',
      BOT_TENANT_ID: tenantId,
      BOT_DOMAIN: 'bot.contoso.com',
      AAD_APP_CLIENT_ID: 'client',
      SECRET_AAD_APP_CLIENT_SECRET: 'client-secret',
      SECRET_ENCRYPTION_KEYS: 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      ALLOWED_TENANT_IDS: tenantId,
      BOT_OPENID_METADATA_URL: issuer.metadataUrl,
      GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
      ORGANIZATION_DOMAINS: 'example.com',
      DATA_DIR: dataDir,
      LOADED_MODULES_FILE: modulesFile,
    };
    bot = await startBuiltBot(env, 'dist/index.js', ['--require', path.join(__dirname, '..', 'support', 'loaded-modules.js')]);
  }, 180_000);
  afterAll(async () => {
    await bot?.stop();
    await issuer.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const event = {
    type: 'event',
    name: 'test/ping',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:x', aadObjectId: alex.aadObjectId },
    recipient: { id: `28:${botId}` },
    conversation: { id: 'conv-1', tenantId },
    channelData: { tenant: { id: tenantId } },
  };
  const post = (authorization?: string) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(event),
    });

  it('answers /healthz', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('accepts a signed activity and refuses an unsigned one', async () => {
    expect((await post(`Bearer ${issuer.sign({ audience: botId, serviceUrl })}`)).status).toBe(200);
    expect((await post()).status).toBe(401);
  });

  // Last: it stops the bot to read what the process loaded.
  it('loads only what it runs: no TypeScript loader, emulator, test tooling, AI planner or PostgreSQL driver (SQLite here)', async () => {
    await bot.stop();
    const loaded = readFileSync(modulesFile, 'utf8').split('\n');
    const packages = new Set(loaded.map((file) => /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1]));
    for (const unwanted of ['tsx', 'typescript', 'ts-jest', 'jest', 'openai', 'gpt-tokenizer', 'pg']) {
      expect(packages).not.toContain(unwanted);
    }
    // The emulator's token format is the one piece the local token provider shares with it.
    const emulatorFiles = loaded.filter((file) => file.includes(`${path.sep}dist${path.sep}emulator${path.sep}`));
    expect(emulatorFiles.map((file) => path.basename(file))).toEqual(['token.js']);
    expect(loaded.filter((file) => /[/\\](src|test)[/\\]/.test(file) && !file.includes('node_modules') && !file.endsWith('loaded-modules.js'))).toEqual([]);
  });
});

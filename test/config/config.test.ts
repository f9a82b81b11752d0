import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../../src/config';

const production = {
  APP_MODE: 'production',
  BOT_ID: 'bot-id',
  SECRET_BOT_PASSWORD: 'bot-secret',
  BOT_TENANT_ID: 'tenant',
  BOT_DOMAIN: 'bot.contoso.com',
  ORGANIZATION_DOMAINS: 'contoso.com',
  AAD_APP_CLIENT_ID: 'client',
  SECRET_AAD_APP_CLIENT_SECRET: 'client-secret',
  ALLOWED_TENANT_IDS: 'tenant',
  GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0',
  SECRET_ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

function errorOf(values: Record<string, string>): string {
  try {
    parseConfig(values);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to an unauthenticated local mode bound to loopback', () => {
    const config = parseConfig({});
    expect(config.mode).toBe('local');
    expect(config.server).toEqual({ host: '127.0.0.1', port: 3978 });
    expect(config.bot.appId).toBe('');
    expect(config.graph.baseUrl).toBe('http://127.0.0.1:5990/v1.0');
  });

  it('reads a production configuration', () => {
    const config = parseConfig(production);
    expect(config.mode).toBe('production');
    expect(config.server.host).toBe('0.0.0.0');
    expect(config.bot).toMatchObject({ appId: 'bot-id', appPassword: 'bot-secret', tenantId: 'tenant' });
    expect(config.allowedTenantIds).toEqual(['tenant']);
  });

  it.each([
    ['BOT_ID', /^Invalid configuration: BOT_ID: required in production mode$/],
    ['SECRET_BOT_PASSWORD', /SECRET_BOT_PASSWORD: required in production mode/],
    ['ALLOWED_TENANT_IDS', /ALLOWED_TENANT_IDS: required in production mode/],
    ['ORGANIZATION_DOMAINS', /ORGANIZATION_DOMAINS: required in production mode/],
    ['GRAPH_BASE_URL', /GRAPH_BASE_URL: in production mode, expected https:\/\/graph.microsoft.com/],
    ['SECRET_ENCRYPTION_KEYS', /SECRET_ENCRYPTION_KEYS: required in production mode/],
  ])('production refuses to start without %s', (key, message) => {
    const values: Record<string, string> = { ...production };
    delete values[key];
    expect(errorOf(values)).toMatch(message);
  });

  it.each([
    [{ BOT_PORT: 'abc' }, /^Invalid configuration: BOT_PORT: Expected number/],
    [{ BOT_PORT: '70000' }, /BOT_PORT/],
    [{ APP_MODE: 'staging' }, /APP_MODE: .*'local' \| 'production'/],
    [{ GRAPH_BASE_URL: 'https://graph.microsoft.com/beta' }, /GRAPH_BASE_URL: expected a URL ending in \/v1.0/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a postgres:\/\/ connection URL/],
    [{ HELPDESK_USERS: 'lynner@example.com,not-an-email' }, /HELPDESK_USERS/],
    [{ SHARING_POLICY_DOMAINS: 'partner.example.org:write' }, /SHARING_POLICY_DOMAINS: expected domain:role pairs/],
    [{ BOT_HOST: '0.0.0.0' }, /BOT_HOST: local mode is unauthenticated and only listens on loopback/],
  ])('rejects %p with one line naming the variable', (values, message) => {
    const text = errorOf(values as Record<string, string>);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('treats an empty value as not set', () => {
    expect(parseConfig({ DATABASE_URL: '', BOT_PORT: ' ' }).storage.databaseUrl).toBeUndefined();
    expect(parseConfig({ BOT_PORT: '' }).server.port).toBe(3978);
  });

  it.each([
    [{ GRAPH_BASE_URL: 'http://graph.contoso.com/v1.0' }, /GRAPH_BASE_URL: in production mode/],
    [{ GRAPH_BASE_URL: 'https://127.0.0.1:5990/v1.0' }, /GRAPH_BASE_URL: in production mode/],
    [{ BOT_OPENID_METADATA_URL: 'http://keys.contoso.com/openid' }, /BOT_OPENID_METADATA_URL: in production mode, expected an https URL/],
    [{ FEEDS_ALLOW_LOOPBACK_FOR_TESTS: 'true' }, /FEEDS_ALLOW_LOOPBACK_FOR_TESTS: is for tests only and refused in production mode/],
    [{ SECRET_ENCRYPTION_KEYS: 'k1:tooshort' }, /SECRET_ENCRYPTION_KEYS: expected keyId:base64 pairs/],
  ])('production refuses %p: tokens and signing keys only over https', (override, message) => {
    expect(errorOf({ ...production, ...override })).toMatch(message);
  });

  it('parses lists and the sharing policy', () => {
    const config = parseConfig({ HELPDESK_USERS: 'LynneR@example.com, a@b.org', SHARING_POLICY_DOMAINS: 'partner.example.org:limitedRead' });
    expect(config.helpdeskUsers).toEqual(['lynner@example.com', 'a@b.org']);
    expect(config.sharingPolicy).toEqual({ defaultExternal: 'freeBusyRead', domains: { 'partner.example.org': 'limitedRead' } });
  });

  it('loads env/.env.<name> then .user, and the process environment wins', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'csa-config-'));
    mkdirSync(path.join(root, 'env'));
    writeFileSync(path.join(root, 'env', '.env.dev'), 'BOT_PORT=4000\nLOG_LEVEL=debug\nHELPDESK_USERS=a@example.com\n');
    writeFileSync(path.join(root, 'env', '.env.dev.user'), 'LOG_LEVEL=warn\n');
    const config = loadConfig(root, { APP_ENV: 'dev', HELPDESK_USERS: 'b@example.com' });
    expect(config.server.port).toBe(4000);
    expect(config.logLevel).toBe('warn');
    expect(config.helpdeskUsers).toEqual(['b@example.com']);
  });

  it('refuses an env name that could escape the env folder', () => {
    expect(() => loadConfig('/tmp', { APP_ENV: '../etc' })).toThrow(/APP_ENV/);
  });
});

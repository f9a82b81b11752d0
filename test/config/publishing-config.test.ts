import { ConfigError, parseConfig } from '../../src/config';

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
  SECRET_ENCRYPTION_KEYS: 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
};

describe('snapshot and publishing settings', () => {
  it('defaults to availability only, a 30-day/12-month window, a 5-minute cache, links on the bot\'s https host', () => {
    const config = parseConfig(production);
    expect(config.snapshot).toEqual({ maxEvents: 1000 });
    expect(config.publishing).toEqual({
      maxLevel: 'freeBusyRead', baseUrl: 'https://bot.contoso.com', daysBack: 30, monthsAhead: 12, cacheSeconds: 300, ratePerMinute: 30, externalShareLinks: true,
    });
    expect(parseConfig({}).publishing.baseUrl).toBeUndefined();
  });

  it('reads each setting and refuses bad values with one line naming the variable', () => {
    const config = parseConfig({ ...production, PUBLISHING_MAX_LEVEL: 'disabled', FEED_BASE_URL: 'https://calendar.contoso.com/', FEED_DAYS_BACK: '7', EXTERNAL_SHARE_LINKS: 'false' });
    expect(config.publishing).toMatchObject({ maxLevel: 'disabled', baseUrl: 'https://calendar.contoso.com', daysBack: 7, externalShareLinks: false });
    expect(() => parseConfig({ PUBLISHING_MAX_LEVEL: 'write' })).toThrow(/^Invalid configuration: PUBLISHING_MAX_LEVEL: /);
    expect(() => parseConfig({ SNAPSHOT_MAX_EVENTS: '0' })).toThrow(ConfigError);
    expect(() => parseConfig({ ...production, FEED_BASE_URL: 'http://calendar.contoso.com' })).toThrow('Invalid configuration: FEED_BASE_URL: in production mode, expected an https URL');
  });
});

import { createLogger } from '../../src/logger';
import { alex } from '../support/demo-users';
import { botConnectorToken, ProductionHarness } from '../support/production-harness';

// What reaches the console behind the bot's own filter (installed when the first app of this file starts).
const printed: unknown[][] = [];
const realConsoleError = console.error;
console.error = (...args: unknown[]) => void printed.push(args);
afterAll(() => {
  console.error = realConsoleError;
});

const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2lnbmF0dXJlLXNlY3JldA';
const secret = 'Zq8~secret-value-7Kp';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  write(logger);
  return lines.join('\n');
}

describe('log redaction', () => {
  it.each([
    ['err.request.headers.authorization', () => Object.assign(new Error('Forbidden'), { request: { headers: { authorization: `Bearer ${jwt}` } } })],
    ['Authorization in any case', () => ({ deep: { deeper: { Headers: { AUTHORIZATION: `Bearer ${secret}` } } } })],
    ['cookies', () => ({ req: { headers: { cookie: `session=${secret}` } }, res: { headers: { 'set-cookie': [`s=${secret}`] } } })],
    ['client_secret and assertions', () => ({ body: { client_secret: secret, client_assertion: jwt, refresh_token: secret } })],
    ['tokens in URLs', () => ({ url: `https://bot.contoso.com/auth-end.html?code=${secret}&state=1#access_token=${jwt}`, form: `grant_type=x&client_secret=${secret}` })],
    ['a bearer in a message', () => new Error(`request failed with header Bearer ${secret}`)],
    ['a Map of headers', () => ({ headers: new Map([['Authorization', `Bearer ${secret}`]]) })],
    ['headers with toJSON (core-http HttpHeaders)', () => ({ request: { headers: { toJSON: () => ({ authorization: `Bearer ${secret}` }) } } })],
    ['a cause chain', () => new Error('outer', { cause: Object.assign(new Error('inner'), { config: { headers: { Authorization: `Bearer ${secret}` } } }) })],
  ])('leaves no secret in the log: %s', (_case, value) => {
    const text = logged((logger) => logger.error({ err: value(), extra: value() }, `failed with token=${secret}`));
    expect(text).not.toContain(secret);
    expect(text).not.toContain(jwt);
    expect(text).toContain('[redacted]');
  });

  it('keeps what is useful: error names, messages without secrets, statuses', () => {
    const text = logged((logger) => logger.warn({ err: Object.assign(new Error('Forbidden'), { statusCode: 403 }), status: 403 }, 'connector call failed'));
    expect(JSON.parse(text)).toMatchObject({ msg: 'connector call failed', status: 403, err: { type: 'Error', message: 'Forbidden', statusCode: 403 } });
  });
});

describe('a connector call that fails with a bearer header', () => {
  const bot = new ProductionHarness();
  beforeAll(() => bot.start());
  afterAll(() => bot.stop());

  it('logs the failure without the token the bot sent', async () => {
    await bot.signIn(alex);
    bot.connector.failNext = { status: 403, count: 10 };
    await bot.say(alex, '/help');
    bot.connector.failNext = undefined;
    // The route threw (teams-ai then skips afterTurn): the turn's token lease was still released.
    expect(bot.app.turnTokens?.heldUsers).toBe(0);
    // The refused call did carry the bot's bearer token...
    expect(bot.connector.authorizations.at(-1)).toBe(`Bearer ${botConnectorToken}`);
    const text = bot.logText();
    expect(text).toMatch(/turn error|failed/);
    expect(text).not.toContain(botConnectorToken);
    expect(text).not.toMatch(/Bearer\s+(?!\[redacted\])/);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});

describe("botframework-connector's own error prints", () => {
  const bot = new ProductionHarness();
  beforeAll(() => bot.start());
  afterAll(() => bot.stop());

  it('an expired Bot Framework token: 401, one structured log line, no stack on the console', async () => {
    const expired = bot.issuer.sign({ audience: 'prod-bot-id', serviceUrl: bot.connector.url }, undefined, -3600);
    const before = bot.logLines.length;
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help' }), { authorization: `Bearer ${expired}` });
    expect(turn.status).toBe(401);
    const lines = bot.logLines.slice(before).join('\n');
    expect(lines).toContain('"name":"TokenExpiredError"');
    expect(lines).not.toContain(expired);
    expect(lines).not.toMatch(/\n\s+at /);
    expect(JSON.stringify(printed)).not.toMatch(/TokenExpiredError|jwt expired/);
  });
});

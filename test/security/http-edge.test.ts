import pino from 'pino';
import { startServer, type RunningServer } from '../../src/server';
import { suiteHarness } from '../support/bot-harness';
import { alex } from '../support/demo-users';

/** What a web page can send without a CORS preflight: the bodies of a plain HTML form. */
const simpleBodies: Array<[string, string | undefined, string]> = [
  ['form-encoded', 'application/x-www-form-urlencoded', 'type=message&text=%2Fpermissions&serviceUrl=http%3A%2F%2F127.0.0.1%3A1%2F'],
  ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n'],
  ['plain text holding JSON', 'text/plain', '{"type":"message","text":"/help"}'],
  ['no content type', undefined, '{"type":"message","text":"/help"}'],
];

describe('/api/messages, local mode', () => {
  const bot = suiteHarness();

  it.each(simpleBodies)('answers 415 to a %s body and runs no turn', async (_label, contentType, body) => {
    const before = bot.connector.sent.length;
    const response = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
    expect(response.status).toBe(415);
    expect(bot.connector.sent.length).toBe(before);
  });

  it('accepts application/json with a charset', async () => {
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help' }), { 'content-type': 'application/json; charset=utf-8' });
    expect(turn.status).toBe(200);
    expect(turn.messages).toHaveLength(1);
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site fetch from another port', { 'sec-fetch-site': 'same-site' }],
    ['a null Origin (sandboxed page)', { origin: 'null' }],
  ])('refuses a JSON request from a browser page: %s', async (_label, headers) => {
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help' }), headers);
    expect(turn.status).toBe(403);
    expect(turn.all).toHaveLength(0);
  });

  it("allows the bot's own pages (same origin)", async () => {
    const host = new URL(bot.app.url).host;
    const turn = await bot.post(bot.activity(alex, { type: 'message', text: '/help' }), { origin: `http://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(turn.status).toBe(200);
  });

  it('still serves /healthz, also to the developer typing its address in a browser', async () => {
    expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.app.url}/healthz`, { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
    expect((await fetch(`${bot.app.url}/healthz`, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });
});

describe('/api/messages, production mode', () => {
  let server: RunningServer;
  const handled: unknown[] = [];
  beforeAll(async () => {
    server = await startServer({
      mode: 'production',
      host: '127.0.0.1',
      port: 0,
      handleActivity: (request) => {
        handled.push(request.body);
        return Promise.resolve({ status: 200 });
      },
      probes: [],
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(() => server.close());

  it.each(simpleBodies)('answers 415 to a %s body before authentication', async (_label, contentType, body) => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
    expect(response.status).toBe(415);
    expect(handled).toHaveLength(0);
  });

  it('passes JSON on to authentication', async () => {
    const response = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(response.status).toBe(200);
    expect(handled).toEqual([{ type: 'message' }]);
  });
});

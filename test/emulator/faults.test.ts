import { emulatorToken } from '../../src/emulator';
import { alex } from '../support/demo-users';
import { graphAs, startEmu, type Emu } from './emulator-kit';

/** Yields to the event loop (no timers) until the condition holds; bounded. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition never held');
}

describe('emulator: fault injection', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.emulator.control.clearFaults();
    emu.emulator.control.clearRequests();
  });

  it('answers 429 with Retry-After in seconds, for the next N matching requests only', async () => {
    emu.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '3', times: 2 });
    const api = graphAs(emu.emulator, alex);
    const first = await api.get('/me/calendars');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.body.error.code).toBe('ApplicationThrottled');
    expect((await api.get('/me/calendar')).status).toBe(200);
    expect((await api.get('/me/calendars')).status).toBe(429);
    expect((await api.get('/me/calendars')).status).toBe(200);
    expect(emu.emulator.control.requests().map((entry) => entry.status)).toEqual([429, 200, 429, 200]);
  });

  it('passes an HTTP-date Retry-After through unchanged', async () => {
    const date = 'Mon, 23 Nov 2026 09:00:07 GMT';
    emu.emulator.control.injectFault({ path: '^/me$', status: 429, retryAfter: date });
    const reply = await graphAs(emu.emulator, alex).get('/me');
    expect(reply.headers.get('retry-after')).toBe(date);
  });

  it('answers 503 with Graph\'s envelope, or the code asked for, and matches the method when given', async () => {
    emu.emulator.control.injectFault({ method: 'POST', path: '^/me/sendMail$', status: 503 });
    emu.emulator.control.injectFault({ path: '^/me/calendar/calendarView', status: 504, code: 'UnknownError', times: 1 });
    const api = graphAs(emu.emulator, alex);
    const mail = await api.post('/me/sendMail', { message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'a@example.com' } }] } });
    expect(mail.status).toBe(503);
    expect(mail.body.error.code).toBe('ServiceNotAvailable');
    expect((await api.get('/me/sendMail')).status).toBe(405);
    const view = await api.get('/me/calendar/calendarView?startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-24T00:00:00Z');
    expect(view.status).toBe(504);
    expect(view.body.error.code).toBe('UnknownError');
  });

  it('applies a fault before authentication, so a test gets exactly the failure it asked for', async () => {
    emu.emulator.control.injectFault({ path: '^/me$', times: 1 });
    const reply = await graphAs(emu.emulator, { authorization: 'Bearer nope' }).get('/me');
    expect(reply.status).toBe(429);
  });

  it('leaves a hanging request unanswered, once, until the client gives up', async () => {
    emu.emulator.control.injectFault({ path: '^/me/calendars$', hang: true, times: 1 });
    const controller = new AbortController();
    let settled = false;
    const pending = fetch(`${emu.emulator.baseUrl}/me/calendars`, {
      headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}` },
      signal: controller.signal,
    }).finally(() => {
      settled = true;
    });
    await until(() => emu.emulator.control.requests().length === 1);
    expect(emu.emulator.control.requests()[0]).toMatchObject({ path: '/me/calendars', status: 0 });
    expect((await graphAs(emu.emulator, alex).get('/me/calendars')).status).toBe(200);
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
  });

  it('closes even while a request hangs', async () => {
    const other = await startEmu();
    other.emulator.control.injectFault({ path: '.', hang: true });
    const pending = fetch(`${other.emulator.baseUrl}/me`, { headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}` } });
    await until(() => other.emulator.control.requests().length === 1);
    await other.close();
    await expect(pending).rejects.toThrow();
  });

  it('delays a response by the latency asked for, then answers normally', async () => {
    emu.emulator.control.injectFault({ path: '^/me$', latencyMs: 40, times: 1 });
    const started = performance.now();
    const reply = await graphAs(emu.emulator, alex).get('/me');
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('manages faults over HTTP too', async () => {
    const created = await fetch(`${emu.emulator.origin}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '^/me$', status: 503, retryAfter: '1' }),
    });
    expect(created.status).toBe(201);
    expect((await graphAs(emu.emulator, alex).get('/me')).status).toBe(503);
    const listed = (await (await fetch(`${emu.emulator.origin}/_emulator/faults`)).json()) as { value: unknown[] };
    expect(listed.value).toHaveLength(1);
    expect((await fetch(`${emu.emulator.origin}/_emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await graphAs(emu.emulator, alex).get('/me')).status).toBe(200);
    const invalid = await fetch(`${emu.emulator.origin}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ path: '(' }) });
    expect(invalid.status).toBe(400);
  });
});

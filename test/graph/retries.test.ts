import { alex } from '../support/demo-users';
import { callers, outerRequests, startGraphKit, testNow, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

const calendarReads = (): number[] => outerRequests(kit).filter((request) => request.path === '/me/calendars').map((request) => request.status);

describe('retry middleware', () => {
  it('waits as long as Retry-After says in seconds, then succeeds', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '2', times: 2 });

    await expect(kit.gateway.listMyCalendars(callers.alex)).resolves.not.toHaveLength(0);

    expect(kit.waits).toEqual([2000, 2000]);
    expect(calendarReads()).toEqual([429, 429, 200]);
  });

  it('reads a Retry-After HTTP date against the injected clock', async () => {
    const in7s = new Date(testNow.getTime() + 7000).toUTCString();
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 503, retryAfter: in7s, times: 1 });

    await kit.gateway.listMyCalendars(callers.alex);

    expect(kit.waits).toEqual([7000]);
    expect(calendarReads()).toEqual([503, 200]);
  });

  it('gives up as throttled after 3 retries, saying when to come back', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '1' });

    await expect(kit.gateway.listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'throttled', status: 429, retryAfterMs: 1000 });

    expect(kit.waits).toEqual([1000, 1000, 1000]);
    expect(calendarReads()).toEqual([429, 429, 429, 429]);
  });

  it('takes its bound on attempts from the options', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '1' });

    await expect(kit.gatewayWith({ maxRetries: 1 }).listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'throttled' });

    expect(calendarReads()).toHaveLength(2);
  });

  it('fails fast when Graph asks for a wait beyond the total bound', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '60' });

    await expect(kit.gateway.listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'throttled', retryAfterMs: 60_000 });

    expect(kit.waits).toEqual([]);
    expect(calendarReads()).toEqual([429]);
  });

  it('stops when the waits add up past the total bound', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 503, retryAfter: '2' });

    await expect(kit.gatewayWith({ maxTotalWaitMs: 5000 }).listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'unavailable', retryAfterMs: 2000 });

    expect(kit.waits).toEqual([2000, 2000]);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 503 });

    await expect(kit.gatewayWith({ random: () => 0 }).listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'unavailable', status: 503 });
    expect(kit.waits).toEqual([500, 1000, 2000]);

    kit.waits.length = 0;
    await expect(kit.gatewayWith({ random: () => 0.999 }).listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'unavailable' });
    expect(kit.waits).toEqual([1000, 1999, 3998]);
  });

  it('retries a 504 on a read but never on a POST that may have been done', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 504, times: 1 });
    await expect(kit.gateway.listMyCalendars(callers.alex)).resolves.not.toHaveLength(0);
    expect(calendarReads()).toEqual([504, 200]);

    kit.emulator.control.injectFault({ path: '^/me/sendMail$', status: 504 });
    await expect(kit.gateway.sendMail(callers.alex, { to: ['meganb@example.com'], subject: 'Hi', html: '<p>Hi</p>' })).rejects.toMatchObject({
      reason: 'unavailable',
      status: 504,
    });
    expect(outerRequests(kit).filter((request) => request.path === '/me/sendMail')).toHaveLength(1);
  });

  it('retries only the throttled requests of a $batch, in a new batch', async () => {
    kit.emulator.control.injectFault({ path: '^/me/mailboxSettings$', status: 429, retryAfter: '3', times: 1 });

    const me = await kit.gateway.getMe(callers.alex);

    expect(me.timeZone).toEqual(expect.any(String));
    expect(kit.waits).toEqual([3000]);
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch', '/$batch']);
    expect(kit.requests().filter((request) => request.inBatch).map((request) => `${request.path} ${request.status}`)).toEqual([
      '/me 200',
      '/me/mailboxSettings 429',
      '/me/mailboxSettings 200',
    ]);
  });

  it('gives up on inner requests of a $batch under the same bounds', async () => {
    // Named by id once known, else as typed (his address is also his UPN) with the lookup alongside.
    kit.emulator.control.injectFault({ path: `^/users/(${alex.email}|${alex.aadObjectId})/calendars$`, status: 429, retryAfter: '1' });

    const byOwner = await kit.gateway.listCalendarsSharedByMany(callers.megan, { ownerAddresses: [alex.email, 'pattif@example.com'] });

    expect(byOwner.get(alex.email)).toEqual({ ok: false, error: expect.objectContaining({ reason: 'throttled', retryAfterMs: 1000 }) as unknown });
    expect(byOwner.get('pattif@example.com')).toMatchObject({ ok: true });
    expect(kit.waits).toEqual([1000, 1000, 1000]);
  });
});

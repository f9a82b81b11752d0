import { createServer } from 'node:net';
import { createCalendarGateway, GraphError } from '../../src/graph';
import { GraphApi } from '../../src/graph/graph-api';
import { createGraphClient } from '../../src/graph/graph-client-factory';
import { lynne } from '../support/demo-users';
import { callers, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

const week = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-17T00:00:00Z'), timeZone: 'UTC' };

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GraphError)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

describe('errors as reasons', () => {
  it('forbidden: reading a calendar that is not shared', async () => {
    const error = await failure(kit.gateway.readAgenda(callers.megan, { ownerAddress: lynne.email, ...week }));
    expect(error).toMatchObject({ reason: 'forbidden', status: 403, code: 'ErrorAccessDenied' });
  });

  it('notFound: a calendar that does not exist', async () => {
    const error = await failure(kit.gateway.readAgenda(callers.alex, { calendarId: 'AAMkAmissing', ...week }));
    expect(error).toMatchObject({ reason: 'notFound', status: 404 });
  });

  it('unauthenticated: Graph refuses the token, and the token is in no message', async () => {
    const gateway = kit.gatewayWith({ tokenProvider: { getToken: () => Promise.resolve('forged-token-123') } });
    const error = await failure(gateway.listMyCalendars(callers.alex));
    expect(error).toMatchObject({ reason: 'unauthenticated', status: 401 });
    expect(`${error.message} ${error.stack ?? ''}`).not.toContain('forged-token-123');
  });

  it('consentRequired: the token provider says the user must consent; nothing reaches Graph', async () => {
    const gateway = kit.gatewayWith({
      tokenProvider: { getToken: () => Promise.reject(new Error('AADSTS65001: The user or administrator has not consented to use the application')) },
    });
    await expect(gateway.listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'consentRequired' });
    expect(kit.requests()).toEqual([]);
  });

  it('unauthenticated: any other token failure', async () => {
    const gateway = kit.gatewayWith({ tokenProvider: { getToken: () => Promise.reject(new Error('invalid_client')) } });
    await expect(gateway.getMe(callers.alex)).rejects.toMatchObject({ reason: 'unauthenticated' });
  });

  it('timeout: Graph does not answer within the deadline', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', hang: true, times: 1 });

    const error = await failure(kit.gatewayWith({ timeoutMs: 150 }).listMyCalendars(callers.alex));

    expect(error.reason).toBe('timeout');
    expect(kit.waits).toEqual([]);
  });

  it('unavailable: Graph cannot be reached at all', async () => {
    const port = await closedPort();
    const gateway = createCalendarGateway({ baseUrl: `http://127.0.0.1:${port}/v1.0`, tokenProvider: { getToken: () => Promise.resolve('t') } });
    await expect(gateway.listMyCalendars(callers.alex)).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('invalidRequest: Graph rejects the request itself', async () => {
    const primary = (await kit.gateway.listMyCalendars(callers.alex)).find((calendar) => calendar.isDefault);
    const error = await failure(
      kit.gateway.grantPermission(callers.alex, { calendarId: primary?.id ?? '', recipient: { address: 'jordan@partner.example.org' }, role: 'write' }),
    );
    expect(error).toMatchObject({ reason: 'invalidRequest', status: 400 });
  });

  it('never sends the token after a nextLink that leaves the Graph base URL', () => {
    const { client, baseUrl, clock } = createGraphClient({ baseUrl: kit.emulator.baseUrl, tokenProvider: { getToken: () => Promise.resolve('t') } });
    const api = new GraphApi(client, baseUrl, clock);
    expect(api.relative(`${kit.emulator.baseUrl}/me/calendars?$skiptoken=abc`)).toBe('/me/calendars?$skiptoken=abc');
    expect(() => api.relative('https://attacker.example/v1.0/me/calendars')).toThrow(/outside the configured base URL/);
  });
});

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

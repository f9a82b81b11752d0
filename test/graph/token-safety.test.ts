import { Writable } from 'node:stream';
import pino from 'pino';
import { emulatorToken } from '../../src/emulator/token';
import { alex, megan } from '../support/demo-users';
import { callers, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // No redaction configured: the gateway itself must never hand a token to the logger.
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('tokens stay out of logs and errors', () => {
  it('logs calls, retries and failures without the token', async () => {
    const { logger, lines } = capturingLogger();
    const gateway = kit.gatewayWith({ logger });
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '1', times: 1 });

    await gateway.listMyCalendars(callers.alex);
    await gateway.getMe(callers.megan);
    await gateway.readAgenda(callers.megan, { ownerAddress: 'lynner@example.com', start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-11T00:00:00Z'), timeZone: 'UTC' }).catch(() => undefined);
    kit.emulator.control.injectFault({ path: '^/me/calendars$', hang: true, times: 1 });
    await kit.gatewayWith({ logger, timeoutMs: 100 }).listMyCalendars(callers.alex).catch(() => undefined);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(log).toContain('"status":429');
    expect(log).not.toContain(emulatorToken(alex.aadObjectId));
    expect(log).not.toContain(emulatorToken(megan.aadObjectId));
    expect(log).not.toMatch(/bearer/i);
  });

  it('puts no token in the error of a refused call', async () => {
    const { logger, lines } = capturingLogger();
    const gateway = kit.gatewayWith({ logger, tokenProvider: { getToken: () => Promise.resolve('emu.not-a-user') } });

    const error: unknown = await gateway.listMyCalendars(callers.alex).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ reason: 'unauthenticated' });
    expect(JSON.stringify(error) + String(error)).not.toContain('emu.not-a-user');
    expect(lines.join('')).not.toContain('emu.not-a-user');
  });
});

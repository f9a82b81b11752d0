import { isGraphError, type GraphError } from '../../src/graph';
import type { GraphLogger } from '../../src/graph/graph-logger';
import { alex } from '../support/demo-users';
import { callers, calendarIdOf, startGraphKit, type GraphKit } from './graph-kit';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Line {
  level: 'debug' | 'warn';
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(lines: Line[]): GraphLogger {
  return {
    debug: (fields, message) => lines.push({ level: 'debug', fields: fields as Record<string, unknown>, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
  };
}

async function failureOf(call: Promise<unknown>): Promise<GraphError> {
  const error = await call.then(() => undefined, (caught: unknown) => caught);
  if (!isGraphError(error)) throw new Error(`expected a GraphError, got ${String(error)}`);
  return error;
}

/** Microsoft support traces a call by its client-request-id and Graph's request-id: every call carries the first, failures log both. */
describe('client-request-id and request-id', () => {
  let kit: GraphKit;
  const lines: Line[] = [];
  const warnings = () => lines.filter((line) => line.level === 'warn');
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => {
    kit.reset();
    lines.length = 0;
  });

  it('names every request with a fresh GUID, outer and $batch inner ones alike', async () => {
    const gateway = kit.gatewayWith({ logger: recordingLogger(lines) });
    await gateway.listMyCalendars(callers.alex);
    await gateway.listPermissionsForCalendars(callers.alex, { calendarIds: [calendarIdOf(kit, alex.email), calendarIdOf(kit, alex.email, 'Project Phoenix')] });
    const ids = kit.requests().map((request) => request.clientRequestId);
    // The emulator logs a $batch once its inner requests are done.
    expect(kit.requests().map((request) => request.inBatch)).toEqual([false, true, true, false]);
    expect(ids.every((id) => uuid.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(warnings()).toEqual([]);
  });

  it('logs a failed call once with its client-request-id and the request-id Graph answered, and the error carries both', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 500, code: 'ErrorInternalServerError', times: 1 });
    const error = await failureOf(kit.gatewayWith({ logger: recordingLogger(lines) }).listMyCalendars(callers.alex));
    const [sent] = kit.requests();
    expect(error.clientRequestId).toBe(sent.clientRequestId);
    expect(error.requestId).toMatch(uuid);
    expect(warnings()).toEqual([
      { level: 'warn', message: 'Graph call failed', fields: { method: 'GET', path: '/me/calendars', status: 500, code: 'ErrorInternalServerError', clientRequestId: sent.clientRequestId, requestId: error.requestId } },
    ]);
  });

  it('keeps one client-request-id across the retries of a throttled call, and says it when giving up', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', status: 429, retryAfter: '1' });
    const error = await failureOf(kit.gatewayWith({ logger: recordingLogger(lines), maxRetries: 2 }).listMyCalendars(callers.alex));
    const attempts = kit.requests();
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((attempt) => attempt.clientRequestId)).size).toBe(1);
    expect(error).toMatchObject({ reason: 'throttled', clientRequestId: attempts[0].clientRequestId });
    const given = warnings().find((line) => line.message === 'Graph call given up');
    expect(given?.fields).toMatchObject({ clientRequestId: attempts[0].clientRequestId, attempts: 3 });
  });

  it('logs a failed $batch inner request with its own ids, and its outcome carries them', async () => {
    const outcomes = await kit.gatewayWith({ logger: recordingLogger(lines) }).listPermissionsForCalendars(callers.alex, { calendarIds: [calendarIdOf(kit, alex.email), 'AAMkNoSuchCalendar'] });
    const failed = outcomes.get('AAMkNoSuchCalendar');
    const inner = kit.requests().filter((request) => request.inBatch && request.status >= 400);
    expect(inner).toHaveLength(1);
    expect(failed?.ok).toBe(false);
    const error = failed && !failed.ok ? (failed.error as GraphError) : undefined;
    expect(error?.clientRequestId).toBe(inner[0].clientRequestId);
    expect(error?.requestId).toMatch(uuid);
    expect(warnings().map((line) => line.message)).toEqual(['Graph call failed']);
    expect(warnings()[0].fields).toMatchObject({ inBatch: true, status: inner[0].status, clientRequestId: inner[0].clientRequestId, requestId: error?.requestId });
  });

  it('logs a call that got no answer with its client-request-id', async () => {
    const error = await failureOf(kit.gatewayWith({ logger: recordingLogger(lines), baseUrl: 'http://127.0.0.1:9/v1.0' }).listMyCalendars(callers.alex));
    expect(error.clientRequestId).toMatch(uuid);
    expect(warnings()).toEqual([{ level: 'warn', message: 'Graph call failed', fields: { method: 'GET', path: '/me/calendars', reason: 'unavailable', clientRequestId: error.clientRequestId } }]);
  });
});

import type { EventContent, EventOperation } from '../../src/graph/event-gateway';
import type { GraphError } from '../../src/graph/graph-error';
import { undiciTransport } from '../../src/graph/middleware/http-transport';
import { callers, calendarIdOf, startGraphKit, type GraphKit } from './graph-kit';

const content = (subject: string): EventContent => ({
  subject,
  body: '',
  start: { dateTime: '2025-03-14T09:00:00', timeZone: 'Europe/Paris' },
  end: { dateTime: '2025-03-14T10:00:00', timeZone: 'Europe/Paris' },
  isAllDay: false,
  showAs: 'busy',
  sensitivity: 'normal',
  location: '',
  categories: [],
});

const network = undiciTransport();

describe('gateway: event writes', () => {
  let kit: GraphKit;
  const batches: Array<{ requests: Array<{ id: string; dependsOn?: string[] }> }> = [];
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => {
    kit.reset();
    batches.length = 0;
  });

  const gateway = () =>
    kit.gatewayWith({
      transport: (input, init) => {
        if (input.endsWith('/$batch') && typeof init.body === 'string') batches.push(JSON.parse(init.body) as (typeof batches)[number]);
        return network(input, init);
      },
    });

  const creates = (count: number): EventOperation[] => {
    const calendar = { calendarId: calendarIdOf(kit, 'alexw@example.com') };
    return Array.from({ length: count }, (_, index) => ({ op: 'create', calendar, event: content(`E${index}`), transactionId: `tx-${index}`, properties: {} }));
  };

  it('sends $batches of 20 as 4 dependsOn chains, so at most 4 run at once in the mailbox', async () => {
    const outcomes = await gateway().writeEvents(callers.alex, creates(25));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(batches.map((batch) => batch.requests.length)).toEqual([20, 5]);
    const first = batches[0].requests;
    expect(first.slice(0, 4).map((request) => request.dependsOn)).toEqual([undefined, undefined, undefined, undefined]);
    expect(first.slice(4).every((request, index) => request.dependsOn?.[0] === first[index].id)).toBe(true);
  });

  it('retries what a failed request held back (424) and what was throttled, once each', async () => {
    kit.emulator.control.injectFault({ method: 'POST', path: '/events$', status: 400, code: 'ErrorInvalidRequest', times: 1 });
    kit.emulator.control.injectFault({ method: 'POST', path: '/events$', status: 429, retryAfter: '2', times: 1 });
    const outcomes = await gateway().writeEvents(callers.alex, creates(9));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, true, true, true, true, true, true, true]);
    expect(kit.waits).toEqual([2000]);
    const created = kit.requests().filter((request) => request.inBatch && request.method === 'POST' && request.status === 201);
    expect(created).toHaveLength(8);
  });

  it('updates and deletes carry If-Match: a stale change key is a 412 and changes nothing', async () => {
    const calendar = { calendarId: calendarIdOf(kit, 'alexw@example.com') };
    const [created] = await gateway().writeEvents(callers.alex, creates(1));
    const eventId = (created.ok && created.value.id) as string;
    const outcomes = await gateway().writeEvents(callers.alex, [
      { op: 'update', calendar, eventId, event: { subject: 'Stale' }, ifMatch: 'not-the-change-key' },
      { op: 'delete', calendar, eventId, ifMatch: 'not-the-change-key' },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : (outcome.error as GraphError).status))).toEqual([412, 412]);
    const sent = batches[1].requests as Array<{ headers?: Record<string, string> }>;
    expect(sent.map((request) => request.headers?.['if-match'])).toEqual(['not-the-change-key', 'not-the-change-key']);
    const [fresh] = await gateway().writeEvents(callers.alex, [{ op: 'update', calendar, eventId, event: { subject: 'Fresh' }, ifMatch: '*' }]);
    expect(fresh.ok).toBe(true);
  });
});

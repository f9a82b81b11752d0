import type { CalendarRef, EventContent, EventOperation } from '../../src/graph/event-gateway';
import { callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

const day = (n: number) => new Date(Date.UTC(2025, 2, 13) + (n % 20) * 86400_000).toISOString().slice(0, 10);
const content = (subject: string, n: number): EventContent => ({
  subject,
  body: 'Ordre du jour',
  start: { dateTime: `${day(n)}T09:00:00`, timeZone: 'Europe/Paris' },
  end: { dateTime: `${day(n)}T10:00:00`, timeZone: 'Europe/Paris' },
  isAllDay: false,
  showAs: 'busy',
  sensitivity: 'normal',
  location: '',
  categories: [],
});
const window = { start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-04-30T00:00:00Z') };
const keyProperty = 'String {4d1b7c58-5f0b-4c51-9a0e-2b7f0f3a9c12} Name caldavUid';

describe('gateway: the reads of a two-way sync (listing with content, calendarView/delta)', () => {
  let kit: GraphKit;
  let calendar: CalendarRef;
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(async () => {
    kit.reset();
    calendar = { calendarId: (await kit.gateway.createCalendar(callers.alex, { name: `Reads ${Math.random()}` })).id };
  });

  async function create(count: number, properties: Record<string, string> = {}): Promise<string[]> {
    const operations: EventOperation[] = Array.from({ length: count }, (_, n) => ({ op: 'create', calendar, event: content(`E${n}`, n), properties, transactionId: `tx-${n}-${Math.random()}` }));
    const outcomes = await kit.gateway.writeEvents(callers.alex, operations);
    return outcomes.map((outcome) => (outcome.ok ? (outcome.value.id as string) : ''));
  }

  it('lists every event with its content in UTC, text bodies and the asked extended property', async () => {
    await create(1, { [keyProperty]: 'uid-from-caldav' });
    const { events, instances } = await kit.gateway.listEventsWithContent(callers.alex, { calendar, window, read: [keyProperty] });
    expect(instances).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: 'E0', body: { content: 'Ordre du jour' }, start: { timeZone: 'UTC' }, properties: { [keyProperty]: 'uid-from-caldav' } });
    expect(events[0].start.dateTime.slice(0, 19)).toBe('2025-03-13T08:00:00');
  });

  it('a first delta round follows nextLinks to the deltaLink (1,000 a page); the next round gives only the changes', async () => {
    const ids = await create(1005);
    kit.emulator.control.clearRequests();
    const first = await kit.gateway.readEventChanges(callers.alex, { calendar, window });
    expect(first).toMatchObject({ restarted: true, removedIds: [] });
    expect(first.changedIds).toHaveLength(1005);
    expect(outerRequests(kit).map((request) => request.path)).toEqual([expect.stringMatching(/calendarView\/delta$/), expect.stringMatching(/calendarView\/delta$/)]);
    expect(await kit.gateway.readEventChanges(callers.alex, { calendar, window, deltaLink: first.deltaLink })).toMatchObject({ restarted: false, changedIds: [], removedIds: [] });
    await kit.gateway.writeEvents(callers.alex, [
      { op: 'update', calendar, eventId: ids[3], event: { subject: 'E3 (moved)' } },
      { op: 'delete', calendar, eventId: ids[4] },
    ]);
    expect(await kit.gateway.readEventChanges(callers.alex, { calendar, window, deltaLink: first.deltaLink })).toMatchObject({ restarted: false, changedIds: [ids[3]], removedIds: [ids[4]] });
  });

  it('a link Graph no longer knows (410) starts a fresh round; a link outside Graph is refused, never followed with the token', async () => {
    await create(2);
    const first = await kit.gateway.readEventChanges(callers.alex, { calendar, window });
    const forgotten = first.deltaLink.replace(/\$deltatoken=.*/, '$deltatoken=forgotten');
    expect(await kit.gateway.readEventChanges(callers.alex, { calendar, window, deltaLink: forgotten })).toMatchObject({ restarted: true, changedIds: [expect.any(String), expect.any(String)] });
    await expect(kit.gateway.readEventChanges(callers.alex, { calendar, window, deltaLink: 'https://attacker.example/v1.0/me/calendarView/delta?$deltatoken=x' })).rejects.toMatchObject({ reason: 'invalidRequest' });
  });
});

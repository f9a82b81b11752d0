import { appActingOn } from '../../src/graph/calendar-gateway';
import type { EventContent } from '../../src/graph/event-gateway';
import { alex, isaiah } from '../support/demo-users';
import { calendarIdOf, callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

/** Graph's key for /users/{key} is the id or the UPN; Isaiah's mail (isaiahl@) is neither. */
describe('mailboxes named by directory id', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.reset());

  const paths = () => kit.requests().map((request) => request.path);

  it('the app identity writes events in a mailbox stored by mail address (two-way sync, feeds): by id on the wire', async () => {
    const event: EventContent = {
      subject: 'Synced from CalDAV',
      body: '',
      start: { dateTime: '2025-03-14T09:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2025-03-14T10:00:00', timeZone: 'Eastern Standard Time' },
      isAllDay: false,
      showAs: 'busy',
      sensitivity: 'normal',
      location: '',
      categories: [],
    };
    const calendar = { ownerAddress: isaiah.email, calendarId: calendarIdOf(kit, isaiah.email) };
    const [outcome] = await kit.gateway.writeEvents(appActingOn(isaiah.aadObjectId), [{ op: 'create', calendar, event, properties: {}, transactionId: 't-1' }]);
    expect(outcome).toMatchObject({ ok: true });
    expect(paths()).toContain(`/users/${isaiah.aadObjectId}/calendars/${calendar.calendarId}/events`);
    expect(paths().filter((path) => path.includes('@'))).toEqual([]);
  });

  it('in a $batch, a mailbox not known yet goes as typed with its lookup alongside; refused as not the UPN, again by id', async () => {
    await kit.gateway.listCalendarsSharedByMany(callers.alex, { ownerAddresses: [isaiah.email] });

    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch', '/$batch']);
    const inBatch = kit.requests().filter((request) => request.inBatch).map((request) => `${request.path} ${request.status}`);
    expect(inBatch[0]).toBe(`/users/${isaiah.email}/calendars 404`);
    expect(inBatch[1]).toMatch(/^\/users 200$/);
    expect(inBatch[2]).toMatch(new RegExp(`^/users/${isaiah.aadObjectId}/calendars (200|403)$`));

    // Known now: the next batch names him by id at once.
    await kit.gateway.listCalendarsSharedByMany(callers.alex, { ownerAddresses: [isaiah.email] });
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch', '/$batch', '/$batch']);
  });

  it('is found typed by his sign-in name, and known by his mail', async () => {
    await expect(kit.gateway.resolvePerson(callers.alex, { address: 'isaiah@example.com' })).resolves.toMatchObject({ id: isaiah.aadObjectId, address: isaiah.email, isInsideOrganization: true });
  });

  it('remembers an address the directory does not know for a while, then asks again', async () => {
    const unknown = { ownerAddress: 'gone@example.com' };
    await expect(kit.gateway.listCalendarsSharedBy(callers.alex, unknown)).rejects.toMatchObject({ reason: 'notFound' });
    await expect(kit.gateway.listCalendarsSharedBy(callers.alex, unknown)).rejects.toMatchObject({ reason: 'notFound' });
    expect(outerRequests(kit).filter((request) => request.path === '/users')).toHaveLength(1);
    kit.clock.advance(11 * 60_000);
    await expect(kit.gateway.listCalendarsSharedBy(callers.alex, unknown)).rejects.toMatchObject({ reason: 'notFound' });
    expect(outerRequests(kit).filter((request) => request.path === '/users')).toHaveLength(2);
  });

  it('without a directory read (a refused lookup), sends the address as it is: fine when it is also the UPN', async () => {
    kit.emulator.control.injectFault({ method: 'GET', path: '^/users$', status: 403, code: 'Authorization_RequestDenied' });
    const shared = await kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email });
    expect(shared.map((calendar) => calendar.name)).toEqual(['Project Phoenix']);
    expect(paths()).toContain(`/users/${alex.email}/calendars`);
  });
});

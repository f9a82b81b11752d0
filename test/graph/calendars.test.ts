import { adele, alex, megan, patti } from '../support/demo-users';
import { calendarIdOf, callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit({ pageSize: 2 });
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

describe('listMyCalendars', () => {
  it("lists the caller's calendars with what they may do", async () => {
    const calendars = await kit.gateway.listMyCalendars(callers.alex);

    expect(calendars).toEqual(
      expect.arrayContaining([
        { id: expect.any(String) as unknown, name: 'Calendar', isDefault: true, canShare: true, canEdit: true, canViewPrivateItems: true, owner: { name: 'Alex Wilber', address: alex.email } },
        expect.objectContaining({ name: 'Project Phoenix', isDefault: false, canShare: true }),
      ]),
    );
  });

  it('follows @odata.nextLink until the last page, asking only for the fields it maps', async () => {
    kit.emulator.control.addToCalendarList({ userId: alex.aadObjectId, ownerId: adele.aadObjectId });

    const calendars = await kit.gateway.listMyCalendars(callers.alex);

    expect(calendars.map((calendar) => calendar.name)).toEqual(['Calendar', 'Project Phoenix', 'Team Offsite', 'Jordan Lee', 'Adele Vance']);
    expect(calendars[4]).toMatchObject({ canShare: false, isDefault: false, owner: { address: adele.email } });
    const reads = kit.requests().filter((request) => request.path === '/me/calendars');
    expect(reads).toHaveLength(3);
    expect(reads[0].query).toContain('$select=id,name,isDefaultCalendar,canShare,canEdit,canViewPrivateItems,owner');
    expect(reads[1].query).toContain('$skiptoken=');
  });
});

describe('listCalendarsSharedBy', () => {
  it("lists only the owner's calendars shared with the caller, read with the caller's token", async () => {
    const shared = await kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email });

    expect(shared).toEqual([expect.objectContaining({ name: 'Project Phoenix', canShare: false, canEdit: false, owner: { name: 'Alex Wilber', address: alex.email } })]);
    // Graph's key for /users/{key} is the id or the UPN: the address is looked up once, then the mailbox is named by id.
    expect(outerRequests(kit).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /users', `GET /users/${alex.aadObjectId}/calendars`]);
    await kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email });
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/users', `/users/${alex.aadObjectId}/calendars`, `/users/${alex.aadObjectId}/calendars`]);
  });

  it('needs no lookup for someone the gateway already met in a directory search', async () => {
    await kit.gateway.findPeople(callers.megan, { query: 'Alex' });
    kit.emulator.control.clearRequests();

    await kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email });

    expect(outerRequests(kit).map((request) => request.path)).toEqual([`/users/${alex.aadObjectId}/calendars`]);
  });

  it('reports a refusal when nothing is shared (Exchange answers 403 ErrorAccessDenied)', async () => {
    await expect(kit.gateway.listCalendarsSharedBy(callers.alex, { ownerAddress: 'lynner@example.com' })).rejects.toMatchObject({ reason: 'forbidden', status: 403 });
  });

  it('reports an owner missing from the directory as notFound', async () => {
    await expect(kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: 'nobody@example.com' })).rejects.toMatchObject({ reason: 'notFound', status: 404 });
  });

  it('reads several owners in one $batch, each owner standing alone', async () => {
    const byOwner = await kit.gateway.listCalendarsSharedByMany(callers.megan, { ownerAddresses: [alex.email, patti.email, 'nobody@example.com'] });

    expect(byOwner.get(alex.email)).toEqual({ ok: true, value: [expect.objectContaining({ name: 'Project Phoenix' })] });
    expect(byOwner.get(patti.email)).toEqual({ ok: true, value: [expect.objectContaining({ name: 'Calendar', owner: expect.objectContaining({ address: patti.email }) as unknown })] });
    expect(byOwner.get('nobody@example.com')).toEqual({ ok: false, error: expect.objectContaining({ reason: 'notFound' }) as unknown });
    // One $batch: the three reads named as typed, and the directory lookup of the three addresses alongside.
    expect(outerRequests(kit).map((request) => `${request.method} ${request.path}`)).toEqual(['POST /$batch']);
    expect(kit.requests().filter((request) => request.inBatch)).toHaveLength(4);
  });

  it('splits more than 20 reads into several batches', async () => {
    const owners = Array.from({ length: 21 }, (_, index) => `ghost${index}@example.com`);
    const byOwner = await kit.gateway.listCalendarsSharedByMany(callers.megan, { ownerAddresses: owners });

    expect([...byOwner.values()].every((outcome) => !outcome.ok)).toBe(true);
    // 21 unknown addresses: 21 reads and three lookups of seven, in batches of 20 + 4.
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch', '/$batch']);
    expect(kit.requests().filter((request) => request.inBatch)).toHaveLength(24);
  });
});

describe('renameMyCalendarView', () => {
  it("renames a shared calendar in the sharee's list only (the alias)", async () => {
    const entryId = kit.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: calendarIdOf(kit, alex.email, 'Project Phoenix') });

    const renamed = await kit.gateway.renameMyCalendarView(callers.megan, { calendarId: entryId, name: ' Alex – Phoenix ' });

    expect(renamed).toMatchObject({ id: entryId, name: 'Alex – Phoenix', canShare: false, owner: { address: alex.email } });
    expect((await kit.gateway.listMyCalendars(callers.megan)).map((calendar) => calendar.name)).toContain('Alex – Phoenix');
    expect((await kit.gateway.listMyCalendars(callers.alex)).map((calendar) => calendar.name)).toContain('Project Phoenix');
  });

  it('refuses an empty name without calling Graph', async () => {
    await expect(kit.gateway.renameMyCalendarView(callers.megan, { calendarId: 'x', name: '  ' })).rejects.toMatchObject({ reason: 'invalidRequest' });
    expect(kit.requests()).toEqual([]);
  });

  it('reports an unknown calendar as notFound', async () => {
    await expect(kit.gateway.renameMyCalendarView(callers.megan, { calendarId: 'AAMkAnothere', name: 'x' })).rejects.toMatchObject({ reason: 'notFound' });
  });
});

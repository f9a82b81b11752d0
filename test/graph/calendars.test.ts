import { adele, alex, megan, patti } from '../support/demo-users';
import { callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit({ pageSize: 2 });
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

async function calendarId(owner: keyof typeof callers, name: string): Promise<string> {
  const calendars = await kit.gateway.listMyCalendars(callers[owner]);
  const calendar = calendars.find((candidate) => candidate.name === name);
  if (!calendar) throw new Error(`${owner} has no calendar "${name}"`);
  return calendar.id;
}

describe('listMyCalendars', () => {
  it("lists the caller's calendars with what they may do", async () => {
    const calendars = await kit.gateway.listMyCalendars(callers.alex);

    expect(calendars).toEqual(
      expect.arrayContaining([
        { id: expect.any(String), name: 'Calendar', isDefault: true, canShare: true, canEdit: true, canViewPrivateItems: true, owner: { name: 'Alex Wilber', address: alex.email } },
        expect.objectContaining({ name: 'Project Phoenix', isDefault: false, canShare: true }),
      ]),
    );
  });

  it('follows @odata.nextLink until the last page, asking only for the fields it maps', async () => {
    await kit.emulator.control.addToCalendarList({ userId: alex.aadObjectId, ownerId: adele.aadObjectId, calendarId: await calendarId('adele', 'Calendar') });
    kit.emulator.control.reset; // keep the list entry: only the request log matters below
    const before = kit.requests().length;

    const calendars = await kit.gateway.listMyCalendars(callers.alex);

    const reads = kit.requests().slice(before).filter((request) => request.path === '/me/calendars');
    expect(calendars.length).toBeGreaterThanOrEqual(3);
    expect(reads.length).toBe(Math.ceil(calendars.length / 2));
    expect(reads[0].query).toContain('$select=id,name,isDefaultCalendar,canShare,canEdit,canViewPrivateItems,owner');
    expect(calendars.find((calendar) => calendar.owner.address === adele.email)).toMatchObject({ canShare: false, isDefault: false });
  });
});

describe('listCalendarsSharedBy', () => {
  it("lists only the owner's calendars shared with the caller, read with the caller's token", async () => {
    const shared = await kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email });

    expect(shared).toEqual([expect.objectContaining({ name: 'Project Phoenix', canShare: false, canEdit: false, owner: { name: 'Alex Wilber', address: alex.email } })]);
    expect(outerRequests(kit)).toEqual([expect.objectContaining({ method: 'GET', path: `/users/${alex.email}/calendars` })]);
  });

  it('is empty when nothing is shared', async () => {
    await expect(kit.gateway.listCalendarsSharedBy(callers.alex, { ownerAddress: 'lynner@example.com' })).resolves.toEqual([]);
  });

  it('reports an owner missing from the directory as notFound', async () => {
    await expect(kit.gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: 'nobody@example.com' })).rejects.toMatchObject({ reason: 'notFound', status: 404 });
  });

  it('reads several owners in one $batch, each owner standing alone', async () => {
    const byOwner = await kit.gateway.listCalendarsSharedByMany(callers.megan, { ownerAddresses: [alex.email, patti.email, 'nobody@example.com'] });

    expect(byOwner.get(alex.email)).toEqual({ ok: true, value: [expect.objectContaining({ name: 'Project Phoenix' })] });
    expect(byOwner.get(patti.email)).toEqual({ ok: true, value: [expect.objectContaining({ name: 'Calendar', owner: expect.objectContaining({ address: patti.email }) })] });
    expect(byOwner.get('nobody@example.com')).toEqual({ ok: false, error: expect.objectContaining({ reason: 'notFound' }) });
    expect(outerRequests(kit).map((request) => `${request.method} ${request.path}`)).toEqual(['POST /$batch']);
    expect(kit.requests().filter((request) => request.inBatch)).toHaveLength(3);
  });

  it('splits more than 20 reads into several batches', async () => {
    const owners = Array.from({ length: 21 }, (_, index) => `ghost${index}@example.com`);
    const byOwner = await kit.gateway.listCalendarsSharedByMany(callers.megan, { ownerAddresses: owners });

    expect([...byOwner.values()].every((outcome) => !outcome.ok)).toBe(true);
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch', '/$batch']);
  });
});

describe('renameMyCalendarView', () => {
  it("renames a shared calendar in the sharee's list only (the alias)", async () => {
    const phoenix = await calendarId('alex', 'Project Phoenix');
    await kit.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: phoenix });
    const entry = (await kit.gateway.listMyCalendars(callers.megan)).find((calendar) => calendar.owner.address === alex.email);
    if (!entry) throw new Error('the shared calendar is not in Megan’s list');

    const renamed = await kit.gateway.renameMyCalendarView(callers.megan, { calendarId: entry.id, name: ' Alex – Phoenix ' });

    expect(renamed).toMatchObject({ id: entry.id, name: 'Alex – Phoenix', canShare: false, owner: { address: alex.email } });
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

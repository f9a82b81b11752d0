import type { CalendarPermission } from '../../src/graph/calendar-gateway';
import { adele, alex, isaiah, megan } from '../support/demo-users';
import { calendarIdOf, callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit({ pageSize: 2 });
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

const calendarId = (owner: string, name = 'Calendar'): string => calendarIdOf(kit, owner, name);

const byAddress = (permissions: CalendarPermission[], address: string | null): CalendarPermission | undefined =>
  permissions.find((permission) => permission.recipient.address === address);

describe('listPermissions', () => {
  it('lists the people a calendar is shared with and the "My Organization" entry', async () => {
    const primary = calendarId(adele.email);

    const permissions = await kit.gateway.listPermissions(callers.adele, { calendarId: primary });

    expect(byAddress(permissions, alex.email)).toEqual({
      id: expect.any(String) as unknown,
      role: 'limitedRead',
      allowedRoles: expect.arrayContaining(['freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithPrivateEventAccess']) as unknown,
      recipient: { name: 'Alex Wilber', address: alex.email },
      isMyOrganization: false,
      isInsideOrganization: true,
      isRemovable: true,
    });
    expect(byAddress(permissions, null)).toMatchObject({ role: 'freeBusyRead', isMyOrganization: true, isRemovable: false, isInsideOrganization: true });
  });

  it('reads the permissions of several calendars in one $batch', async () => {
    const primary = calendarId(alex.email);
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    const byCalendar = await kit.gateway.listPermissionsForCalendars(callers.alex, { calendarIds: [primary, phoenix] });

    expect(byCalendar.get(phoenix)).toEqual({ ok: true, value: [expect.objectContaining({ role: 'read', recipient: { name: 'Megan Bowen', address: megan.email } })] });
    expect(byCalendar.get(primary)).toEqual({ ok: true, value: expect.arrayContaining([expect.objectContaining({ isMyOrganization: true })]) as unknown });
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch']);
    expect(kit.requests().filter((request) => request.inBatch)).toHaveLength(2);
  });

  it('is empty for a shared calendar the caller only sees (Exchange answers the sharee so)', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    const entryId = kit.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: phoenix });

    await expect(kit.gateway.listPermissions(callers.megan, { calendarId: entryId })).resolves.toEqual([]);
  });

  it('reports an unknown calendar as notFound', async () => {
    await expect(kit.gateway.listPermissions(callers.alex, { calendarId: 'AAMkAunknown' })).rejects.toMatchObject({ reason: 'notFound', status: 404 });
  });
});

describe('grantPermission', () => {
  it('shares a calendar with a colleague', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');

    const granted = await kit.gateway.grantPermission(callers.alex, { calendarId: phoenix, recipient: { address: isaiah.email }, role: 'write' });

    expect(granted).toMatchObject({ role: 'write', recipient: { name: 'Isaiah Langer', address: isaiah.email }, isInsideOrganization: true, isRemovable: true });
    expect(byAddress(await kit.gateway.listPermissions(callers.alex, { calendarId: phoenix }), isaiah.email)?.role).toBe('write');
  });

  it('shares with an outsider up to what the sharing policy allows for their domain', async () => {
    const primary = calendarId(alex.email);

    const granted = await kit.gateway.grantPermission(callers.alex, {
      calendarId: primary,
      recipient: { address: 'jordan@partner.example.org', name: 'Jordan' },
      role: 'limitedRead',
    });

    expect(granted).toMatchObject({ role: 'limitedRead', isInsideOrganization: false, recipient: { address: 'jordan@partner.example.org' } });
    expect(granted.allowedRoles).not.toContain('write');
  });

  it('reports a share beyond the sharing policy as a plain refusal: Exchange says no more (the sharing layer explains it)', async () => {
    const primary = calendarId(alex.email);
    await expect(
      kit.gateway.grantPermission(callers.alex, { calendarId: primary, recipient: { address: 'sam@fabrikam.example.net' }, role: 'limitedRead' }),
    ).rejects.toMatchObject({ reason: 'forbidden', status: 403, code: 'ErrorAccessDenied' });
  });

  it('reports a role outside the allowed roles as invalidRequest', async () => {
    const primary = calendarId(alex.email);
    await expect(
      kit.gateway.grantPermission(callers.alex, { calendarId: primary, recipient: { address: 'jordan@partner.example.org' }, role: 'write' }),
    ).rejects.toMatchObject({ reason: 'invalidRequest', status: 400 });
  });

  it("changes the role of someone already listed instead of creating a second entry", async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');

    const granted = await kit.gateway.grantPermission(callers.alex, { calendarId: phoenix, recipient: { address: 'MeganB@example.com' }, role: 'write' });

    expect(granted).toMatchObject({ role: 'write', recipient: { address: megan.email } });
    // Created first (most grants are new); Exchange refuses a second entry, so the existing one is updated.
    const writes = kit.requests().filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 409', 'PATCH 200']);
    expect((await kit.gateway.listPermissions(callers.alex, { calendarId: phoenix })).filter((permission) => permission.recipient.address === megan.email)).toHaveLength(1);
  });

  it('reports a share of a calendar the caller does not own as a refusal', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    const entryId = kit.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: phoenix });

    await expect(
      kit.gateway.grantPermission(callers.megan, { calendarId: entryId, recipient: { address: adele.email }, role: 'read' }),
    ).rejects.toMatchObject({ reason: 'forbidden', status: 403 });
  });

  it('reports an unknown colleague address as notFound', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    await expect(
      kit.gateway.grantPermission(callers.alex, { calendarId: phoenix, recipient: { address: 'nobody@example.com' }, role: 'read' }),
    ).rejects.toMatchObject({ reason: 'notFound' });
  });
});

describe('updatePermission and revokePermission', () => {
  it('changes a role, then removes the share', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    const meganPermission = byAddress(await kit.gateway.listPermissions(callers.alex, { calendarId: phoenix }), megan.email);
    if (!meganPermission) throw new Error('seeded share missing');

    const updated = await kit.gateway.updatePermission(callers.alex, { calendarId: phoenix, permissionId: meganPermission.id, role: 'limitedRead' });
    expect(updated).toMatchObject({ id: meganPermission.id, role: 'limitedRead' });

    await kit.gateway.revokePermission(callers.alex, { calendarId: phoenix, permissionId: meganPermission.id });
    expect(byAddress(await kit.gateway.listPermissions(callers.alex, { calendarId: phoenix }), megan.email)).toBeUndefined();
    expect(outerRequests(kit).some((request) => request.method === 'DELETE' && request.status === 204)).toBe(true);
  });

  it('reports an unknown permission as notFound', async () => {
    const phoenix = calendarId(alex.email, 'Project Phoenix');
    await expect(kit.gateway.updatePermission(callers.alex, { calendarId: phoenix, permissionId: 'bm9ib2R5', role: 'read' })).rejects.toMatchObject({
      reason: 'notFound',
    });
    await expect(kit.gateway.revokePermission(callers.alex, { calendarId: phoenix, permissionId: 'bm9ib2R5' })).rejects.toMatchObject({ reason: 'notFound' });
  });

  it("reports a change on someone else's calendar as a refusal", async () => {
    const adelePrimary = calendarId(adele.email);
    const alexPermission = byAddress(await kit.gateway.listPermissions(callers.adele, { calendarId: adelePrimary }), alex.email);
    const entryId = kit.emulator.control.addToCalendarList({ userId: alex.aadObjectId, ownerId: adele.aadObjectId, calendarId: adelePrimary });

    await expect(
      kit.gateway.updatePermission(callers.alex, { calendarId: entryId, permissionId: alexPermission?.id ?? '', role: 'read' }),
    ).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(kit.gateway.revokePermission(callers.alex, { calendarId: entryId, permissionId: alexPermission?.id ?? '' })).rejects.toMatchObject({
      reason: 'forbidden',
    });
  });
});

import { policyDeniedMessage } from '../../src/emulator/sharing-rules';
import { adele, alex, isaiah, megan, patti } from '../support/demo-users';
import { calendarId, graphAs, items, startEmu, text, withoutContext, type Emu } from './emulator-kit';

const internalPrimary = ['none', 'freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess'];
const internalSecondary = ['none', 'freeBusyRead', 'limitedRead', 'read', 'write'];
const external = ['none', 'freeBusyRead', 'limitedRead', 'read'];

describe('emulator: calendarPermissions with Exchange rules', () => {
  let emu: Emu;
  const primary = '/me/calendar/calendarPermissions';
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  const phoenixPermissions = (): string => `/me/calendars/${calendarId(emu.emulator, alex, 'Project Phoenix')}/calendarPermissions`;

  it('lists the non-removable "My Organization" entry and never the owner', async () => {
    const reply = await graphAs(emu.emulator, alex).get(primary);
    expect(reply.status).toBe(200);
    expect(reply.body.value).toEqual([
      {
        id: 'RGVmYXVsdA==',
        isRemovable: false,
        isInsideOrganization: true,
        role: 'freeBusyRead',
        allowedRoles: ['none', 'freeBusyRead', 'limitedRead', 'read', 'write'],
        emailAddress: { name: 'My Organization', address: null },
      },
    ]);
  });

  it('refuses to delete "My Organization" but lets the owner change its role', async () => {
    const removal = await graphAs(emu.emulator, alex).delete(`${primary}/RGVmYXVsdA==`);
    expect(removal.status).toBe(403);
    expect(removal.body.error.code).toBe('ErrorAccessDenied');
    const update = await graphAs(emu.emulator, alex).patch(`${primary}/RGVmYXVsdA==`, { role: 'limitedRead' });
    expect(update.status).toBe(200);
    expect(update.body.role).toBe('limitedRead');
    const delegate = await graphAs(emu.emulator, alex).patch(`${primary}/RGVmYXVsdA==`, { role: 'delegateWithoutPrivateEventAccess' });
    expect(delegate.status).toBe(400);
  });

  it('creates a share with the recipient\'s directory name, a stable id, and 201', async () => {
    const reply = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: 'IsaiahL@example.com' }, role: 'read' });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      '@odata.context': `${emu.emulator.baseUrl}/$metadata#users('${alex.aadObjectId}')/calendar/calendarPermissions/$entity`,
      id: Buffer.from('ExchangePublishedUser.isaiahl@example.com').toString('base64'),
      isRemovable: true,
      isInsideOrganization: true,
      role: 'read',
      allowedRoles: internalPrimary,
      emailAddress: { name: 'Isaiah Langer', address: 'isaiahl@example.com' },
    });
    const fetched = await graphAs(emu.emulator, alex).get(`${primary}/${text(reply.body.id)}`);
    expect(withoutContext(fetched.body)).toEqual(withoutContext(reply.body));
  });

  it.each([
    ['a person inside, on the primary calendar', primary, megan.email, internalPrimary, true],
    ['a person inside, on a secondary calendar', 'phoenix', isaiah.email, internalSecondary, true],
    ['an outsider, on the primary calendar', primary, 'jordan@partner.example.org', external, false],
    ['an outsider, on a secondary calendar', 'phoenix', 'sam@fabrikam.example.net', external, false],
  ])('offers the allowed roles of %s', async (_case, path, address, allowed, inside) => {
    const target = path === 'phoenix' ? phoenixPermissions() : path;
    const reply = await graphAs(emu.emulator, alex).post(target, { emailAddress: { address }, role: 'freeBusyRead' });
    expect(reply.status).toBe(201);
    expect(reply.body.allowedRoles).toEqual(allowed);
    expect(reply.body.isInsideOrganization).toBe(inside);
  });

  it.each([
    ['write to an outsider', primary, 'jordan@partner.example.org', 'write'],
    ['delegation on a secondary calendar', 'phoenix', isaiah.email, 'delegateWithPrivateEventAccess'],
    ['a custom role', primary, isaiah.email, 'custom'],
  ])('refuses %s with 400 ErrorInvalidParameter', async (_case, path, address, role) => {
    const target = path === 'phoenix' ? phoenixPermissions() : path;
    const reply = await graphAs(emu.emulator, alex).post(target, { emailAddress: { address }, role });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ErrorInvalidParameter');
  });

  it('refuses an unknown role value like OData does', async () => {
    const reply = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: isaiah.email }, role: 'owner' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('BadRequest');
  });

  it.each([
    ['read to the partner domain (capped at limitedRead)', 'jordan@partner.example.org', 'read'],
    ['limitedRead to any other domain (capped at free/busy)', 'sam@fabrikam.example.net', 'limitedRead'],
  ])('enforces the sharing policy on create: %s', async (_case, address, role) => {
    const reply = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address }, role });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatchObject({ code: 'ErrorAccessDenied', message: policyDeniedMessage });
    expect(policyDeniedMessage).toBe('The sharing policy of your organization does not allow granting permissions at this level to one or more recipients.');
  });

  it('enforces the sharing policy on update, and follows a policy change', async () => {
    const created = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: 'jordan@partner.example.org' }, role: 'limitedRead' });
    expect(created.status).toBe(201);
    const raise = await graphAs(emu.emulator, alex).patch(`${primary}/${text(created.body.id)}`, { role: 'read' });
    expect(raise.status).toBe(403);
    expect(raise.body.error.message).toBe(policyDeniedMessage);
    emu.emulator.control.setPolicy('partner.example.org', 'read');
    expect((await graphAs(emu.emulator, alex).patch(`${primary}/${text(created.body.id)}`, { role: 'read' })).status).toBe(200);
  });

  it('updates only the role: any other property is a 400 ErrorInvalidRequest', async () => {
    const created = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: megan.email }, role: 'read' });
    const path = `${primary}/${text(created.body.id)}`;
    const other = await graphAs(emu.emulator, alex).patch(path, { role: 'write', emailAddress: { address: adele.email } });
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('ErrorInvalidRequest');
    const outside = await graphAs(emu.emulator, alex).patch(path, { role: 'custom' });
    expect(outside.status).toBe(400);
    const ok = await graphAs(emu.emulator, alex).patch(path, { role: 'delegateWithPrivateEventAccess' });
    expect(ok.body).toMatchObject({ id: created.body.id, role: 'delegateWithPrivateEventAccess' });
  });

  it('answers 409 ErrorItemAlreadyExists for a recipient who already has a permission', async () => {
    await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: megan.email }, role: 'read' });
    const again = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: 'MEGANB@example.com' }, role: 'write' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ErrorItemAlreadyExists');
  });

  it.each([
    ['the owner themselves', alex.email, 'ErrorInvalidParameter'],
    ['an address of the organisation nobody has', 'ghost@example.com', 'ErrorInvalidRecipients'],
    ['no address', '', 'ErrorInvalidParameter'],
  ])('refuses to share with %s', async (_case, address, code) => {
    const reply = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address }, role: 'read' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe(code);
  });

  it('lets only the owner manage: a sharee lists nothing and gets 403 on writes', async () => {
    const adelesCalendar = `/users/${adele.email}/calendar/calendarPermissions`;
    const listing = await graphAs(emu.emulator, alex).get(adelesCalendar);
    expect(listing.status).toBe(200);
    expect(listing.body.value).toEqual([]);
    const stranger = await graphAs(emu.emulator, isaiah).get(`/users/${patti.email}/calendar/calendarPermissions`);
    expect(stranger.body.value).toEqual([]);

    const create = await graphAs(emu.emulator, alex).post(adelesCalendar, { emailAddress: { address: isaiah.email }, role: 'read' });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('ErrorAccessDenied');
    const ownerView = await graphAs(emu.emulator, adele).get('/me/calendar/calendarPermissions');
    const alexsPermission = text(items(ownerView.body.value)[0].id);
    expect((await graphAs(emu.emulator, alex).patch(`${adelesCalendar}/${alexsPermission}`, { role: 'read' })).status).toBe(403);
    expect((await graphAs(emu.emulator, alex).delete(`${adelesCalendar}/${alexsPermission}`)).status).toBe(403);
    expect((await graphAs(emu.emulator, alex).get(`${adelesCalendar}/${alexsPermission}`)).status).toBe(403);
    expect(emu.emulator.control.permissionsOf(adele.email).find((permission) => permission.address === alex.email)?.role).toBe('limitedRead');
  });

  it('treats a shared calendar in the sharee\'s own list as not theirs to manage', async () => {
    const entryId = emu.emulator.control.addToCalendarList({ userId: alex.aadObjectId, ownerId: adele.aadObjectId });
    const listing = await graphAs(emu.emulator, alex).get(`/me/calendars/${entryId}/calendarPermissions`);
    expect(listing.body.value).toEqual([]);
    const create = await graphAs(emu.emulator, alex).post(`/me/calendars/${entryId}/calendarPermissions`, { emailAddress: { address: megan.email }, role: 'read' });
    expect(create.status).toBe(403);
  });

  it('shows the seeded shares to their owners', async () => {
    const adeles = await graphAs(emu.emulator, adele).get('/me/calendar/calendarPermissions');
    expect(items(adeles.body.value).map((permission) => [permission.emailAddress.address, permission.role])).toEqual([
      ['alexw@example.com', 'limitedRead'],
      [null, 'freeBusyRead'],
    ]);
    const phoenix = await graphAs(emu.emulator, alex).get(phoenixPermissions());
    expect(items(phoenix.body.value).map((permission) => [permission.emailAddress.name, permission.role, permission.isRemovable])).toEqual([['Megan Bowen', 'read', true]]);
  });

  it('removes a person\'s permission with 204; it is then gone', async () => {
    const created = await graphAs(emu.emulator, alex).post(primary, { emailAddress: { address: 'jordan@partner.example.org', name: 'Jordan Lee' }, role: 'freeBusyRead' });
    expect(created.body.emailAddress).toEqual({ name: 'Jordan Lee', address: 'jordan@partner.example.org' });
    const path = `${primary}/${text(created.body.id)}`;
    expect((await graphAs(emu.emulator, alex).delete(path)).status).toBe(204);
    expect((await graphAs(emu.emulator, alex).get(path)).status).toBe(404);
    expect((await graphAs(emu.emulator, alex).delete(path)).body.error.code).toBe('ErrorItemNotFound');
  });
});

import { adele, alex, isaiah, megan, patti } from '../support/demo-users';
import { calendarId, graphAs, items, startEmu, text, twoWeeks, withoutContext, type Emu } from './emulator-kit';

describe('emulator: calendars and the calendar list', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it("lists a user's own calendars with owner rights", async () => {
    const reply = await graphAs(emu.emulator, alex).get('/me/calendars');
    // Jordan Lee (another organisation) shared his calendar with Alex, who accepted it: Outlook listed it.
    expect(items(reply.body.value).map((calendar) => calendar.name)).toEqual(['Calendar', 'Project Phoenix', 'Team Offsite', 'Jordan Lee']);
    expect(reply.body.value[0]).toMatchObject({
      isDefaultCalendar: true,
      canShare: true,
      canEdit: true,
      canViewPrivateItems: true,
      isRemovable: false,
      owner: { name: 'Alex Wilber', address: 'alexw@example.com' },
    });
    expect(reply.body.value[1]).toMatchObject({ isDefaultCalendar: false, canShare: true, isRemovable: true, color: 'lightGreen' });
  });

  it('answers /me/calendar and /me/calendars/{id} with the same primary calendar', async () => {
    const api = graphAs(emu.emulator, alex);
    const primary = await api.get('/me/calendar');
    const byId = await api.get(`/me/calendars/${calendarId(emu.emulator, alex)}`);
    expect(primary.body.id).toBe(calendarId(emu.emulator, alex));
    expect(withoutContext(byId.body)).toEqual(withoutContext(primary.body));
    expect(withoutContext((await api.get(`/users/${alex.email}/calendar`)).body)).toEqual(withoutContext(primary.body));
    // Graph names the primary calendar by its navigation, any other by the calendars set.
    expect(primary.body['@odata.context']).toBe(`${emu.emulator.baseUrl}/$metadata#users('${alex.aadObjectId}')/calendar/$entity`);
    expect(byId.body['@odata.context']).toBe(`${emu.emulator.baseUrl}/$metadata#users('${alex.aadObjectId}')/calendars/$entity`);
    expect(primary.body['@odata.etag']).toBe(`W/"${text(primary.body.changeKey)}"`);
  });

  it("shows another user's calendars only where they are shared with the caller", async () => {
    const asMegan = await graphAs(emu.emulator, megan).get(`/users/${alex.email}/calendars`);
    expect(items(asMegan.body.value).map((calendar) => [calendar.name, calendar.canShare, calendar.canEdit])).toEqual([['Project Phoenix', false, false]]);
    expect(asMegan.body.value[0].owner).toEqual({ name: 'Alex Wilber', address: 'alexw@example.com' });
  });

  it('answers 403 ErrorAccessDenied, as Exchange does, to the calendar list of someone who shares nothing with the caller', async () => {
    const asIsaiah = await graphAs(emu.emulator, isaiah).get(`/users/${alex.email}/calendars`);
    expect(asIsaiah.status).toBe(403);
    expect(asIsaiah.body.error.code).toBe('ErrorAccessDenied');
  });

  it('can answer as the tenants that list the default calendar alone, which still cannot be opened', async () => {
    emu.emulator.control.setUnsharedCalendarList('defaultCalendarOnly');
    try {
      const listed = await graphAs(emu.emulator, isaiah).get(`/users/${alex.email}/calendars`);
      expect(listed.status).toBe(200);
      expect(items(listed.body.value).map((calendar) => [calendar.name, calendar.canShare, calendar.canEdit])).toEqual([['Calendar', false, false]]);
      const opened = await graphAs(emu.emulator, isaiah).get(`/users/${alex.email}/calendars/${calendarId(emu.emulator, alex)}/calendarView?startDateTime=2025-03-10T00:00:00Z&endDateTime=2025-03-11T00:00:00Z`);
      expect(opened.status).toBe(403);
    } finally {
      emu.emulator.control.reset();
    }
    expect((await graphAs(emu.emulator, isaiah).get(`/users/${alex.email}/calendars`)).status).toBe(403);
  });

  it('refuses a calendar that is not shared with 403 ErrorAccessDenied, even with the default free/busy', async () => {
    const primary = await graphAs(emu.emulator, megan).get(`/users/${alex.email}/calendar`);
    expect(primary.status).toBe(403);
    expect(primary.body.error.code).toBe('ErrorAccessDenied');
    const phoenix = await graphAs(emu.emulator, megan).get(`/users/${alex.email}/calendars/${calendarId(emu.emulator, alex, 'Project Phoenix')}`);
    expect(phoenix.status).toBe(200);
    const adeles = await graphAs(emu.emulator, alex).get(`/users/${adele.aadObjectId}/calendar`);
    expect(adeles.body).toMatchObject({ name: 'Calendar', canShare: false, canEdit: false, canViewPrivateItems: false });
  });

  it('answers 404 for a calendar id the mailbox does not have, and ErrorInvalidUser for an unknown mailbox', async () => {
    const calendar = await graphAs(emu.emulator, alex).get('/me/calendars/AAMkAnope');
    expect(calendar.status).toBe(404);
    expect(calendar.body.error.code).toBe('ErrorItemNotFound');
    const mailbox = await graphAs(emu.emulator, alex).get('/users/jordan@partner.example.org/calendar');
    expect(mailbox.status).toBe(404);
    expect(mailbox.body.error.code).toBe('ErrorInvalidUser');
  });

  it('lets the owner rename and recolour a calendar', async () => {
    const id = calendarId(emu.emulator, alex, 'Team Offsite');
    const reply = await graphAs(emu.emulator, alex).patch(`/me/calendars/${id}`, { name: 'Offsite 2027', color: 'lightRed' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id, name: 'Offsite 2027', color: 'lightRed' });
    const other = await graphAs(emu.emulator, megan).patch(`/users/${alex.email}/calendars/${calendarId(emu.emulator, alex, 'Project Phoenix')}`, { name: 'Mine' });
    expect(other.status).toBe(403);
    const invalid = await graphAs(emu.emulator, alex).patch(`/me/calendars/${id}`, { owner: { address: 'x@example.com' } });
    expect(invalid.status).toBe(400);
  });

  it('adds a shared calendar to the sharee\'s list, where their rename is an alias only they see', async () => {
    const phoenix = calendarId(emu.emulator, alex, 'Project Phoenix');
    const entryId = emu.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: phoenix });
    expect(entryId).not.toBe(phoenix);
    expect(emu.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: phoenix })).toBe(entryId);

    const list = await graphAs(emu.emulator, megan).get('/me/calendars');
    const entry = items(list.body.value).find((calendar) => text(calendar.id) === entryId);
    expect(entry).toMatchObject({ name: 'Alex Wilber - Project Phoenix', canShare: false, canEdit: false, isDefaultCalendar: false, owner: { address: 'alexw@example.com' } });

    const renamed = await graphAs(emu.emulator, megan).patch(`/me/calendars/${entryId}`, { name: 'Phoenix (Alex)' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Phoenix (Alex)');
    expect((await graphAs(emu.emulator, megan).get(`/me/calendars/${entryId}`)).body.name).toBe('Phoenix (Alex)');
    expect((await graphAs(emu.emulator, alex).get(`/me/calendars/${phoenix}`)).body.name).toBe('Project Phoenix');
    expect((await graphAs(emu.emulator, megan).get(`/users/${alex.email}/calendars/${phoenix}`)).body.name).toBe('Project Phoenix');
  });

  it('reports canEdit for a sharee with write', async () => {
    const grant = await graphAs(emu.emulator, alex).post(`/me/calendars/${calendarId(emu.emulator, alex, 'Team Offsite')}/calendarPermissions`, {
      emailAddress: { address: isaiah.email },
      role: 'write',
    });
    expect(grant.status).toBe(201);
    const entryId = emu.emulator.control.addToCalendarList({ userId: isaiah.aadObjectId, ownerId: alex.aadObjectId, calendarId: calendarId(emu.emulator, alex, 'Team Offsite') });
    expect((await graphAs(emu.emulator, isaiah).get(`/me/calendars/${entryId}`)).body).toMatchObject({ canEdit: true, canShare: false });
  });

  it('refuses to add a calendar that is not shared with the sharee', () => {
    expect(() => emu.emulator.control.addToCalendarList({ userId: isaiah.aadObjectId, ownerId: patti.aadObjectId })).toThrow(/not shared/);
  });

  it('fails reads through a list entry with 403 once the owner removes the share, but keeps the entry listed', async () => {
    const phoenix = calendarId(emu.emulator, alex, 'Project Phoenix');
    const entryId = emu.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: phoenix });
    const megansView = `/me/calendars/${entryId}/calendarView?${twoWeeks}`;
    expect((await graphAs(emu.emulator, megan).get(megansView)).status).toBe(200);

    const permissions = await graphAs(emu.emulator, alex).get(`/me/calendars/${phoenix}/calendarPermissions`);
    const megansPermission = items(permissions.body.value).find((permission) => text(permission.emailAddress.address) === megan.email);
    expect((await graphAs(emu.emulator, alex).delete(`/me/calendars/${phoenix}/calendarPermissions/${text(megansPermission?.id)}`)).status).toBe(204);

    const view = await graphAs(emu.emulator, megan).get(megansView);
    expect(view.status).toBe(403);
    expect(view.body.error.code).toBe('ErrorAccessDenied');
    expect((await graphAs(emu.emulator, megan).get(`/me/calendars/${entryId}`)).status).toBe(403);
    const list = await graphAs(emu.emulator, megan).get('/me/calendars');
    expect(items(list.body.value).some((calendar) => text(calendar.id) === entryId)).toBe(true);
  });

  it('pages calendar lists with $top', async () => {
    const first = await graphAs(emu.emulator, alex).get('/me/calendars?$top=2&$select=name');
    expect(items(first.body.value).map((calendar) => Object.keys(calendar).sort())).toEqual([['@odata.etag', 'id', 'name'], ['@odata.etag', 'id', 'name']]);
    const second = await graphAs(emu.emulator, alex).get(text(first.body['@odata.nextLink']));
    expect(items(second.body.value).map((calendar) => calendar.name)).toEqual(['Team Offsite', 'Jordan Lee']);
    expect(second.body['@odata.nextLink']).toBeUndefined();
  });
});

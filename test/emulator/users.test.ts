import { alex, isaiah, kim, lynne, megan } from '../support/demo-users';
import { graphAs, items, startEmu, text, type Emu } from './emulator-kit';

describe('emulator: authentication and the directory', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu({ pageSize: 2 });
  });
  afterAll(() => emu.close());

  it.each([
    ['no token', undefined],
    ['a token that is not the emulator\'s', 'Bearer eyJhbGciOiJIUzI1NiJ9.x.y'],
    ['an unknown user', 'Bearer emu.00000000-0000-0000-0000-0000000000099'],
    ['a mail address instead of an object id', 'Bearer emu.alexw@example.com'],
  ])('answers 401 InvalidAuthenticationToken with %s', async (_case, authorization) => {
    const reply = await graphAs(emu.emulator, { authorization }).get('/me');
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers /me as the signed-in user, with Graph\'s user properties', async () => {
    const reply = await graphAs(emu.emulator, alex).get('/me');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: alex.aadObjectId,
      displayName: 'Alex Wilber',
      mail: 'alexw@example.com',
      userPrincipalName: 'alexw@example.com',
      givenName: 'Alex',
      surname: 'Wilber',
      jobTitle: 'Marketing Assistant',
    });
    expect(reply.headers.get('content-type')).toContain('application/json');
  });

  it.each([isaiah.aadObjectId, 'isaiah@example.com', 'ISAIAH@example.com'])('finds a user by id or userPrincipalName: %s', async (key) => {
    const reply = await graphAs(emu.emulator, alex).get(`/users/${key}`);
    expect(reply.body).toMatchObject({ id: isaiah.aadObjectId, mail: 'isaiahl@example.com', userPrincipalName: 'isaiah@example.com' });
  });

  it('returns userType: members, and a guest invited from another organisation, with no mailbox here', async () => {
    const guest = await graphAs(emu.emulator, alex).get('/users/kim_litware.example.net%23EXT%23@example.com');
    expect(guest.body).toMatchObject({ displayName: 'Kim Abercrombie', mail: 'kim@litware.example.net', userPrincipalName: 'kim_litware.example.net#EXT#@example.com', userType: 'Guest' });
    expect((await graphAs(emu.emulator, alex).get(`/users/${isaiah.aadObjectId}`)).body).toMatchObject({ userType: 'Member' });
    const calendars = await graphAs(emu.emulator, alex).get(`/users/${kim.aadObjectId}/calendars`);
    expect(calendars.status).toBe(404);
    expect(calendars.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
  });

  it('refuses a mail address that is not the userPrincipalName, as Graph does', async () => {
    const directory = await graphAs(emu.emulator, alex).get('/users/isaiahl@example.com');
    expect(directory.status).toBe(404);
    expect(directory.body.error.code).toBe('Request_ResourceNotFound');

    const mailbox = await graphAs(emu.emulator, alex).get('/users/isaiahl@example.com/calendars');
    expect(mailbox.status).toBe(404);
    expect(mailbox.body.error).toMatchObject({ code: 'ErrorInvalidUser', message: "The requested user 'isaiahl@example.com' is invalid." });
  });

  it.each(['nobody@example.com', 'jordan@partner.example.org'])('answers 404 Request_ResourceNotFound for %s', async (key) => {
    const reply = await graphAs(emu.emulator, alex).get(`/users/${key}`);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('Request_ResourceNotFound');
  });

  it.each([
    ["startswith(displayName,'meg')", ['Megan Bowen']],
    ["startswith(givenName,'LY') or startswith(surname,'vance')", ['Adele Vance', 'Lynne Robbins']],
    ["mail eq 'PattiF@example.com'", ['Patti Fernandez']],
    ["userPrincipalName eq 'isaiah@example.com'", ['Isaiah Langer']],
    ["startswith(mail,'jordan')", []],
    ["startswith(displayName,'lynne or megan') or startswith(displayName,'o''brien')", []],
    ["startswith(displayName,'Alex Wilber') OR startswith(surname,'BOWEN')", ['Alex Wilber', 'Megan Bowen']],
  ])('searches people with $filter=%s', async (filter, names) => {
    const reply = await graphAs(emu.emulator, alex).get(`/users?$filter=${encodeURIComponent(filter)}&$top=10`);
    expect(reply.status).toBe(200);
    expect(items(reply.body.value).map((user) => user.displayName)).toEqual(names);
  });

  it('refuses a filter it does not support, like Graph', async () => {
    const reply = await graphAs(emu.emulator, alex).get(`/users?$filter=${encodeURIComponent("jobTitle eq 'x'")}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('Request_UnsupportedQuery');
  });

  it('pages the directory with an absolute @odata.nextLink until it is done', async () => {
    const api = graphAs(emu.emulator, alex);
    const names: string[] = [];
    let link: string | undefined = '/users?$select=displayName';
    let pages = 0;
    while (link && pages < 10) {
      const reply = await api.get(link);
      expect(items(reply.body.value).length).toBeLessThanOrEqual(2);
      names.push(...items(reply.body.value).map((user) => text(user.displayName)));
      const next = reply.body['@odata.nextLink'] as unknown as string | undefined;
      if (next) expect(next).toMatch(new RegExp(`^${emu.emulator.origin}/v1\\.0/users\\?.*\\$skiptoken=`));
      link = next;
      pages++;
    }
    expect(pages).toBe(4);
    expect(names).toEqual(['Adele Vance', 'Alex Wilber', 'Isaiah Langer', 'Kim Abercrombie', 'Lynne Robbins', 'Megan Bowen', 'Patti Fernandez']);
  });

  it('projects $select to the selected properties only, without id, as Graph does for directory objects', async () => {
    const reply = await graphAs(emu.emulator, alex).get(`/users/${megan.aadObjectId}?$select=displayName,mail`);
    expect(reply.body).toEqual({
      '@odata.context': `${emu.emulator.baseUrl}/$metadata#users(displayName,mail)/$entity`,
      displayName: 'Megan Bowen',
      mail: 'meganb@example.com',
    });
    const list = await graphAs(emu.emulator, alex).get('/users?$select=id,displayName&$top=1');
    expect(list.body['@odata.context']).toBe(`${emu.emulator.baseUrl}/$metadata#users(id,displayName)`);
    expect(Object.keys(items(list.body.value)[0]).sort()).toEqual(['displayName', 'id']);
  });

  it('gives the mailbox time zone to its owner only', async () => {
    expect((await graphAs(emu.emulator, alex).get('/me/mailboxSettings')).body.timeZone).toBe('Europe/Paris');
    // Windows names for some mailboxes (what Graph returns by default), IANA for others.
    expect((await graphAs(emu.emulator, isaiah).get('/me/mailboxSettings')).body.timeZone).toBe('Eastern Standard Time');
    const other = await graphAs(emu.emulator, lynne).get(`/users/${alex.aadObjectId}/mailboxSettings`);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('ErrorAccessDenied');
  });

  it('answers unknown segments with 400 BadRequest and unsupported methods with 405', async () => {
    const unknown = await graphAs(emu.emulator, alex).get('/me/drive/root');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'BadRequest', message: "Resource not found for the segment 'drive'." });
    const method = await graphAs(emu.emulator, alex).delete('/me');
    expect(method.status).toBe(405);
  });
});

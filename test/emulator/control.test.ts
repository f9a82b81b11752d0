import { alex, megan } from '../support/demo-users';
import { calendarId, graphAs, startEmu, type Emu } from './emulator-kit';

const post = (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('emulator: /_emulator control routes', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it('adds a shared calendar to a sharee\'s list, and refuses one that is not shared', async () => {
    const added = await post(`${emu.emulator.origin}/_emulator/calendar-list`, {
      userId: megan.email,
      ownerId: alex.aadObjectId,
      calendarId: calendarId(emu.emulator, alex, 'Project Phoenix'),
    });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    expect((await graphAs(emu.emulator, megan).get(`/me/calendars/${id}`)).body.name).toBe('Alex Wilber - Project Phoenix');
    const refused = await post(`${emu.emulator.origin}/_emulator/calendar-list`, { userId: megan.email, ownerId: alex.email });
    expect(refused.status).toBe(403);
    const unknown = await post(`${emu.emulator.origin}/_emulator/calendar-list`, { userId: 'nobody@example.com', ownerId: alex.email });
    expect(unknown.status).toBe(404);
  });

  it('changes the sharing policy', async () => {
    const denied = await graphAs(emu.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: 'sam@fabrikam.example.net' }, role: 'limitedRead' });
    expect(denied.status).toBe(403);
    expect((await post(`${emu.emulator.origin}/_emulator/policy`, { domain: '*', maxRole: 'limitedRead' })).status).toBe(204);
    const allowed = await graphAs(emu.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: 'sam@fabrikam.example.net' }, role: 'limitedRead' });
    expect(allowed.status).toBe(201);
    expect((await post(`${emu.emulator.origin}/_emulator/policy`, { domain: 'x.org', maxRole: 'boss' })).status).toBe(400);
  });

  it('logs requests with method, path, query and status, and clears the log', async () => {
    await fetch(`${emu.emulator.origin}/_emulator/requests`, { method: 'DELETE' });
    await graphAs(emu.emulator, alex).get('/me/calendars?$select=name,owner');
    await graphAs(emu.emulator, alex).get('/me/nothing');
    const log = (await (await fetch(`${emu.emulator.origin}/_emulator/requests`)).json()) as { value: unknown[] };
    expect(log.value).toEqual([
      expect.objectContaining({ method: 'GET', path: '/me/calendars', query: '$select=name,owner', status: 200, inBatch: false }),
      expect.objectContaining({ method: 'GET', path: '/me/nothing', status: 400 }),
    ]);
    expect(emu.emulator.control.requests()).toHaveLength(2);
  });

  it('looks users up and shows a start page with every inbox', async () => {
    const user = (await (await fetch(`${emu.emulator.origin}/_emulator/users/isaiah@example.com`)).json()) as { displayName: string };
    expect(user.displayName).toBe('Isaiah Langer');
    expect(emu.emulator.control.getUser('00000000-0000-0000-0000-0000000000025')?.jobTitle).toBe('IT Helpdesk');
    const page = await (await fetch(`${emu.emulator.origin}/_emulator`)).text();
    expect(page).toContain('/_emulator/inbox/jordan%40partner.example.org');
  });

  it('answers paths outside /v1.0 as Graph does for an unknown version', async () => {
    const reply = await fetch(`${emu.emulator.origin}/beta/me`);
    expect(reply.status).toBe(400);
  });
});

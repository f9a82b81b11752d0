import { alex, megan } from '../support/demo-users';
import { graphAs, items, startEmu, text, twoWeeks, type Emu } from './emulator-kit';

/** Answers shaped like Graph's: contexts, entity tags, ids to quote to support, links that survive a proxy, zones as asked. */
describe('emulator: the shape of Graph answers', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu({ pageSize: 2 });
  });
  afterAll(() => emu.close());
  const metadata = () => `${emu.emulator.baseUrl}/$metadata#`;

  it.each([
    ['/me', 'users/$entity'],
    ['/me?$select=displayName,mail', 'users(displayName,mail)/$entity'],
    ['/users?$top=1', 'users'],
    ['/me/calendars?$select=name', `users('${alex.aadObjectId}')/calendars(name)`],
    ['/me/calendar', `users('${alex.aadObjectId}')/calendar/$entity`],
    ['/me/calendar/calendarPermissions', `users('${alex.aadObjectId}')/calendar/calendarPermissions`],
    [`/me/calendar/calendarView?${twoWeeks}`, `users('${alex.aadObjectId}')/calendar/calendarView`],
    ['/me/mailboxSettings', `users('${alex.aadObjectId}')/mailboxSettings`],
    ['/me/mailboxSettings/timeZone', `users('${alex.aadObjectId}')/mailboxSettings/timeZone`],
    [`/users/${megan.aadObjectId}`, 'users/$entity'],
  ])('names where %s comes from in @odata.context', async (path, context) => {
    const reply = await graphAs(emu.emulator, alex).get(path);
    expect(reply.status).toBe(200);
    expect(reply.body['@odata.context']).toBe(`${metadata()}${context}`);
    expect(Object.keys(reply.body)[0]).toBe('@odata.context');
  });

  it('puts a context on an action\'s answer and on inner $batch answers, none on the batch envelope or on errors', async () => {
    const schedule = await graphAs(emu.emulator, alex).post('/me/calendar/getSchedule', {
      schedules: [megan.email],
      startTime: { dateTime: '2026-11-23T08:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-11-23T18:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 60,
    });
    expect(schedule.body['@odata.context']).toBe(`${metadata()}Collection(microsoft.graph.scheduleInformation)`);
    const batch = await graphAs(emu.emulator, alex).post('/$batch', { requests: [{ id: '1', method: 'GET', url: '/me?$select=mail' }, { id: '2', method: 'GET', url: '/me/nothing' }] });
    expect(batch.body['@odata.context']).toBeUndefined();
    const [ok, failed] = items(batch.body.responses);
    expect(ok.body['@odata.context']).toBe(`${metadata()}users(mail)/$entity`);
    expect(failed.body['@odata.context']).toBeUndefined();
  });

  it('tags calendars and events with W/"changeKey", and If-Match accepts the tag as sent', async () => {
    const api = graphAs(emu.emulator, alex);
    const calendar = await api.get('/me/calendar');
    expect(calendar.body['@odata.etag']).toBe(`W/"${text(calendar.body.changeKey)}"`);
    const created = await api.post('/me/calendar/events', { subject: 'Tagged', start: { dateTime: '2026-11-24T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-24T11:00:00', timeZone: 'UTC' } });
    expect(created.body['@odata.etag']).toBe(`W/"${text(created.body.changeKey)}"`);
    const patched = await fetch(`${emu.emulator.baseUrl}/me/events/${text(created.body.id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer emu.${alex.aadObjectId}`, 'content-type': 'application/json', 'if-match': text(created.body['@odata.etag']) },
      body: JSON.stringify({ subject: 'Tagged again' }),
    });
    expect(patched.status).toBe(200);
  });

  it('echoes the client-request-id and names the request with one request-id, in the headers and in the error', async () => {
    const clientRequestId = '6c0a2f4e-9a53-4d5e-8f0b-1f2a3b4c5d6e';
    const reply = await graphAs(emu.emulator, alex).get('/me/nothing', { 'client-request-id': clientRequestId });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('client-request-id')).toBe(clientRequestId);
    expect(reply.body.error.innerError).toMatchObject({ 'client-request-id': clientRequestId, 'request-id': reply.headers.get('request-id') });
    expect(emu.emulator.control.requests().at(-1)?.clientRequestId).toBe(clientRequestId);
    const unnamed = await graphAs(emu.emulator, alex).get('/me');
    expect(unnamed.headers.get('client-request-id')).toBe(unnamed.headers.get('request-id'));
  });

  it('builds links and contexts on the proxy the request came through (X-Forwarded-*), else on Host', async () => {
    const proxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'graph-gw.contoso.test, inner.proxy', 'x-forwarded-prefix': '/graph' };
    const reply = await graphAs(emu.emulator, alex).get('/users?$select=displayName', proxy);
    expect(reply.body['@odata.nextLink']).toMatch(/^https:\/\/graph-gw\.contoso\.test\/graph\/v1\.0\/users\?\$select=displayName&\$skiptoken=/);
    expect(reply.body['@odata.context']).toBe('https://graph-gw.contoso.test/graph/v1.0/$metadata#users(displayName)');
    const direct = await graphAs(emu.emulator, alex).get('/users?$select=displayName');
    expect(text(direct.body['@odata.nextLink']).startsWith(`${emu.emulator.baseUrl}/users?`)).toBe(true);
  });

  it('answers times in the zone Prefer names, named as asked, and says it applied it', async () => {
    const api = graphAs(emu.emulator, alex);
    const paris = await api.get(`/me/calendar/calendarView?${twoWeeks}&$top=1`, { prefer: 'outlook.timezone="Europe/Paris"' });
    const windows = await api.get(`/me/calendar/calendarView?${twoWeeks}&$top=1`, { prefer: 'outlook.timezone="Romance Standard Time"' });
    const [inParis] = items(paris.body.value);
    const [inWindows] = items(windows.body.value);
    expect(inWindows.start).toEqual({ dateTime: inParis.start.dateTime, timeZone: 'Romance Standard Time' });
    expect(windows.headers.get('preference-applied')).toBe('outlook.timezone="Romance Standard Time"');
    const event = await api.get(`/me/events/${text(inParis.id)}`, { prefer: 'outlook.timezone="Pacific Standard Time"' });
    expect(event.body.start.timeZone).toBe('Pacific Standard Time');
    expect(event.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
  });
});

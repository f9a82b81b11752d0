import { alex, megan } from '../support/demo-users';
import { calendarId, graphAs, items, startEmu, text, type Emu } from './emulator-kit';

const keyProperty = 'String {7c0b6c9e-3f2a-4b8e-9d1e-2a4c5e6f7a8b} Name feedKey';
const weekly = {
  pattern: { type: 'weekly', interval: 1, daysOfWeek: ['monday'], firstDayOfWeek: 'monday' },
  range: { type: 'numbered', startDate: '2026-11-23', numberOfOccurrences: 4, recurrenceTimeZone: 'Europe/Paris' },
};
const event = (subject: string, extra: Record<string, unknown> = {}) => ({
  subject,
  start: { dateTime: '2026-11-23T09:00:00', timeZone: 'Europe/Paris' },
  end: { dateTime: '2026-11-23T10:00:00', timeZone: 'Romance Standard Time' },
  ...extra,
});
const window = 'startDateTime=2026-11-22T00:00:00Z&endDateTime=2026-12-31T00:00:00Z&$top=100';

describe('Graph emulator: events', () => {
  let emu: Emu;
  beforeEach(async () => {
    emu = await startEmu();
  });
  afterEach(() => emu.close());

  it('creates, filters by extended property, patches with If-Match and deletes', async () => {
    const graph = graphAs(emu.emulator, alex);
    const created = await graph.post('/me/calendar/events', event('Standup', { singleValueExtendedProperties: [{ id: keyProperty, value: 'feed-1|a' }] }));
    expect(created.status).toBe(201);
    expect(created.body.start).toEqual({ dateTime: '2026-11-23T08:00:00.0000000', timeZone: 'UTC' });
    await graph.post('/me/calendar/events', event('Other'));
    const filter = `$filter=singleValueExtendedProperties/Any(ep: ep/id eq '${keyProperty}' and ep/value eq 'feed-1|a')&$expand=singleValueExtendedProperties($filter=id eq '${keyProperty}')`;
    const found = await graph.get(`/me/calendar/events?${filter}`);
    expect(items(found.body.value).map((item) => text(item.subject))).toEqual(['Standup']);
    expect(found.body.value[0].singleValueExtendedProperties).toEqual([{ id: keyProperty, value: 'feed-1|a' }]);
    const id = text(created.body.id);
    const stale = await fetch(`${emu.emulator.baseUrl}/me/events/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${(await import('../../src/emulator')).emulatorToken(alex.aadObjectId)}`, 'content-type': 'application/json', 'if-match': 'W/"stale"' },
      body: JSON.stringify({ subject: 'x' }),
    });
    expect(stale.status).toBe(412);
    const patched = await graph.patch(`/me/events/${id}`, { subject: 'Standup (moved)', showAs: 'free' });
    expect(patched.body).toMatchObject({ subject: 'Standup (moved)', showAs: 'free' });
    expect(patched.body.changeKey).not.toEqual(created.body.changeKey);
    expect((await graph.delete(`/me/events/${id}`)).status).toBe(204);
    expect((await graph.get(`/me/events/${id}`)).status).toBe(404);
  });

  it('does not create twice with the same transactionId', async () => {
    const graph = graphAs(emu.emulator, alex);
    const first = await graph.post('/me/calendar/events', event('Once', { transactionId: 'tx-1' }));
    const again = await graph.post('/me/calendar/events', event('Once', { transactionId: 'tx-1' }));
    expect(again.body.id).toEqual(first.body.id);
    const view = await graph.get(`/me/calendarView?${window}`);
    expect(items(view.body.value).filter((item) => item.subject === ('Once' as never))).toHaveLength(1);
  });

  it('validates recurrence as Graph does and expands a series with its exceptions', async () => {
    const graph = graphAs(emu.emulator, alex);
    const invalid = await graph.post('/me/calendar/events', event('Bad', { recurrence: { pattern: { type: 'weekly', interval: 1 }, range: weekly.range } }));
    expect(invalid.status).toBe(400);
    expect(text(invalid.body.error.message)).toMatch(/daysOfWeek/);
    const zero = await graph.post('/me/calendar/events', event('Bad', { recurrence: { ...weekly, pattern: { ...weekly.pattern, interval: 0 } } }));
    expect(zero.status).toBe(400);
    const series = await graph.post('/me/calendar/events', event('Weekly', { recurrence: weekly }));
    expect(series.body.type).toBe('seriesMaster');
    const masterId = text(series.body.id);
    const instances = await graph.get(`/me/events/${masterId}/instances?${window}`);
    const list = items(instances.body.value);
    expect(list.map((item) => text(item.start.dateTime).slice(0, 16))).toEqual(['2026-11-23T08:00', '2026-11-30T08:00', '2026-12-07T08:00', '2026-12-14T08:00']);
    expect((await graph.delete(`/me/events/${text(list[1].id)}`)).status).toBe(204);
    const moved = await graph.patch(`/me/events/${text(list[2].id)}`, { start: { dateTime: '2026-12-08T15:00:00', timeZone: 'Europe/Paris' }, end: { dateTime: '2026-12-08T16:00:00', timeZone: 'Europe/Paris' } });
    expect(moved.body.type).toBe('exception');
    const view = await graph.get(`/me/calendarView?${window}`);
    const weeklyItems = items(view.body.value).filter((item) => item.subject === ('Weekly' as never));
    expect(weeklyItems.map((item) => [text(item.start.dateTime).slice(0, 16), text(item.type)])).toEqual([
      ['2026-11-23T08:00', 'occurrence'],
      ['2026-12-08T14:00', 'exception'],
      ['2026-12-14T08:00', 'occurrence'],
    ]);
    // A new pattern drops the exceptions, as Exchange does.
    await graph.patch(`/me/events/${masterId}`, { recurrence: { ...weekly, range: { ...weekly.range, numberOfOccurrences: 2 } } });
    const after = await graph.get(`/me/events/${masterId}/instances?${window}`);
    expect(items(after.body.value)).toHaveLength(2);
    expect((await graph.delete(`/me/events/${masterId}`)).status).toBe(204);
    expect(items((await graph.get(`/me/calendarView?${window}`)).body.value).filter((item) => item.subject === ('Weekly' as never))).toHaveLength(0);
  });

  it('lets an editor write in a shared calendar and refuses a reader', async () => {
    const owner = graphAs(emu.emulator, alex);
    const phoenix = calendarId(emu.emulator, alex, 'Project Phoenix');
    const asMegan = graphAs(emu.emulator, megan);
    const refused = await asMegan.post(`/users/${alex.email}/calendars/${phoenix}/events`, event('Nope'));
    expect(refused.status).toBe(403);
    const permissions = await owner.get(`/me/calendars/${phoenix}/calendarPermissions`);
    const meganEntry = items(permissions.body.value).find((entry) => entry.emailAddress?.address === (megan.email as never));
    await owner.patch(`/me/calendars/${phoenix}/calendarPermissions/${text(meganEntry?.id)}`, { role: 'write' });
    const written = await asMegan.post(`/users/${alex.email}/calendars/${phoenix}/events`, event('From Megan'));
    expect(written.status).toBe(201);
    expect(written.body.organizer).toEqual({ emailAddress: { name: 'Alex Wilber', address: alex.email } });
  });

  it('creates and deletes a calendar, and writes inside $batch with per-request faults', async () => {
    const graph = graphAs(emu.emulator, alex);
    const created = await graph.post('/me/calendars', { name: 'School holidays' });
    expect(created.status).toBe(201);
    expect((await graph.post('/me/calendars', { name: 'school holidays' })).status).toBe(409);
    const id = text(created.body.id);
    emu.emulator.control.injectFault({ method: 'POST', path: '/events$', status: 429, retryAfter: '2', times: 1 });
    const batch = await graph.post('/$batch', {
      requests: [1, 2, 3].map((n) => ({ id: String(n), method: 'POST', url: `/me/calendars/${id}/events`, headers: { 'content-type': 'application/json' }, body: event(`E${n}`) })),
    });
    expect(items(batch.body.responses).map((response) => Number(response.status))).toEqual([429, 201, 201]);
    expect(batch.body.responses[0].headers['Retry-After']).toBe('2');
    expect((await graph.delete(`/me/calendars/${id}`)).status).toBe(204);
    expect((await graph.get(`/me/calendars/${id}`)).status).toBe(404);
  });
});

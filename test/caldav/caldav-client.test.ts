import { CalDavClient } from '../../src/caldav/caldav-client';
import { CalDavError } from '../../src/caldav/caldav-error';
import { startRadicale, type RadicaleServer } from './radicale-server';

const event = (uid: string, summary: string) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261201T000000Z', 'DTSTART:20261210T090000Z', 'DTEND:20261210T100000Z', `SUMMARY:${summary}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');

describe('CalDAV client against Radicale', () => {
  let radicale: RadicaleServer;
  let calendarUrl: string;
  beforeAll(async () => {
    radicale = await startRadicale({ alex: 'app-password-1' });
    calendarUrl = await radicale.makeCalendar('alex', 'app-password-1', 'Perso');
  });
  afterAll(() => radicale.close());

  const connect = (password = 'app-password-1') => CalDavClient.connect({ serverUrl: radicale.url, userName: 'alex', password });

  it('discovers the calendar home from the server address and lists the calendars', async () => {
    const client = await connect();
    const calendars = await client.listCalendars();
    expect(calendars).toEqual([expect.objectContaining({ url: calendarUrl, name: 'Perso', syncCollection: true })]);
  });

  it('refuses wrong credentials with a typed problem', async () => {
    await expect(connect('wrong')).rejects.toMatchObject({ problem: 'credentialsRefused' });
  });

  it('says unreachable for a server that is not there', async () => {
    await expect(CalDavClient.connect({ serverUrl: 'http://127.0.0.1:1', userName: 'alex', password: 'x' })).rejects.toBeInstanceOf(CalDavError);
    await expect(CalDavClient.connect({ serverUrl: 'http://127.0.0.1:1', userName: 'alex', password: 'x' })).rejects.toMatchObject({ problem: 'unreachable' });
  });

  it('creates, lists, updates with If-Match (412 on a stale ETag), follows sync-collection, deletes', async () => {
    const client = await connect();
    const before = await client.collectionState(calendarUrl);
    const created = await client.create(calendarUrl, 'one.ics', event('one', 'First'));
    expect(created.etag).toMatch(/./);
    expect(await client.listObjects(calendarUrl)).toEqual([{ href: created.href, etag: created.etag }]);
    const changes = await client.changesSince(calendarUrl, before);
    expect(changes).toMatchObject({ kind: 'delta', changed: [{ href: created.href, etag: created.etag }], deleted: [] });
    const updated = await client.update(calendarUrl, created.href, created.etag, event('one', 'Changed'));
    expect(updated.etag).not.toBe(created.etag);
    await expect(client.update(calendarUrl, created.href, created.etag, event('one', 'Lost'))).rejects.toMatchObject({ problem: 'preconditionFailed' });
    const [fetched] = await client.fetchObjects(calendarUrl, [created.href]);
    expect(fetched.data).toContain('SUMMARY:Changed');
    expect(await client.changesSince(calendarUrl, changes.state)).toMatchObject({ kind: 'delta', changed: [{ href: created.href }] });
    const unchanged = await client.changesSince(calendarUrl, (await client.changesSince(calendarUrl, changes.state)).state);
    expect(unchanged.kind).toBe('unchanged');
    await client.delete(created.href, updated.etag);
    expect(await client.listObjects(calendarUrl)).toEqual([]);
    expect(await client.changesSince(calendarUrl, unchanged.state)).toMatchObject({ kind: 'delta', deleted: [created.href] });
  });

  it('reports a deleted calendar as gone', async () => {
    const client = await connect();
    await expect(client.collectionState(`${radicale.url}/alex/nothing-here/`)).rejects.toMatchObject({ problem: 'calendarGone' });
  });
});

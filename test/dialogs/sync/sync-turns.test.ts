import { suiteHarness } from '../../support/bot-harness';
import { buttonData, cardFrom, cardText, choicesOf, press, textFrom } from '../../support/cards';
import { alex, inFrench, megan } from '../../support/demo-users';
import { startRadicale, type RadicaleServer } from '../../caldav/radicale-server';
import { CalDavClient } from '../../../src/caldav/caldav-client';

const password = 'radicale-app-pass-9';

describe('/sync: connect a CalDAV calendar, preview, start, pause, resume, remove', () => {
  const bot = suiteHarness();
  let radicale: RadicaleServer;
  let calendarUrl: string;
  beforeAll(async () => {
    radicale = await startRadicale({ alex: password });
    calendarUrl = await radicale.makeCalendar('alex', password, 'Perso');
    const client = await CalDavClient.connect({ serverUrl: radicale.url, userName: 'alex', password });
    const now = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10).replace(/-/g, '');
    await client.create(calendarUrl, 'climbing.ics', ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//EN', 'BEGIN:VEVENT', 'UID:climbing-1', 'DTSTAMP:20261120T080000Z', `DTSTART:${now}T170000Z`, `DTEND:${now}T190000Z`, 'SUMMARY:Escalade', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n'));
  });
  afterAll(() => radicale.close());

  it('understands plain words in French', async () => {
    const card = cardFrom(await bot.say(inFrench(alex), 'synchroniser mon Google Agenda avec Outlook'));
    expect(cardText(card)).toContain('Synchroniser un calendrier CalDAV avec Outlook');
    expect(cardText(card)).toContain("mot de passe d'application");
  });

  it('walks from the connect card to a running sync, with the password sealed at rest', async () => {
    const connect = cardFrom(await bot.say(alex, '/sync'));
    expect(cardText(connect)).toContain('Sync a CalDAV calendar with Outlook');

    const refused = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: radicale.url, userName: 'alex', password: 'wrong' }));
    expect(cardText(refused)).toContain('the server refused the user name or app password');
    const unreachable = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: 'http://127.0.0.1:1', userName: 'alex', password }));
    expect(cardText(unreachable)).toContain('the server cannot be reached');
    const notHttps = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: 'http://caldav.example.com', userName: 'alex', password }));
    expect(cardText(notHttps)).toContain('must start with https://');

    const pick = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: radicale.url, userName: 'alex', password }));
    expect(choicesOf(pick, 'caldavCalendar').map((choice) => choice.title)).toEqual(['Perso']);
    const outlookChoice = choicesOf(pick, 'outlookCalendar')[0];
    expect(outlookChoice).toBeDefined();

    const rows = await bot.app.database.db.selectFrom('two_way_sync_pairs').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(rows[0].password_sealed).toMatch(/^v1\./);

    const preview = cardFrom(await press(bot, alex, pick, 'See what will happen', { caldavCalendar: calendarUrl, outlookCalendar: String(outlookChoice.value), direction: 'both', policy: 'newer' }));
    expect(cardText(preview)).toContain('1 event(s) will be copied to Outlook.');
    expect(cardText(preview)).toContain('0 event(s) are already on both sides');

    // A forwarded card: only the owner can start it.
    expect(textFrom(await bot.click(megan, buttonData(preview, 'Start syncing')))).toBe('Only the person who set up this sync can change it.');

    const status = cardFrom(await press(bot, alex, preview, 'Start syncing'));
    expect(cardText(status)).toContain('1 to Outlook');
    const paused = cardFrom(await press(bot, alex, status, 'Pause'));
    expect(cardText(paused)).toContain('Paused by you.');
    const resumed = cardFrom(await press(bot, alex, paused, 'Resume'));
    expect(cardText(resumed)).toContain('Sync now');

    const list = cardFrom(await bot.say(alex, '/sync'));
    expect(cardText(list)).toContain('⇄ Perso');

    const ask = cardFrom(await press(bot, alex, resumed, 'Remove'));
    expect(cardText(ask)).toContain('What should happen to them?');
    expect(textFrom(await press(bot, alex, ask, 'Keep them on both sides'))).toBe('The sync is removed.');
    expect(await bot.app.database.db.selectFrom('two_way_sync_pairs').selectAll().execute()).toHaveLength(0);
    expect(textFrom(await press(bot, alex, ask, 'Keep them on both sides'))).toBe('This sync no longer exists.');
  });

  it('one side emptied: the status card says so plainly and asks before deleting on the other side', async () => {
    const connect = cardFrom(await bot.say(alex, '/sync'));
    const pick = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: radicale.url, userName: 'alex', password }));
    const outlookValue = String(choicesOf(pick, 'outlookCalendar')[0].value);
    const preview = cardFrom(await press(bot, alex, pick, 'See what will happen', { caldavCalendar: calendarUrl, outlookCalendar: outlookValue, direction: 'both', policy: 'newer' }));
    const status = cardFrom(await press(bot, alex, preview, 'Start syncing'));
    const client = await CalDavClient.connect({ serverUrl: radicale.url, userName: 'alex', password });
    for (const ref of await client.listObjects(calendarUrl)) await client.delete(ref.href, ref.etag);
    const stopped = cardFrom(await press(bot, alex, status, 'Sync now'));
    expect(cardText(stopped)).toContain('the other calendar is suddenly empty; nothing was deleted in Outlook');
    const agenda = async () => (await bot.app.gateway.readAgenda({ userId: alex.aadObjectId }, { calendarId: outlookValue, start: new Date(), end: new Date(Date.now() + 10 * 86400_000), timeZone: 'UTC' })) as unknown;
    expect(JSON.stringify(await agenda())).toContain('Escalade');
    const confirmed = cardFrom(await press(bot, alex, stopped, 'Yes, delete them in Outlook too'));
    expect(cardText(confirmed)).toContain('Sync now');
    expect(JSON.stringify(await agenda())).not.toContain('Escalade');
  });

  it('the CalDAV calendar deleted: after repeated failures the pair pauses and the owner is told once, plainly', async () => {
    const travail = await radicale.makeCalendar('alex', password, 'Travail');
    // The pair of the test before is removed first (its events kept), so /sync offers to connect again.
    const previous = cardFrom(await bot.say(alex, '/sync'));
    if (!cardText(previous).includes('Connect')) await press(bot, alex, cardFrom(await press(bot, alex, previous, 'Remove')), 'Keep them on both sides');
    const connect = cardFrom(await bot.say(alex, '/sync'));
    const pick = cardFrom(await press(bot, alex, connect, 'Connect', { serverUrl: radicale.url, userName: 'alex', password }));
    const outlookValue = String(choicesOf(pick, 'outlookCalendar')[0].value);
    const preview = cardFrom(await press(bot, alex, pick, 'See what will happen', { caldavCalendar: travail, outlookCalendar: outlookValue, direction: 'both', policy: 'newer' }));
    let status = cardFrom(await press(bot, alex, preview, 'Start syncing'));
    await bot.deliverOutbox();
    await fetch(travail, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`alex:${password}`).toString('base64')}` } });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(cardText(status)).toContain('Sync now');
      status = cardFrom(await press(bot, alex, status, 'Sync now'));
    }
    expect(cardText(status)).toContain('the calendar was deleted on the server');
    expect(cardText(status)).not.toContain('Sync now');
    const notices = (await bot.deliverOutbox()).map((activity) => activity.text ?? '').filter((text) => text.includes('is paused'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('the calendar was deleted on the server');
    expect(notices[0]).toContain('Type /sync to see it and resume.');
    expect(await bot.deliverOutbox()).toHaveLength(0);
  });
});

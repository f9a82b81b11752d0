import { emulatorToken } from '../../../src/emulator';
import { suiteHarness } from '../../support/bot-harness';
import { buttonData, cardFrom, cardText, choicesOf, press, textFrom } from '../../support/cards';
import { alex, inFrench, megan } from '../../support/demo-users';
import { fakeResolver, startFeedServer, type FeedServer } from '../../feeds/feed-server';
import { googleFeed, outlookFeed } from '../../feeds/fixtures/ics-fixtures';

const lookup = fakeResolver({ 'feeds.test': '127.0.0.1', 'intranet.test': '10.0.0.8' });

describe('/addfeed and /feeds', () => {
  const bot = suiteHarness({ FEEDS_HTTP_ALLOWED_HOSTS: 'feeds.test,intranet.test', FEEDS_ALLOW_LOOPBACK_FOR_TESTS: 'true' }, { feedLookup: lookup });
  let server: FeedServer;
  let holidays = { status: 200, body: outlookFeed() };
  const url = (path: string) => `http://feeds.test:${server.port}${path}`;

  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/holidays.ics', (_, response) => response.writeHead(holidays.status, { 'content-type': 'text/calendar' }).end(holidays.status === 200 ? holidays.body : ''));
    server.route('/moved.ics', (_, response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(outlookFeed()));
    server.route('/club.ics', (_, response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(googleFeed()));
    server.route('/club-page', (_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Club</body></html>'));
  });
  afterAll(() => server.close());

  const calendarView = async (user: typeof alex, calendarId: string) => {
    const response = await fetch(`${bot.emulator.baseUrl}/me/calendars/${calendarId}/calendarView?startDateTime=2026-11-01T00:00:00Z&endDateTime=2027-02-01T00:00:00Z&$top=200`, {
      headers: { authorization: `Bearer ${emulatorToken(user.aadObjectId)}` },
    });
    return ((await response.json()) as { value: Array<{ subject: string }> }).value.map((event) => event.subject);
  };

  it('previews a feed, creates a calendar named after it, syncs it, and ignores a second click', async () => {
    const form = cardFrom(await bot.say(alex, '/addfeed'));
    expect(cardText(form)).toContain('iCal address');
    const preview = cardFrom(await press(bot, alex, form, 'Preview', { url: url('/holidays.ics') }));
    const text = cardText(preview);
    expect(text).toContain('Preview of "Équipe projet"');
    expect(text).toContain('Europe/Paris');
    expect(text).toContain('30 minutes');
    expect(text).toContain('events you add yourself to this calendar are never touched');
    expect(choicesOf(preview, 'target').map((choice) => choice.title)).toEqual(expect.arrayContaining(['A new calendar in my mailbox', 'Calendar', 'Project Phoenix']));
    const done = await press(bot, alex, preview, 'Subscribe', { target: 'new', calendarName: 'Projet (flux)' });
    expect(cardText(cardFrom(done))).toContain('Done: "Projet (flux)" now follows "Équipe projet"');
    expect(cardText(cardFrom(done))).toContain('2 added');
    const calendar = bot.emulator.control.calendarsOf(alex.email).find((candidate) => candidate.name === 'Projet (flux)');
    expect(calendar).toBeDefined();
    expect(await calendarView(alex, calendar!.id)).toEqual(expect.arrayContaining(['Point hebdo', 'Point hebdo (déplacé)', 'Congés']));
    expect(textFrom(await press(bot, alex, preview, 'Subscribe', { target: 'new' }))).toContain('already used');
  });

  it('explains an HTML page, a private address and plain http, and keeps the form', async () => {
    const form = cardFrom(await bot.say(alex, '/addfeed'));
    const page = cardFrom(await press(bot, alex, form, 'Preview', { url: url('/club-page') }));
    expect(cardText(page)).toContain('This address gives a web page, not a calendar. Look on that page for a link named "iCal"');
    const inside = cardFrom(await press(bot, alex, form, 'Preview', { url: `http://intranet.test:${server.port}/x.ics` }));
    expect(cardText(inside)).toContain('points inside a private network');
    const http = cardFrom(await press(bot, alex, form, 'Preview', { url: 'http://example.org/x.ics' }));
    expect(cardText(http)).toContain('plain http');
  });

  it('refuses a preview older than a day', async () => {
    const preview = cardFrom(await bot.say(alex, `/addfeed ${url('/club.ics')}`));
    bot.clock.advance(25 * 3600_000);
    expect(textFrom(await press(bot, alex, preview, 'Subscribe', { target: 'new' }))).toContain('already used or has expired');
  });

  it('understands plain words in French and answers in French', async () => {
    const preview = cardFrom(await bot.say(inFrench(alex), `ajouter un calendrier iCal ${url('/club.ics').replace('http://', 'http://')}`));
    expect(cardText(preview)).toContain('Aperçu de « Club fixtures »');
    expect(cardText(preview)).toContain('ne sont jamais touchés');
  });

  it('lists feeds with their state; sync now, pause, resume, rename; refuses someone else', async () => {
    const list = cardFrom(await bot.say(alex, '/feeds'));
    expect(cardText(list)).toContain('Your iCalendar feeds');
    expect(cardText(list)).toContain('Into: Projet (flux)');
    expect(cardText(list)).toContain('Last changes: 2 added, 0 changed, 0 removed');
    expect(cardText(list)).toMatch(/token|feeds\.test/);
    const syncData = buttonData(list, 'Sync now');
    expect(textFrom(await bot.click(megan, syncData))).toContain("someone else's feed");
    expect(textFrom(await bot.click(alex, syncData))).toContain('had not changed');
    const paused = await press(bot, alex, list, 'Pause');
    expect(textFrom(paused)).toContain('is paused');
    expect(cardText(cardFrom(paused))).toContain('Paused');
    const resumed = await press(bot, alex, cardFrom(paused), 'Resume');
    expect(textFrom(resumed)).toContain('syncs again');
    const rename = cardFrom(await press(bot, alex, cardFrom(resumed), 'Rename calendar'));
    const renamed = await press(bot, alex, rename, 'Save', { name: 'Projet Phoenix (flux)' });
    expect(textFrom(renamed)).toContain('now called "Projet Phoenix (flux)"');
    expect(bot.emulator.control.calendarsOf(alex.email).map((calendar) => calendar.name)).toContain('Projet Phoenix (flux)');
  });

  it('pauses a feed after repeated failures and tells its owner, with a retry', async () => {
    holidays = { status: 410, body: '' };
    await bot.say(alex, '/feeds');
    for (let run = 0; run < 3; run++) {
      bot.clock.advance(25 * 3600_000);
      await bot.app.feeds.runDue();
    }
    const sent = await bot.deliverOutbox();
    const notice = sent.map((activity) => activity.attachments?.[0]?.content).find((card) => cardText(card).includes('I paused the feed'));
    expect(cardText(notice)).toContain('no longer at this address');
    holidays = { status: 200, body: outlookFeed() };
    const retried = await press(bot, alex, notice, 'Retry now');
    expect(textFrom(retried)).toContain('syncs again');
  });

  it('fixes a paused feed with a new address, checked before it is saved', async () => {
    holidays = { status: 410, body: '' };
    for (let run = 0; run < 3; run++) {
      bot.clock.advance(25 * 3600_000);
      await bot.app.feeds.runDue();
    }
    const list = cardFrom(await bot.say(alex, '/feeds'));
    expect(cardText(list)).toContain('Paused: The feed is no longer at this address');
    const form = cardFrom(await press(bot, alex, list, 'Fix address or credentials'));
    expect(cardText(form)).toContain('New address or credentials for "Équipe projet"');
    const stillBad = cardFrom(await press(bot, alex, form, 'Preview', { url: url('/holidays.ics') }));
    expect(cardText(stillBad)).toContain('no longer at this address');
    const fixed = await press(bot, alex, form, 'Preview', { url: url('/moved.ics') });
    expect(textFrom(fixed)).toContain('"Équipe projet" now uses the new address.');
    expect(cardText(cardFrom(fixed))).not.toContain('Paused');
  });

  it('removes a feed and, when asked, the events it copied, never the others', async () => {
    const list = cardFrom(await bot.say(alex, '/feeds'));
    const ask = cardFrom(await press(bot, alex, list, 'Remove'));
    expect(cardText(ask)).toContain('What about the events it copied there?');
    const calendar = bot.emulator.control.calendarsOf(alex.email).find((candidate) => candidate.name === 'Projet Phoenix (flux)')!;
    await fetch(`${bot.emulator.baseUrl}/me/calendars/${calendar.id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Mine', start: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-12-03T11:00:00', timeZone: 'UTC' } }),
    });
    const removed = await press(bot, alex, ask, 'Remove and delete its events');
    expect(textFrom(removed)).toContain('deleted the 2 event(s)');
    expect(await calendarView(alex, calendar.id)).toEqual(['Mine']);
    expect(cardText(cardFrom(removed))).toContain('You follow no iCalendar feed yet');
  });

  it('syncs each due feed once when two instances run the scheduler together', async () => {
    const second = await bot.startSecondInstance();
    try {
      await bot.say(alex, `/addfeed ${url('/club.ics')}`).then((turn) => press(bot, alex, cardFrom(turn), 'Subscribe', { target: 'new', calendarName: 'Club' }));
      bot.clock.advance(3 * 3600_000);
      bot.emulator.control.clearRequests();
      const before = server.requests.length;
      const [first, other] = await Promise.all([bot.app.feeds.runDue(), second.feeds.runDue()]);
      expect(first + other).toBe(1);
      expect(server.requests.length - before).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('fills a calendar shared with me at edit level', async () => {
    const phoenix = bot.emulator.control.calendarsOf(alex.email).find((candidate) => candidate.name === 'Project Phoenix')!;
    const permission = bot.emulator.control.permissionsOf(alex.email, phoenix.id).find((entry) => entry.address === megan.email)!;
    await fetch(`${bot.emulator.baseUrl}/me/calendars/${phoenix.id}/calendarPermissions/${permission.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'write' }),
    });
    const entryId = bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: alex.email, calendarId: phoenix.id });
    const preview = cardFrom(await bot.say(megan, `/addfeed ${url('/club.ics')}`));
    const shared = choicesOf(preview, 'target').find((choice) => choice.value === entryId);
    expect(shared?.title).toContain('Alex Wilber, you can edit');
    await press(bot, megan, preview, 'Subscribe', { target: entryId });
    expect(await calendarView(alex, phoenix.id)).toEqual(expect.arrayContaining(['Training', 'Cup final']));
  });
});

import { hashFeedToken } from '../../src/publishing/feed-token';
import { suiteHarness } from '../support/bot-harness';
import { buttonData, cardFrom, cardText, choiceValues, invokeCard, textFrom } from '../support/cards';
import { alex, inFrench, megan } from '../support/demo-users';
import { linksIn, publish, publishedLink, rowButton } from './publish-kit';

describe('publishing a calendar (default policy: availability only)', () => {
  const bot = suiteHarness();

  it.each([
    [alex, '/publish', 'Your organisation allows published calendars to show at most: Free/busy only.'],
    [inFrench(alex), '/publier', 'Votre organisation autorise au plus, pour un calendrier publié : Disponibilités seulement.'],
    [alex, 'publish my calendar', 'Anyone who has the link sees the calendar'],
    [inFrench(alex), 'je veux publier mon calendrier', "Toute personne qui a le lien voit le calendrier"],
  ])('explains the cap before anything is made (%#)', async (user, text, shown) => {
    const form = cardFrom(await bot.say(user, text));
    expect(cardText(form)).toContain(shown);
    expect(choiceValues(form, 'level')).toEqual(['freeBusyRead']);
  });

  it('gives an https and a webcal link, and keeps only the hash of the token', async () => {
    const card = await publish(bot, alex, 'Project Phoenix');
    const links = linksIn(card);
    expect(links.https.startsWith(bot.app.url)).toBe(true);
    expect(links.webcal).toBe(links.https.replace(/^http:\/\//, 'webcal://'));
    expect(cardText(card)).toContain('Project Phoenix is published with Free/busy only.');
    const token = /\/feeds\/([^/]+)\.ics$/.exec(links.https)![1];
    expect(Buffer.from(token, 'hex')).toHaveLength(32);
    const rows = await bot.app.database.db.selectFrom('published_calendars').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((row) => row.token_hash)).toContain(hashFeedToken(token));
  });

  it('refuses a level above the policy, even from a tampered card', async () => {
    await bot.say(alex, '/publish');
    const refused = invokeCard(await bot.click(alex, { verb: 'publishCreate', calendarId: 'whatever', level: 'read' }));
    expect(cardText(refused)).toContain('That level is above what your organisation allows for published calendars (Free/busy only at most).');
  });

  it('lists published links in /permissions with level, creation and last fetch, and lets me change, rotate or stop', async () => {
    const { url } = await publishedLink(bot, alex, 'Team Offsite');
    const list = cardFrom(await bot.say(alex, '/permissions'));
    expect(cardText(list)).toContain('Published links');
    expect(cardText(list)).toContain('Team Offsite: anyone with the link · Free/busy only');
    expect(cardText(list)).toMatch(/Created 23 Nov 2026, 09:00 · last fetched: never/);
    await fetch(url);
    const after = cardFrom(await bot.say(alex, '/permissions'));
    expect(cardText(after)).toMatch(/Team Offsite: anyone with the link · Free\/busy only\nCreated 23 Nov 2026, 09:00 · last fetched: 23 Nov 2026, 09:00/);

    const ask = invokeCard(await bot.click(alex, rowButton(after, 'Team Offsite', 'New link')));
    expect(cardText(ask)).toContain('The current link stops working at once');
    expect(textFrom(await bot.click(megan, buttonData(ask, 'New link')))).toBe('This link belongs to someone else: only its owner can change it.');
    const rotated = invokeCard(await bot.click(alex, buttonData(ask, 'New link')));
    const fresh = linksIn(rotated).https;
    expect(fresh).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(fresh)).status).toBe(200);

    const stop = invokeCard(await bot.click(alex, rowButton(cardFrom(await bot.say(alex, '/permissions')), 'Team Offsite', 'Stop publishing')));
    const stopped = invokeCard(await bot.click(alex, buttonData(stop, 'Stop publishing')));
    expect(cardText(stopped)).toContain('Team Offsite is no longer published: its link no longer works.');
    expect((await fetch(fresh)).status).toBe(404);
    expect(textFrom(await bot.click(alex, buttonData(stop, 'Stop publishing')))).toBe('This link was already stopped.');
  });

  it('says a calendar is already published instead of making a second link', async () => {
    await publish(bot, alex, 'Calendar');
    const again = await publish(bot, inFrench(alex), 'Calendar');
    expect(cardText(again)).toContain('« Calendar » est déjà publié avec le niveau « Disponibilités seulement ».');
  });
});

describe('publishing under other policies', () => {
  describe('disabled', () => {
    const bot = suiteHarness({ PUBLISHING_MAX_LEVEL: 'disabled' });
    it.each([
      [alex, '/publish', 'Your organisation has turned publishing calendars off.'],
      [inFrench(alex), '/publier', 'Votre organisation a désactivé la publication des calendriers.'],
    ])('says so and makes nothing (%#)', async (user, text, answer) => {
      expect(textFrom(await bot.say(user, text))).toContain(answer);
      expect(textFrom(await bot.click(user, { verb: 'publishCreate', calendarId: 'x', level: 'freeBusyRead' }))).toContain(answer);
      expect(await bot.app.database.db.selectFrom('published_calendars').selectAll().execute()).toEqual([]);
    });
  });

  describe('up to limited details', () => {
    const bot = suiteHarness({ PUBLISHING_MAX_LEVEL: 'limitedRead' });
    it('offers the levels up to the cap, and changes a link within it', async () => {
      const form = cardFrom(await bot.say(alex, '/publish'));
      expect(choiceValues(form, 'level')).toEqual(['freeBusyRead', 'limitedRead']);
      await publishedLink(bot, alex, 'Calendar', 'limitedRead');
      const list = cardFrom(await bot.say(alex, '/permissions'));
      const change = invokeCard(await bot.click(alex, buttonData(list, 'Change level')));
      expect(choiceValues(change, 'level')).toEqual(['freeBusyRead', 'limitedRead']);
      expect(textFrom(await bot.click(alex, { ...buttonData(change, 'Save'), level: 'read' }))).toContain('Titles and places at most');
      const done = invokeCard(await bot.click(alex, { ...buttonData(change, 'Save'), level: 'freeBusyRead' }));
      expect(cardText(done)).toContain('Calendar now shows Free/busy only to those who have the link.');
    });
  });
});

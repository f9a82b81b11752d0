import { cardText as escapedForCards, safeCard } from '../../src/cards/safe-text';
import { emulatorToken } from '../../src/emulator';
import { htmlText } from '../../src/graph/mail-html';
import { suiteHarness, type BotHarness } from '../support/bot-harness';
import { buttonData, cardFrom, type Card } from '../support/cards';
import { calendarIdOf } from '../support/demo-calendars';
import { alex, isaiah, megan, type DemoUser } from '../support/demo-users';
import { cardOf, type SentActivity } from '../support/fake-connector';
import { deliveredInvitation, share } from '../dialogs/share/share-kit';

/** The names of the security review: a bot-branded link, a reversed address, look-alike names. */
const phishingCalendar = '[Verify your account](https://evil.example)';
const reversedName = 'Alex \u202eelpmaxe.live@nimda\u202c **Admin**';
const zeroWidthName = 'Me\u200bgan <at>Boss</at>';
const invisible = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Every text Teams reads as markdown in a card: text blocks and text runs, fact titles and values. */
function markdownTexts(card: unknown, key = ''): string[] {
  if (Array.isArray(card)) return card.flatMap((item) => markdownTexts(item, key));
  if (typeof card !== 'object' || card === null) return [];
  const node = card as Record<string, unknown>;
  const own: string[] = [];
  if ((node.type === 'TextBlock' || node.type === 'TextRun') && typeof node.text === 'string') own.push(node.text);
  if (key === 'facts') for (const name of ['title', 'value']) if (typeof node[name] === 'string') own.push(node[name]);
  return [...own, ...Object.entries(node).filter(([name]) => name !== 'data').flatMap(([name, value]) => markdownTexts(value, name))];
}

/** A `[`, `*`, `_` or `<` with no backslash before it: where a link, emphasis or mention would start. */
const liveMarkdown = /(^|[^\\])(\\\\)*[[*_<]/;

/** Each shown text is inert: no live markdown, no invisible characters. Returns them, joined, for content checks. */
function expectInert(texts: string[]): string {
  for (const text of texts) {
    expect({ text, live: liveMarkdown.test(text), invisible: invisible.test(text) }).toEqual({ text, live: false, invisible: false });
  }
  return texts.join('\n');
}

function shownIn(activities: SentActivity[], user: DemoUser): string[] {
  return activities
    .filter((activity) => activity.conversationId === `personal-${user.aadObjectId}` && activity.type === 'message')
    .flatMap((activity) => [...(activity.text ? [activity.text] : []), ...markdownTexts(cardOf(activity))]);
}

async function renameCalendar(bot: BotHarness, owner: DemoUser, calendar: string, name: string): Promise<void> {
  const id = calendarIdOf(bot, owner, calendar);
  const response = await fetch(`${bot.emulator.baseUrl}/me/calendars/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${emulatorToken(owner.aadObjectId)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(response.status).toBe(200);
}

describe('names from other people never become links, formatting or reversed text', () => {
  const bot = suiteHarness();
  const hostileAlex = { ...alex, name: reversedName };
  const hostileMegan = { ...megan, name: zeroWidthName };

  beforeAll(async () => {
    await bot.say(megan, 'hello');
    await bot.say(isaiah, 'hello');
    await renameCalendar(bot, alex, 'Team Offsite', phishingCalendar);
  });

  it('in the share confirmation, the invitation card, its answer and the notices', async () => {
    const confirmed = await share(bot, hostileAlex, { calendar: phishingCalendar, people: 'meganb@example.com', role: 'read' });
    expect(expectInert(markdownTexts(cardFrom(confirmed)))).toContain(escapedForCards(phishingCalendar));
    const invitation = (await deliveredInvitation(bot, megan)) as Card;
    const shown = expectInert(markdownTexts(invitation));
    expect(shown).toContain('\\[Verify your account\\](https://evil.example)');
    expect(shown).not.toContain('\u202e');

    const accepted = await bot.click(hostileMegan, buttonData(invitation, 'Accept'));
    expectInert([...markdownTexts(cardFrom(accepted)), ...accepted.messages.map((message) => message.text ?? '')]);
    expectInert(shownIn(await bot.deliverOutbox(), alex));
  });

  it('in the lists of shared calendars and of permissions', async () => {
    const calendars = await bot.say(megan, '/calendars');
    expect(expectInert(shownIn(calendars.all, megan))).toContain('\\[Verify your account\\]');
    const permissions = await bot.say(hostileAlex, '/permissions');
    expect(expectInert(shownIn(permissions.all, alex))).toContain('\\[Verify your account\\]');
  });

  it('in the invitation email to someone outside: HTML-escaped, no invisible characters in body or subject', async () => {
    await share(bot, hostileAlex, { calendar: phishingCalendar, people: 'jordan@partner.example.org', role: 'limitedRead' });
    await bot.deliverOutbox();
    const [mail] = bot.emulator.control.sentMail('jordan@partner.example.org');
    expect(mail).toBeDefined();
    const body = mail.body.content;
    expect(body).not.toMatch(/<a\b|href=/i);
    expect(body).toContain(htmlText(phishingCalendar));
    expect(invisible.test(body) || invisible.test(mail.subject)).toBe(false);
    expect(body).not.toContain('<at>');
  });

  it("in an access request card sent to the owner, and in the owner's email", async () => {
    const nothing = cardFrom(await bot.say(hostileMegan, `/subscribe ${isaiah.email}`));
    await bot.click(hostileMegan, buttonData(nothing, /^Ask /));
    const shown = expectInert(shownIn(await bot.deliverOutbox(), isaiah));
    expect(shown).toContain('asks to see your calendar');
  });

  it('escapes each formatting character and line-start mark, and keeps ordinary names as they are', () => {
    expect(escapedForCards('Adele Vance')).toBe('Adele Vance');
    expect(escapedForCards("O'Brien & Sons (Paris)")).toBe("O'Brien & Sons (Paris)");
    expect(escapedForCards('**bold** _it_ ~s~ `code` <at>x</at>')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\~s\\~ \\`code\\` \\<at>x\\</at>');
    expect(escapedForCards('# Title\n- item\n1. one\n> quote')).toBe('\\# Title\n\\- item\n1\\. one\n\\> quote');
    expect(escapedForCards(reversedName)).toBe('Alex elpmaxe.live@nimda \\*\\*Admin\\*\\*');
    expect(htmlText('<img src=x onerror=alert(1)> & "q" \u202e')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; ');
  });
});

describe('safeCard, applied by renderCard to every card', () => {
  const hostile = `${phishingCalendar} \u202e<at>x</at>`;
  const card = safeCard({
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: hostile },
      { type: 'Container', items: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: hostile }] }] }] },
      { type: 'FactSet', facts: [{ title: hostile, value: hostile }] },
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: hostile }] },
      { type: 'Input.ChoiceSet', id: 'calendarId', label: hostile, choices: [{ title: hostile, value: 'id-1' }] },
    ],
    actions: [{ type: 'Action.Execute', title: hostile, verb: 'shareReview', data: { calendarName: hostile } }],
  });

  it('escapes every markdown text, removes invisible characters from every shown text, and leaves action data alone', () => {
    expectInert(markdownTexts(card));
    expect(markdownTexts(card)).toHaveLength(5);
    const json = JSON.stringify(card);
    const body = card.body as Array<Record<string, unknown>>;
    const choiceSet = body[4] as { label: string; choices: Array<{ title: string }> };
    expect(choiceSet.label).toBe(`${phishingCalendar} <at>x</at>`);
    expect(choiceSet.choices[0].title).toBe(`${phishingCalendar} <at>x</at>`);
    expect((card.actions as Array<{ title: string; data: unknown }>)[0]).toMatchObject({ title: `${phishingCalendar} <at>x</at>`, data: { calendarName: hostile } });
    expect(json.split('\u202e').length).toBe(2); // only inside the untouched data
  });
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import demoOrg from '../../src/emulator/demo-org.json';
import * as renderModule from '../../src/cards/render-card';
import { cardBytes, displayLength, maxCardBytes, sideBySideTitleLength, stackedTitleLength } from '../../src/cards/fit-card';
import { BotHarness, type TurnResult } from '../support/bot-harness';
import { invokeCard, messageCards, type Card } from '../support/cards';
import { alex, inFrench, lynne, megan, type DemoUser } from '../support/demo-users';
import { cardOf } from '../support/fake-connector';

/** Names as long as Graph allows (256 characters), one first name of 60 letters: what a button built from a name meets at worst. */
const longName = (first: string, last: string) => `${first}${'a'.repeat(60 - first.length)} ${last} ${'de la Tour du Pin-Montmorency '.repeat(8)}`.slice(0, 256).trim();
const longCalendar = (name: string) => `${name} ${'– budget, planning et comptes rendus '.repeat(8)}`.slice(0, 255).trim();

function longNamesOrg(): string {
  const calendars = new Map<string, string>();
  const users = demoOrg.users.map((user) => ({
    ...user,
    displayName: longName(user.givenName, user.surname),
    calendars: (user.calendars ?? []).map((calendar) => {
      calendars.set(calendar.name, longCalendar(calendar.name));
      return { ...calendar, name: longCalendar(calendar.name) };
    }),
  }));
  const shares = demoOrg.shares.map((share) => ({ ...share, calendar: calendars.get(share.calendar) ?? share.calendar }));
  const events = demoOrg.events.map((event) => ({
    ...event,
    ...('calendar' in event && typeof event.calendar === 'string' && { calendar: calendars.get(event.calendar) ?? event.calendar }),
    subject: `${event.subject} ${'x'.repeat(200)}`, location: event.location && `${event.location} ${'y'.repeat(200)}`,
  }));
  const externalPeople = demoOrg.externalPeople.map((person) => ({ ...person, name: longName(person.name.split(' ')[0], 'Partner') }));
  const org = { ...demoOrg, users, shares, events, externalPeople };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'csa-long-')), 'org.json');
  writeFileSync(file, JSON.stringify(org));
  return file;
}

interface Action {
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every row of buttons of a card: the card's own actions, and each ActionSet. */
function buttonRows(card: Card): Action[][] {
  const rows: Action[][] = [];
  const visit = (node: unknown, key = ''): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, key));
    if (typeof node !== 'object' || node === null || key === 'refresh' || key === 'fallback' || key === 'data') return;
    const element = node as Record<string, unknown>;
    if (Array.isArray(element.actions)) rows.push((element.actions as Action[]).filter((action) => typeof action.title === 'string'));
    for (const [name, value] of Object.entries(element)) if (name !== 'actions') visit(value, name);
  };
  visit(card);
  return rows;
}

/** Plausible inputs for a form, so a walk gets past it: the first choice of each list, an address in people fields. */
function inputsOf(card: Card): Record<string, string> {
  const inputs: Record<string, string> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const element = node as Record<string, unknown>;
    const id = typeof element.id === 'string' ? element.id : '';
    if (element.type === 'Input.ChoiceSet' && id) {
      const first = (element.choices as Array<{ value: string }> | undefined)?.[0]?.value;
      inputs[id] = typeof element.value === 'string' && element.value ? element.value : (first ?? '');
    } else if (element.type === 'Input.Text' && id) {
      inputs[id] = typeof element.value === 'string' && element.value ? element.value : /mail|people|person|owner|recipient/i.test(id) ? 'meganb@example.com' : 'Phoenix';
    }
    Object.values(element).forEach(visit);
  };
  visit(card);
  return inputs;
}

function cardsOf(turn: TurnResult): Card[] {
  const clicked = invokeCard(turn);
  return [...(clicked ? [clicked] : []), ...messageCards(turn)];
}

/** What must hold for every card the bot sends, whatever the names in it. */
function problemsOf(card: Card): string[] {
  const problems: string[] = [];
  const bytes = cardBytes(card);
  if (bytes > maxCardBytes) problems.push(`${bytes} bytes`);
  for (const row of buttonRows(card)) {
    const limit = row.length > 1 ? sideBySideTitleLength : stackedTitleLength;
    for (const action of row) if (displayLength(action.title) > limit) problems.push(`"${action.title}" in a row of ${row.length}`);
  }
  return problems;
}

/**
 * Walks the bot as people with very long names and calendar names would, in English and in French: the
 * commands, then every button of every card (breadth first, with plausible inputs), up to a budget of
 * clicks. Every card sent must fit Teams' size limit, and no button title may be cut on a narrow window.
 */
describe('cards fit a narrow Teams window and the size limit, whatever the names', () => {
  const bot = new BotHarness();
  const templates = new Set<string>();
  beforeAll(async () => {
    const render = renderModule.renderCard;
    jest.spyOn(renderModule, 'renderCard').mockImplementation((name, data) => {
      templates.add(name);
      return render(name, data);
    });
    await bot.start({}, {}, { orgFile: longNamesOrg() });
    bot.emulator.control.addToCalendarList({ userId: megan.email, ownerId: 'pattif@example.com' });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await bot.stop();
  });

  const commands: Array<[DemoUser, string]> = [
    [megan, '/help'],
    [alex, '/share meganb@example.com'],
    [megan, '/subscribe alexw@example.com'],
    [megan, '/calendars'],
    [megan, '/alias'],
    [alex, '/permissions'],
    [megan, '/troubleshoot'],
    [alex, '/freebusy meganb@example.com'],
    [alex, '/snapshot'],
    [alex, '/publish'],
    [alex, '/feeds'],
    [alex, '/sync'],
    [alex, '/accept'],
    [megan, 'blorp quux zzz'],
    [lynne, '/diagnose alexw@example.com'],
  ];

  it.each(['en', 'fr'] as const)('in %s', async (language) => {
    const as = (user: DemoUser) => (language === 'fr' ? inFrench(user) : user);
    const queue: Array<{ user: DemoUser; card: Card; depth: number }> = [];
    const problems: string[] = [];
    let seen = 0;
    const collect = async (user: DemoUser, turn: TurnResult, depth: number) => {
      const delivered = (await bot.deliverOutbox()).map(cardOf).filter((card): card is Card => card !== undefined);
      for (const card of [...cardsOf(turn), ...delivered]) {
        seen++;
        problems.push(...problemsOf(card).map((problem) => `${problem}: ${JSON.stringify(card).slice(0, 160)}`));
        queue.push({ user, card, depth });
      }
    };
    for (const [user, text] of commands) await collect(as(user), await bot.say(as(user), text), 0);
    const clicked = new Set<string>();
    for (let clicks = 0; queue.length > 0 && clicks < 250; ) {
      const { user, card, depth } = queue.shift() ?? { user: megan, card: {}, depth: 9 };
      if (depth >= 4) continue;
      for (const row of buttonRows(card)) {
        for (const action of row) {
          if (!action.data || typeof action.data.verb !== 'string') continue;
          const key = `${user.aadObjectId}:${JSON.stringify(action.data)}`;
          if (clicked.has(key)) continue;
          clicked.add(key);
          clicks++;
          await collect(user, await bot.click(user, { ...inputsOf(card), ...action.data }), depth + 1);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(seen).toBeGreaterThan(40);
  });

  it('reached most card templates on the way', () => {
    const all = readdirSync(path.join(__dirname, '../../src/cards/templates')).map((file) => file.replace(/\.json$/, ''));
    const missed = all.filter((name) => !templates.has(name));
    console.log(`templates rendered: ${templates.size}/${all.length}; not reached: ${missed.join(', ')}`);
    expect(templates.size).toBeGreaterThanOrEqual(Math.floor(all.length * 0.6));
  });
});

import { loadTroubleshootTrees } from '../../../src/troubleshoot/tree-loader';
import type { TreeNode } from '../../../src/troubleshoot/tree-schema';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { inFrench, megan } from '../../support/demo-users';
import { actionsOf, cardFrom, cardText, press, type Card } from '../../support/cards';
import { translatorFor } from '../../../src/i18n';
import { checklist } from './card-kit';
import { contradictions } from './contradictions';

/**
 * Every app × problem, through the bot's real entry points against the Graph emulator: Megan follows
 * Alex's "Project Phoenix" in Outlook (so client steps are reached), names Alex (or, for a refused
 * external share, Jordan at the partner with "all details"), then answers "no" until the helpdesk.
 */
const tree = loadTroubleshootTrees().in('en').tree;
const node = (id: string): TreeNode => {
  const found = tree.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
};

/** What identifies a node on its card: its title (or question) up to the first placeholder. */
function marker(id: string): string {
  const found = node(id);
  const text = found.kind === 'question' ? found.text : 'title' in found ? found.title : found.id;
  return text.split('{{')[0];
}

const clientSteps: Record<string, string> = {
  'outlook-windows-mapi': 'o-restart-outlook',
  'outlook-2016-activesync': 'o-restart-outlook',
  'outlook-2013-activesync': 'o-2013-alias',
  'outlook-mac': 'o-mac-show',
  'outlook-web': 'o-web-show',
  'outlook-mobile': 'o-mobile-show',
  'iphone-mail': 'o-iphone-shared',
  'booking-tool': 'o-booking-primary-only',
};
const activeSync = new Set(['outlook-2013-activesync', 'outlook-2016-activesync', 'iphone-mail']);

/** The first advice, written out by hand from the documentation, independently of the tree walker. */
function firstAdvice(symptom: string, client: string, inList: boolean): string {
  switch (symptom) {
    case 'calendar-missing':
    case 'invitation-lost':
      return inList ? clientSteps[client] : 'o-add-calendar';
    case 'alias-missing':
      return inList ? 'o-set-alias' : 'o-add-calendar';
    case 'cannot-connect':
      return client === 'booking-tool' ? 'cc-protocol' : activeSync.has(client) ? 'o-activesync-settings' : 'o-outlook-reconnect';
    case 'external-refused':
      return 'o-beyond-policy';
    case 'sign-in-mfa':
      return client === 'booking-tool' ? 'o-mfa-route' : client === 'outlook-2013-activesync' ? 'o-2013-modern-auth' : 'o-sign-in-again';
    // The problems of snapshots, publishing, feeds and sync start with what went wrong, whatever the app.
    case 'snapshot-problem':
      return 'sn-what';
    case 'publish-problem':
      return 'pb-what';
    case 'feed-problem':
      return 'fd-what';
    case 'sync-problem':
      return 'sy-what';
    default:
      throw new Error(symptom);
  }
}

const personFor: Record<string, Record<string, string> | undefined> = {
  owner: { person: 'alexw@example.com' },
  recipient: { person: 'jordan@partner.example.org', triedRole: 'read' },
  none: undefined,
};

/** The words of the buttons a walk presses, in each language (from the locale files). */
const words = {
  en: { user: megan, next: 'Next', check: 'Check', no: 'No, still not working', send: 'Send to the helpdesk', checked: 'What I checked' },
  fr: { user: inFrench(megan), next: tr('fr', 'start.next'), check: tr('fr', 'person.next'), no: tr('fr', 'step.fixedNo'), send: tr('fr', 'handoff.send'), checked: tr('fr', 'step.checksTitle') },
} as const;

function tr(locale: 'fr', key: string): string {
  return translatorFor(locale)(`troubleshoot:${key}`);
}

describe.each([
  ['in her Outlook list', 'en', true],
  ['not in her Outlook list', 'en', false],
  ['in her Outlook list, in French', 'fr', true],
  ['not in her Outlook list, in French', 'fr', false],
] as const)('every app and problem, through the bot, Phoenix %s', (_state, language, inList) => {
  let bot: BotHarness;
  const said = words[language];
  beforeAll(async () => {
    bot = await startBotHarness();
    const phoenix = bot.emulator.control.calendarsOf('alexw@example.com').find((calendar) => calendar.name === 'Project Phoenix');
    if (inList) bot.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenix?.id });
  });
  afterAll(() => bot.stop());

  const pairs = tree.symptoms.flatMap((symptom) => tree.clients.map((client) => [symptom.id, client.id, symptom.person] as const));

  it.each(pairs)('%s with %s: checks, advice that never contradicts them, then "no" until the helpdesk', async (symptomId, clientId, personKind) => {
    const user = said.user;
    let card: Card = cardFrom(await bot.say(user, '/troubleshoot'));
    card = cardFrom(await press(bot, user, card, said.next, { client: clientId, symptom: symptomId }));
    const person = personFor[personKind];
    if (person) card = cardFrom(await press(bot, user, card, said.check, person));

    expect(cardText(card)).toContain(said.checked);
    expect(checklist(card).length).toBeGreaterThan(0);
    expect(checklist(card).filter((row) => row.startsWith('?'))).toEqual([]);
    if (language === 'en') expect(cardText(card)).toContain(marker(firstAdvice(symptomId, clientId, inList)));

    const seen: string[] = [];
    for (let step = 0; step < 12 && !actionsOf(card).some((action) => action.title === said.send); step++) {
      expect(contradictions(card, language)).toEqual([]);
      seen.push(cardText(card));
      const no = actionsOf(card).find((action) => action.title === said.no);
      const answer = no ?? actionsOf(card).find((action) => action.verb === 'troubleshootAnswer');
      if (!answer) throw new Error(`A card without a way on:\n${cardText(card)}`);
      card = cardFrom(await bot.click(user, answer.data));
    }
    expect(contradictions(card, language)).toEqual([]);
    if (language === 'en') expect(cardText(card)).toContain(marker('handoff'));
    expect(findStepsTried(card, language === 'en' ? 'Steps tried' : tr('fr', 'handoff.stepsTried'), said.send)).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
  });
});

/** The checker itself: it must catch the contradiction it is for, in both languages. */
describe('the contradiction check', () => {
  const cardWith = (row: string, mark: string, advice: string): Card => ({
    type: 'AdaptiveCard',
    body: [
      { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: mark }] }, { type: 'Column', items: [{ type: 'TextBlock', text: row }] }] },
      { type: 'TextBlock', text: advice },
    ],
  });

  it.each([
    ['en', 'Not in your Outlook calendar list', '✗', 'The calendar is shared and in your list.'],
    ['en', 'In your Outlook calendar list as Alex Wilber - Project Phoenix', '✓', 'It is not in your calendar list yet.'],
    ['en', 'Alex Wilber shares no calendar with you', '✗', 'The calendar is shared: restart Outlook.'],
    ['fr', 'Absent de votre liste de calendriers Outlook', '✗', 'Le calendrier est partagé et dans votre liste.'],
  ] as const)('%s: "%s" next to "%s"', (language, row, mark, advice) => {
    expect(contradictions(cardWith(row, mark, advice), language)).toHaveLength(1);
    expect(contradictions(cardWith(row, mark, 'Restart Outlook.'), language)).toEqual([]);
  });
});

/** How many lines the summary's "Steps tried" lists. */
function findStepsTried(card: Card, heading: string, send: string): number {
  const text = cardText(card);
  expect(text).toContain(heading);
  const after = text.slice(text.indexOf(heading) + heading.length).split('\n').filter((line) => line.trim() && line !== send);
  return after.length;
}

import { loadTroubleshootTrees } from '../../../src/troubleshoot/tree-loader';
import type { TreeNode } from '../../../src/troubleshoot/tree-schema';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { megan } from '../../support/demo-users';
import { actionsOf, cardFrom, cardText, press, type Card } from '../../support/cards';
import { checklist } from './card-kit';

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
function firstAdvice(symptom: string, client: string): string {
  switch (symptom) {
    case 'calendar-missing':
    case 'invitation-lost':
      return clientSteps[client];
    case 'alias-missing':
      return 'o-set-alias';
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

describe('every app and problem, through the bot', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
    const phoenix = bot.emulator.control.calendarsOf('alexw@example.com').find((calendar) => calendar.name === 'Project Phoenix');
    bot.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenix?.id });
  });
  afterAll(() => bot.stop());

  const pairs = tree.symptoms.flatMap((symptom) => tree.clients.map((client) => [symptom.id, client.id, symptom.person] as const));

  it.each(pairs)('%s with %s: checks, the right advice, then "no" until the helpdesk', async (symptomId, clientId, personKind) => {
    let card: Card = cardFrom(await bot.say(megan, '/troubleshoot'));
    card = cardFrom(await press(bot, megan, card, 'Next', { client: clientId, symptom: symptomId }));
    const person = personFor[personKind];
    if (person) card = cardFrom(await press(bot, megan, card, 'Check', person));

    expect(cardText(card)).toContain('What I checked');
    expect(checklist(card).length).toBeGreaterThan(0);
    expect(checklist(card).filter((row) => row.startsWith('?'))).toEqual([]);
    expect(cardText(card)).toContain(marker(firstAdvice(symptomId, clientId)));

    const seen: string[] = [];
    for (let step = 0; step < 12 && !actionsOf(card).some((action) => action.title === 'Send to the helpdesk'); step++) {
      seen.push(cardText(card));
      const no = actionsOf(card).find((action) => action.title === 'No, still not working');
      const answer = no ?? actionsOf(card).find((action) => action.verb === 'troubleshootAnswer');
      if (!answer) throw new Error(`A card without a way on:\n${cardText(card)}`);
      card = cardFrom(await bot.click(megan, answer.data));
    }
    expect(cardText(card)).toContain(marker('handoff'));
    expect(findStepsTried(card)).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
  });
});

/** How many lines the summary's "Steps tried" lists. */
function findStepsTried(card: Card): number {
  const text = cardText(card);
  const after = text.slice(text.indexOf('Steps tried') + 'Steps tried'.length).split('\n').filter((line) => line.trim() && line !== 'Send to the helpdesk');
  return after.length;
}

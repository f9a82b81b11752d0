import type { BotHarness, TurnResult } from './bot-harness';
import { buttonData, cardFrom, choicesOf, invokeCard, press, type Card } from './cards';
import { calendarIdOf } from './demo-calendars';
import { adele, alex, isaiah, lynne, megan, patti, type DemoUser } from './demo-users';
import { cardOf } from './fake-connector';

/**
 * Graph round trips per user action, as the emulator logged them between the bot and Graph: one
 * HTTP request is one round trip, a `$batch` is one (its inner requests are not counted again).
 * Each action first plays the turns that lead to it, then counts only its own turn.
 */
export async function roundTripsOf(bot: BotHarness, turn: () => Promise<TurnResult>): Promise<number> {
  bot.emulator.control.clearRequests();
  const result = await turn();
  if (result.status !== 200) throw new Error(`The counted turn answered ${result.status}`);
  return bot.emulator.control.requests().filter((request) => !request.inBatch).length;
}

/** The Graph paths of the last counted turn, for a failing test to show what was called. */
export function lastRequests(bot: BotHarness): string[] {
  return bot.emulator.control.requests().map((request) => `${request.inBatch ? '  (in $batch) ' : ''}${request.method} ${request.path}`);
}

/** Recipients who talked to the bot before, so their invitations go in Teams (an email costs one sendMail more each). */
async function reviewFor(bot: BotHarness, recipients: DemoUser[]): Promise<Record<string, unknown>> {
  for (const recipient of recipients) await bot.say(recipient, '/help');
  await bot.say(alex, '/share');
  const reviewed = invokeCard(
    await bot.click(alex, { verb: 'shareReview', calendarId: calendarIdOf(bot, alex, 'Team Offsite'), emails: recipients.map((r) => r.email).join(', '), role: 'limitedRead', endDate: '' }),
  );
  return buttonData(reviewed, 'Share');
}

async function invitationFor(bot: BotHarness, recipient: DemoUser): Promise<Card> {
  await bot.click(alex, await reviewFor(bot, [recipient]));
  await bot.deliverOutbox();
  const sent = bot.connector.sent.filter((activity) => activity.conversationId === `personal-${recipient.aadObjectId}`);
  const card = sent.map(cardOf).reverse().find((candidate) => JSON.stringify(candidate ?? {}).includes('invitationAccept'));
  if (!card) throw new Error('No invitation reached the recipient');
  return card;
}

/** The data of the row button `title` of `who` in a /permissions card. */
function permissionsButton(card: Card | undefined, calendarId: string, who: string, title: string): Record<string, unknown> {
  const rows = JSON.stringify(card).split('"type":"ColumnSet"').slice(1);
  const row = rows.find((candidate) => candidate.includes(who) && candidate.includes(calendarId) && candidate.includes(`"title":"${title}"`));
  const data = row && new RegExp(`"title":"${title}","verb":"[^"]+"(?:,"style":"[^"]+")?,"data":(\\{[^}]+\\})`).exec(row)?.[1];
  if (!data) throw new Error(`No ${title} button for ${who}`);
  return JSON.parse(data) as Record<string, unknown>;
}

/**
 * /permissions, then Change or Remove on Megan's entry: on Team Offsite, shared through the bot (an
 * invitation the bot tracks), or on Project Phoenix, shared in Outlook (the seed; the bot then looks
 * Megan up in the directory to tell her).
 */
async function permissionsAsk(bot: BotHarness, title: 'Change' | 'Remove', sharedIn: 'bot' | 'outlook'): Promise<Card | undefined> {
  if (sharedIn === 'bot') await bot.click(alex, await reviewFor(bot, [megan]));
  else await bot.say(megan, '/help'); // reachable in Teams, so she is told there rather than by email
  const list = cardOf((await bot.say(alex, '/permissions')).messages[0]);
  const calendar = sharedIn === 'bot' ? 'Team Offsite' : 'Project Phoenix';
  return invokeCard(await bot.click(alex, permissionsButton(list, calendarIdOf(bot, alex, calendar), 'Megan Bowen', title)));
}

async function subscribePick(bot: BotHarness): Promise<Card> {
  return cardFrom(await bot.say(megan, `/subscribe ${patti.email}`));
}

/** Every action the issue counts, each on a bot and demo organisation of its own (`startBotHarness`). */
export const countedActions: Record<string, (bot: BotHarness) => Promise<number>> = {
  'share confirm (1 recipient)': async (bot) => {
    const confirm = await reviewFor(bot, [megan]);
    return roundTripsOf(bot, () => bot.click(alex, confirm));
  },
  'share confirm (5 recipients)': async (bot) => {
    const confirm = await reviewFor(bot, [megan, adele, isaiah, patti, lynne]);
    return roundTripsOf(bot, () => bot.click(alex, confirm));
  },
  accept: async (bot) => {
    const invitation = await invitationFor(bot, isaiah);
    return roundTripsOf(bot, () => bot.click(isaiah, buttonData(invitation, 'Accept')));
  },
  'subscribe listing': (bot) => roundTripsOf(bot, () => bot.say(megan, `/subscribe ${patti.email}`)),
  'subscribe save': async (bot) => {
    const pick = await subscribePick(bot);
    const calendarIds = choicesOf(pick, 'calendarIds').map((choice) => choice.value).join(',');
    return roundTripsOf(bot, () => bot.click(megan, { ...buttonData(pick, /^Save$/), calendarIds }));
  },
  'permission change': async (bot) => {
    const ask = await permissionsAsk(bot, 'Change', 'bot');
    return roundTripsOf(bot, () => bot.click(alex, { ...buttonData(ask, 'Change'), role: 'read' }));
  },
  'permission change (shared in Outlook)': async (bot) => {
    const ask = await permissionsAsk(bot, 'Change', 'outlook');
    return roundTripsOf(bot, () => bot.click(alex, { ...buttonData(ask, 'Change'), role: 'limitedRead' }));
  },
  revoke: async (bot) => {
    const ask = await permissionsAsk(bot, 'Remove', 'bot');
    return roundTripsOf(bot, () => bot.click(alex, buttonData(ask, 'Stop sharing')));
  },
  'revoke (shared in Outlook)': async (bot) => {
    const ask = await permissionsAsk(bot, 'Remove', 'outlook');
    return roundTripsOf(bot, () => bot.click(alex, buttonData(ask, 'Stop sharing')));
  },
  'agenda click': async (bot) => {
    const pick = await subscribePick(bot);
    const calendarIds = choicesOf(pick, 'calendarIds').map((choice) => choice.value).join(',');
    const done = cardFrom(await bot.click(megan, { ...buttonData(pick, /^Save$/), calendarIds }));
    const agenda = buttonData(done, /^Open the agenda$/);
    await bot.click(megan, agenda);
    return roundTripsOf(bot, () => bot.click(megan, { ...agenda, range: 'week' }));
  },
  'troubleshoot checks': async (bot) => {
    let card = cardFrom(await bot.say(megan, '/troubleshoot'));
    card = cardFrom(await press(bot, megan, card, 'Next', { client: 'outlook-windows-mapi', symptom: 'calendar-missing' }));
    const checked = card;
    return roundTripsOf(bot, () => press(bot, megan, checked, 'Check', { person: patti.email }));
  },
};

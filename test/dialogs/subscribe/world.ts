import { SqlSubscriptionStore, type Subscription } from '../../../src/subscriptions/subscription-store';
import { suiteHarness, type BotHarness, type TurnResult } from '../../support/bot-harness';
import { buttonData, cardFrom, choicesOf, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import { alex, megan, type DemoUser } from '../../support/demo-users';

/**
 * Back to the demo organisation: the harness's clock, Graph seed, no faults, and none of the bot's records from an earlier
 * test (subscriptions, access requests, who the bot can reach, queued messages).
 */
export async function resetWorld(bot: BotHarness): Promise<void> {
  // The harness's start time, a Monday: the emulator seeds its events around the clock's week.
  bot.clock.set(new Date('2026-11-23T09:00:00Z'));
  bot.emulator.control.reset();
  bot.emulator.control.clearFaults();
  const { db } = bot.app.database;
  await db.deleteFrom('subscriptions').execute();
  await db.deleteFrom('access_requests').execute();
  await db.deleteFrom('outbox').execute();
  await db.deleteFrom('conversation_references').execute();
}

/**
 * One bot for the enclosing describe block, back to the demo world before each of its tests. Call it where
 * the hooks go; the harness it returns is started by the time a test runs.
 */
export function demoWorld(): BotHarness {
  const bot = suiteHarness();
  beforeEach(() => resetWorld(bot));
  return bot;
}

/** The bot's subscription records, read as the share flow would. */
export function storeOf(bot: BotHarness): SqlSubscriptionStore {
  return new SqlSubscriptionStore(bot.app.database.db, bot.clock);
}

export async function subscriptionsOf(bot: BotHarness, user: DemoUser): Promise<Subscription[]> {
  return storeOf(bot).listFor(user.aadObjectId);
}

/** The record an accepted invitation leaves: Megan follows Alex's "Project Phoenix" at "read" (with `alias`, if given). */
export async function phoenixFromInvitation(bot: BotHarness, alias?: string): Promise<void> {
  await storeOf(bot).upsert({
    userId: megan.aadObjectId,
    ownerAddress: alex.email,
    ownerName: alex.name,
    calendarId: calendarIdOf(bot, alex, 'Project Phoenix'),
    calendarName: 'Project Phoenix',
    role: 'read',
    ...(alias === undefined ? {} : { alias }),
    source: 'invitation',
  });
}

/** Acts in Graph as a person (the owner sharing or revoking outside the bot, in Outlook). */
export function asUser(user: DemoUser): { userId: string } {
  return { userId: user.aadObjectId };
}

/** The owner shares a calendar in Outlook, outside the bot. */
export async function share(bot: BotHarness, owner: DemoUser, calendar: string, recipient: DemoUser, role: 'freeBusyRead' | 'limitedRead' | 'read'): Promise<void> {
  await bot.app.gateway.grantPermission(asUser(owner), { calendarId: calendarIdOf(bot, owner, calendar), recipient: { address: recipient.email }, role });
}

/** The owner stops sharing a calendar with someone, outside the bot. */
export async function revoke(bot: BotHarness, owner: DemoUser, calendar: string, recipient: DemoUser): Promise<void> {
  const calendarId = calendarIdOf(bot, owner, calendar);
  const permission = (await bot.app.gateway.listPermissions(asUser(owner), { calendarId })).find((p) => p.recipient.address === recipient.email);
  if (!permission) throw new Error(`${calendar} is not shared with ${recipient.email}`);
  await bot.app.gateway.revokePermission(asUser(owner), { calendarId, permissionId: permission.id });
}

/** The Action.Submit fallback of a button: a message activity carrying the same data, as older clients send it. */
export function submit(bot: BotHarness, user: DemoUser, data: Record<string, unknown>): Promise<TurnResult> {
  return bot.post(bot.activity(user, { type: 'message', value: data }));
}

/** `/subscribe <owner>`, tick the calendars named (all by default), save: the done card. */
export async function follow(bot: BotHarness, user: DemoUser, owner: DemoUser, names?: string[]): Promise<Card> {
  const pick = cardFrom(await bot.say(user, `/subscribe ${owner.email}`));
  const choices = choicesOf(pick, 'calendarIds').filter((choice) => !names || names.some((name) => choice.title.startsWith(`${name} (`)));
  if (choices.length === 0) throw new Error(`Nothing to tick on: ${JSON.stringify(pick)}`);
  const turn = await bot.click(user, { ...buttonData(pick, /^(Save|Enregistrer)$/), calendarIds: choices.map((choice) => choice.value).join(',') });
  return cardFrom(turn);
}

import type { BotHarness, TurnResult } from '../../support/bot-harness';
import type { DemoUser } from '../../support/demo-users';
import { cardOf, type SentActivity } from '../../support/fake-connector';

export type Card = Record<string, unknown>;

/** Everything a person reads on a card (and its buttons' titles), to check with toContain. */
export function cardText(card: Card | undefined): string {
  return JSON.stringify(card ?? {});
}

/** The card an Action.Execute answered with (the invoke response body). */
export function invokeCard(turn: TurnResult): Card | undefined {
  const body = turn.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Card) : undefined;
}

/** The text message an Action.Execute answered with, if it answered with a message. */
export function invokeMessage(turn: TurnResult): string | undefined {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.activity.message' ? String(body.value) : undefined;
}

interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every Action.Execute of a card, nested ActionSets included. */
export function actionsOf(card: Card | undefined): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute') found.push(record as unknown as CardAction);
      for (const [key, value] of Object.entries(record)) if (key !== 'refresh' && key !== 'fallback') walk(value);
    }
  };
  walk(card);
  return found;
}

/** The data of the button titled `title` (throws when the card has no such button). */
export function buttonData(card: Card | undefined, title: string): Record<string, unknown> {
  const action = actionsOf(card).find((candidate) => candidate.title === title);
  if (!action?.data) throw new Error(`No button "${title}" in ${cardText(card).slice(0, 400)}`);
  return action.data;
}

export function buttonTitles(card: Card | undefined): string[] {
  return actionsOf(card).map((action) => action.title);
}

/** The refresh action of a card (Universal Actions). */
export function refreshOf(card: Card | undefined): { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] } | undefined {
  return card?.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] } | undefined;
}

/** The value the form would send for an input: its default value. */
export function inputValue(card: Card | undefined, id: string): unknown {
  let value: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.id === id) value = record.value;
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return value;
}

/** The choices an input offers. */
export function choicesOf(card: Card | undefined, id: string): string[] {
  let choices: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.id === id && Array.isArray(record.choices)) choices = (record.choices as Array<{ value: string }>).map((choice) => choice.value);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return choices;
}

/** Messages delivered to one person's 1:1 chat. */
export function toUser(activities: SentActivity[], user: DemoUser): SentActivity[] {
  return activities.filter((activity) => activity.conversationId === `personal-${user.aadObjectId}` && activity.type === 'message');
}

export function calendarIdOf(bot: BotHarness, owner: DemoUser, name: string): string {
  const calendar = bot.emulator.control.calendarsOf(owner.email).find((candidate) => candidate.name === name);
  if (!calendar) throw new Error(`${owner.email} has no calendar ${name}`);
  return calendar.id;
}

export interface ShareInput {
  calendar: string;
  people: string;
  role: string;
  endDate?: string;
}

/** /share, then the form sent with these choices: the review turn. */
export async function review(bot: BotHarness, owner: DemoUser, input: ShareInput): Promise<TurnResult> {
  await bot.say(owner, '/share');
  return bot.click(owner, { verb: 'shareReview', calendarId: calendarIdOf(bot, owner, input.calendar), emails: input.people, role: input.role, endDate: input.endDate ?? '' });
}

/** Review and confirm with the proposed levels: the confirmation turn. */
export async function share(bot: BotHarness, owner: DemoUser, input: ShareInput, roles: Record<string, string> = {}): Promise<TurnResult> {
  const reviewed = invokeCard(await review(bot, owner, input));
  return bot.click(owner, { ...buttonData(reviewed, 'Share'), ...roles });
}

/** Delivers the outbox and returns the invitation card that reached `recipient`. */
export async function deliveredInvitation(bot: BotHarness, recipient: DemoUser): Promise<Card | undefined> {
  const sent = toUser(await bot.deliverOutbox(), recipient);
  return sent.map(cardOf).find((card) => cardText(card).includes('invitationAccept') || cardText(card).includes('invitationView'));
}

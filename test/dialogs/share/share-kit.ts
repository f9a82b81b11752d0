import type { BotHarness, TurnResult } from '../../support/bot-harness';
import { buttonData, cardJson, invokeCard, type Card } from '../../support/cards';
import { calendarIdOf } from '../../support/demo-calendars';
import type { DemoUser } from '../../support/demo-users';
import { cardOf, type SentActivity } from '../../support/fake-connector';

/** Messages delivered to one person's 1:1 chat. */
export function toUser(activities: SentActivity[], user: DemoUser): SentActivity[] {
  return activities.filter((activity) => activity.conversationId === `personal-${user.aadObjectId}` && activity.type === 'message');
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
  return sent.map(cardOf).find((card) => cardJson(card).includes('invitationAccept') || cardJson(card).includes('invitationView'));
}

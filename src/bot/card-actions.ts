import { ActivityTypes, CardFactory, MessageFactory, TurnContext, type ConversationReference } from 'botbuilder';
import type { Application, TeamsAdapter } from './teams-ai';
import type { Logger } from 'pino';
import type { AdaptiveCardJson } from '../cards/render-card';
import { cardText } from '../cards/safe-text';
import { errorReplies } from '../dialogs/error-reply';
import type { ActionHandler, ActionResult } from '../dialogs/feature';
import type { Reply } from '../dialogs/reply';
import { localeOf, translatorFor } from '../i18n';
import type { BotTurnState } from './app';
import { sendReplies } from './send-replies';
import { callerOf } from './turn-caller';

export interface CardActionDeps {
  adapter: TeamsAdapter;
  botAppId: string;
  logger: Logger;
  /**
   * Replies that could not be sent after an action wrote something: queued for the clicker's 1:1
   * chat (the outbox retries), keyed so a retry of the click queues nothing twice.
   */
  deferReplies?: (userId: string, replies: Reply[], dedupeKey: string) => Promise<void>;
  /** Waits between the attempts to update the card for everyone (default 2 s, 10 s, 60 s). */
  cardUpdateRetryMs?: number[];
}

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

/**
 * Card clicks (Action.Execute and the Action.Submit fallback) for one verb. The invoke response is
 * ours, not teams-ai's: teams-ai, once a verb answered with a refreshing card, applies every later
 * answer of that verb to the message for everyone, so a colleague's refusal replaced the owner's
 * card. Here only an answer that is not `onlyForClicker` and refreshes itself replaces the card for
 * everyone, and that update runs after the answer, retried, so a failure there never turns a done
 * action into an error.
 */
export function registerCardAction(app: Application<BotTurnState>, verb: string | RegExp, handler: ActionHandler, deps: CardActionDeps): void {
  app.adaptiveCards.actionExecute<Record<string, unknown>>(verb, async (context, _state, data) => {
    const caller = callerOf(context);
    if (!caller) return translatorFor(localeOf(context.activity.locale))('errors.unknownUser');
    const outcome = await run(handler, caller, data ?? {}, deps.logger);
    const cards = [...(outcome.card ? [outcome.card] : []), ...(outcome.replies ?? []).filter(isCard).map((reply) => reply.card)];
    const [card] = cards;
    const others = outcome.card ? (outcome.replies ?? []) : (outcome.replies ?? []).slice(1);
    // One card replaces the clicked one; one text shows on it; anything more arrives as messages.
    if (card && (outcome.card || (outcome.replies ?? []).length === 1)) {
      await sendAfterWrite(context, others, deps);
      if (card.refresh && !outcome.onlyForClicker) await updateForEveryone(context, card, deps);
      await answer(context, { statusCode: 200, type: adaptiveCardType, value: card });
      return card;
    }
    const replies = outcome.replies ?? [];
    if (replies.length === 1 && replies[0].type === 'text') return cardText(replies[0].text);
    await sendAfterWrite(context, replies, deps);
    return cardText(caller.t('actions.done'));
  });
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(verb, async (context, _state, data) => {
    const caller = callerOf(context);
    if (!caller) return;
    const outcome = await run(handler, caller, data ?? {}, deps.logger);
    await sendAfterWrite(context, [...(outcome.card ? [{ type: 'card', card: outcome.card } as Reply] : []), ...(outcome.replies ?? [])], deps);
  });
}

/** Runs a handler; an error becomes a clear message for the clicker (never a stack trace). */
async function run(handler: ActionHandler, caller: NonNullable<ReturnType<typeof callerOf>>, data: Record<string, unknown>, logger: Logger): Promise<ActionResult> {
  try {
    return await handler(caller, data);
  } catch (error) {
    logger.warn({ err: error }, 'card action failed');
    return { replies: errorReplies(caller, error), onlyForClicker: true };
  }
}

function isCard(reply: Reply): reply is Extract<Reply, { type: 'card' }> {
  return reply.type === 'card';
}

async function answer(context: TurnContext, body: { statusCode: number; type: string; value: unknown }): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/**
 * Messages after the action did its work: a failure to send them is not the action's failure.
 * They are queued for the clicker's 1:1 chat instead (the outbox retries), or logged.
 */
async function sendAfterWrite(context: TurnContext, replies: Reply[], deps: CardActionDeps): Promise<void> {
  if (replies.length === 0) return;
  try {
    await sendReplies(context, replies);
  } catch (error) {
    const userId = context.activity.from?.aadObjectId;
    deps.logger.warn({ err: error }, 'replies after a card action not sent; queued for later');
    if (!userId || !deps.deferReplies) return;
    await deps.deferReplies(userId, replies, `after-click:${context.activity.id ?? ''}`).catch((queueError: unknown) => deps.logger.error({ err: queueError }, 'replies after a card action lost'));
  }
}

/** How long the click's answer waits for the first update before leaving it to finish on its own. */
const firstUpdateWaitMs = 1_500;

/**
 * Replaces the clicked message for everyone in the chat (so other devices and members see the new
 * state), through a proactive turn of its own. The answer waits for the first attempt a moment at
 * most; a failure is retried later, then logged, and never becomes the click's answer.
 */
async function updateForEveryone(context: TurnContext, card: AdaptiveCardJson, deps: CardActionDeps): Promise<void> {
  const messageId = context.activity.replyToId;
  if (!messageId) return;
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(context.activity);
  const delays = deps.cardUpdateRetryMs ?? [2_000, 10_000, 60_000];
  const attempt = (index: number): Promise<void> => {
    const update = async () => {
      // The adapter hands errors inside the turn to its turn-error handler; keep ours to retry.
      let failure: unknown;
      await deps.adapter.continueConversationAsync(deps.botAppId, reference, async (proactive) => {
        try {
          await proactive.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: messageId });
        } catch (error) {
          failure = error;
        }
      });
      if (failure) throw failure instanceof Error ? failure : new Error('card update failed');
    };
    return update().catch((error: unknown) => {
      if (index >= delays.length) {
        deps.logger.error({ err: error }, 'card not updated for everyone; the clicker has the new card');
        return;
      }
      deps.logger.warn({ err: error, attempt: index + 1 }, 'card update for everyone failed; will retry');
      setTimeout(() => void attempt(index + 1), delays[index]).unref();
    });
  };
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, firstUpdateWaitMs);
    timer.unref();
  });
  await Promise.race([attempt(0), waited]);
  clearTimeout(timer);
}

import { ActivityTypes, type Activity, type Storage, type TurnContext } from 'botbuilder';
import { Application, TurnState, type AuthenticationOptions, type TeamsAdapter } from './teams-ai';
import type { Logger } from 'pino';
import { Verb } from '../cards/verbs';
import type { CommandRouter } from '../dialogs/command-router';
import type { ActionHandler, Feature } from '../dialogs/feature';
import { welcomeReply } from '../dialogs/help';
import { errorReplies } from '../dialogs/error-reply';
import { textReply, type Reply } from '../dialogs/reply';
import { isETagConflict } from './etag-conflict';
import { registerCardAction, type CardActionDeps } from './card-actions';
import { sendReplies } from './send-replies';
import { graphSetting, type TokenLease, type TurnTokenProvider } from './teams-sso';
import type { Caller } from '../dialogs/caller';
import { localeOf, translatorFor } from '../i18n';
import { callerOf } from './turn-caller';

export interface TeamsAppDeps {
  adapter: TeamsAdapter;
  storage: Storage;
  router: CommandRouter;
  features: Feature[];
  logger: Logger;
  /** Called on every turn with a user, so proactive messages can reach them later. */
  onTurn?: (context: TurnContext) => Promise<void>;
  /** The bot's app id, for the proactive turns that update a clicked card for everyone. */
  botAppId?: string;
  /** Where replies go that could not be sent after a card action wrote something (see CardActionDeps). */
  deferReplies?: CardActionDeps['deferReplies'];
  /** Tests: the waits between attempts to update a clicked card for everyone. */
  cardUpdateRetryMs?: number[];
  /** Production: Teams SSO; each turn's Graph token is handed to `tokens`. */
  sso?: { authentication: AuthenticationOptions; tokens: TurnTokenProvider };
  /** What to tell the person first, at their next message (work that waits for them, e.g. parked jobs). */
  turnNotices?: (caller: Caller) => Promise<Reply[]>;
}

/** What the endpoint runs for each authenticated activity. */
export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

/** Where this turn's token leases are kept, released when the turn ends whatever happened in it. */
const turnLeases = Symbol('turnTokenLeases');
/** Bot Framework's OAuth card content type (CardFactory.contentTypes.oauthCard). */
const oauthCardType = 'application/vnd.microsoft.card.oauth';

/** Builds the teams-ai Application: the only place that maps Teams activities to our dialogs. */
/**
 * teams-ai's per-conversation and per-user state. The bot keeps nothing there (product records,
 * and each person's language, live in our own tables), so a turn writes no state back.
 */
export class BotTurnState extends TurnState<Record<string, unknown>, Record<string, unknown>> {}

/** Where teams-ai keeps turn state (botbuilder's Storage: SqlBotStorage, or a test double). */
export type BotStateStorage = Storage;

export function createTeamsApp(deps: TeamsAppDeps): TurnRunner {
  const { router, logger } = deps;
  const app = new Application<BotTurnState>({
    adapter: deps.adapter,
    // teams-ai keeps its sign-in flow in turn state, and nothing else is kept there: without Teams SSO
    // (local mode) no turn reads or writes it.
    ...(deps.sso && { storage: deps.storage }),
    startTypingTimer: false,
    longRunningMessages: false,
    removeRecipientMention: true,
    turnStateFactory: () => new BotTurnState(),
    ...(deps.sso ? { authentication: deps.sso.authentication } : {}),
  });

  // teams-ai skips afterTurn when a route throws: leases are released by run() below, in a finally.
  const holdTurnToken = (context: TurnContext, state: BotTurnState) => {
    const userId = context.activity.from?.aadObjectId;
    const token = state.temp.authTokens?.[graphSetting];
    if (!deps.sso || !userId || !token) return;
    context.turnState.set(turnLeases, [...leasesOf(context), deps.sso.tokens.hold(userId, token)]);
  };
  app.turn('beforeTurn', async (context, state) => {
    holdTurnToken(context, state);
    await deps.onTurn?.(context);
    return true;
  });
  if (deps.sso) {
    // Graph refused the token (expired or revoked before MSAL's cache knew): the next message signs in afresh.
    app.turn('afterTurn', async (context, state) => {
      if (leasesOf(context).some((lease) => lease.rejected)) await app.authentication.signOutUser(context, state, graphSetting);
      return true;
    });
  }

  app.conversationUpdate('membersAdded', async (context) => {
    const caller = callerOf(context);
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    if (!caller || !added.some((member) => member.id === botId)) return;
    await sendReplies(context, [welcomeReply(caller)]);
  });

  const actions: Record<string, ActionHandler> = {
    [Verb.RunCommand]: async (caller, data) => ({ replies: await router.run(caller, typeof data.command === 'string' ? data.command : 'help') }),
  };
  for (const feature of deps.features) Object.assign(actions, feature.actions);
  const cardDeps = { adapter: deps.adapter, botAppId: deps.botAppId ?? '', logger, deferReplies: deps.deferReplies, cardUpdateRetryMs: deps.cardUpdateRetryMs };
  for (const [verb, handler] of Object.entries(actions)) registerCardAction(app, verb, handler, cardDeps);
  // Last, so it only catches what no feature claims: an old card, a tampered verb.
  registerCardAction(app, /.*/, (caller) => Promise.resolve({ replies: [textReply(caller.t('errors.unknownAction'))] }), cardDeps);

  const handleMessage = async (context: TurnContext) => {
    const caller = callerOf(context);
    if (!caller) return;
    // Only where the answer may take a while (Graph, storage): a typing indicator is one more send.
    if (!router.answersAtOnce(context.activity.text)) await context.sendActivity({ type: ActivityTypes.Typing });
    const notices = deps.turnNotices ? await guarded(caller, logger, () => deps.turnNotices!(caller)) : [];
    const replies = await guarded(caller, logger, () => router.handle(caller, context.activity.text));
    await sendReplies(context, [...notices, ...replies]);
  };
  app.activity(ActivityTypes.Message, handleMessage);
  if (deps.sso) {
    // The token exchange that completes a sign-in carries the message that started it: answer it now.
    app.authentication.get(graphSetting).onUserSignInSuccess(async (context, state) => {
      holdTurnToken(context, state);
      await deps.onTurn?.(context);
      await handleMessage(context);
    });
  }

  app.error(async (context, error) => {
    if (isETagConflict(error)) {
      // Another turn of the same conversation saved first; our replies are already sent.
      logger.warn({ conversation: context.activity.conversation?.id }, 'turn state not saved: eTag conflict');
      return;
    }
    logger.error({ err: error, activityType: context.activity.type }, 'unhandled turn error');
    const caller = callerOf(context);
    if (caller && context.activity.type === (ActivityTypes.Message as string)) {
      await context.sendActivity(caller.t('errors.generic')).catch(() => undefined);
    }
  });
  return {
    run: async (context) => {
      context.onSendActivities(async (ctx, activities, next) => {
        translateSignInCards(activities, translatorFor(localeOf(ctx.activity.locale)));
        return next();
      });
      try {
        await app.run(context);
      } finally {
        for (const lease of leasesOf(context)) lease.release();
      }
    },
  };
}

function leasesOf(context: TurnContext): TokenLease[] {
  const held: unknown = context.turnState.get(turnLeases);
  return Array.isArray(held) ? (held as TokenLease[]) : [];
}

/** teams-ai writes its sign-in card in English; the person reads it in their language. */
function translateSignInCards(activities: Array<Partial<Activity>>, t: (key: string) => string): void {
  for (const activity of activities) {
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType !== oauthCardType) continue;
      const content = attachment.content as { text?: string; buttons?: Array<{ title?: string }> };
      content.text = t('identity:signIn.text');
      for (const button of content.buttons ?? []) button.title = t('identity:signIn.button');
    }
  }
}

/** Runs a dialog, turning any error into a clear message for the user (never a stack trace). */
async function guarded(caller: NonNullable<ReturnType<typeof callerOf>>, logger: Logger, run: () => Promise<Reply[]>): Promise<Reply[]> {
  try {
    return await run();
  } catch (error) {
    logger.warn({ err: error }, 'dialog failed');
    return errorReplies(caller, error);
  }
}

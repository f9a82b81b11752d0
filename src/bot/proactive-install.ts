import type { ConversationReference } from 'botbuilder';
import type { Logger } from 'pino';
import { appActingOn } from '../graph/calendar-gateway';
import type { AppInstallations, InstallOutcome } from '../graph/teams-apps';
import type { ConversationStore } from '../outbox/conversation-store';

export interface ProactiveInstallDeps {
  installations: AppInstallations;
  conversations: ConversationStore;
  /** The Teams app's manifest id: the catalog app's `externalId`. */
  teamsAppId: string;
  logger?: Logger;
}

/**
 * Makes someone who never opened the bot reachable in Teams: installs the app for them (app
 * identity), then records the 1:1 chat Graph gives as their conversation, on the service URL of the
 * person asking (same tenant, same Teams region). Only 'installed' and 'alreadyInstalled' make them
 * reachable; blocked or not in the catalog leaves email as the way.
 */
export class ProactiveInstall {
  constructor(private readonly deps: ProactiveInstallDeps) {}

  async reach(recipientUserId: string, onBehalfOfUserId: string): Promise<InstallOutcome['status']> {
    const { conversations, installations, logger } = this.deps;
    if (await conversations.find(recipientUserId)) return 'alreadyInstalled';
    const asking = await conversations.find(onBehalfOfUserId);
    if (!asking) return 'failed';
    const outcome = await installations.installFor(appActingOn(recipientUserId), { externalId: this.deps.teamsAppId });
    if (!('chatId' in outcome)) {
      logger?.info({ status: outcome.status, reason: outcome.reason }, 'app not installed for the recipient; email instead');
      return outcome.status;
    }
    const base = JSON.parse(asking.reference) as ConversationReference;
    const reference: Partial<ConversationReference> = {
      channelId: base.channelId,
      serviceUrl: base.serviceUrl,
      bot: base.bot,
      user: { id: '', name: '', aadObjectId: recipientUserId } as ConversationReference['user'],
      conversation: { id: outcome.chatId, conversationType: 'personal', tenantId: asking.tenantId, isGroup: false, name: '' },
    };
    // Their language is unknown until they write: the asking person's is the best guess.
    await conversations.save({ userId: recipientUserId, tenantId: asking.tenantId, reference: JSON.stringify(reference), locale: asking.locale });
    return outcome.status;
  }
}

import type { TurnContext } from 'botbuilder';
import type { Caller } from '../dialogs/caller';
import { localeOf, translatorFor } from '../i18n';

/** The tenant of an activity, wherever Teams put it. */
export function tenantOf(activity: TurnContext['activity']): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

/**
 * Who this turn is for, from the authenticated activity only. Card data never sets identity.
 * Returns undefined when Teams did not say who the user is (a bot-to-bot or system activity).
 */
export function callerOf(context: TurnContext): Caller | undefined {
  const { activity } = context;
  const userId = activity.from?.aadObjectId;
  if (!userId) return undefined;
  const locale = localeOf(activity.locale);
  return {
    userId,
    tenantId: tenantOf(activity) ?? '',
    name: activity.from.name ?? '',
    mri: activity.from.id,
    locale,
    t: translatorFor(locale),
    ...(activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
  };
}

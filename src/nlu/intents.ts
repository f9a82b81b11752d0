import type { CommandName } from '../dialogs/commands';

/**
 * What a typed sentence can mean. Most intents are a command; `revoke` is /permissions aimed at one
 * person; `stillNot` and `whatAbout` are follow-ups that continue the current case.
 */
export const intentNames = [
  'help',
  'share',
  'subscribe',
  'calendars',
  'alias',
  'permissions',
  'revoke',
  'troubleshoot',
  'accept',
  'diagnose',
  'snapshot',
  'publish',
  'addfeed',
  'feeds',
  'sync',
  'freebusy',
  'stillNot',
  'whatAbout',
] as const;
export type IntentName = (typeof intentNames)[number];

export type FollowUp = 'stillNot' | 'whatAbout';

export function isFollowUp(intent: IntentName): intent is FollowUp {
  return intent === 'stillNot' || intent === 'whatAbout';
}

/** The command an intent runs (follow-ups run the command of the case they continue). */
export function commandOf(intent: Exclude<IntentName, FollowUp>): CommandName {
  return intent === 'revoke' ? 'permissions' : intent;
}

export function isIntentName(value: unknown): value is IntentName {
  return typeof value === 'string' && (intentNames as readonly string[]).includes(value);
}

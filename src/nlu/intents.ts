import type { CommandName } from '../dialogs/commands';

/**
 * What a typed sentence can mean. Most intents are a command; `revoke` is /permissions aimed at one
 * person; `done` is /calendars after "I have added it"; `stillNot` and `whatAbout` are follow-ups that continue
 * the current case.
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
  'done',
  'stillNot',
  'whatAbout',
] as const;
export type IntentName = (typeof intentNames)[number];

export type FollowUp = 'stillNot' | 'whatAbout';

export function isFollowUp(intent: IntentName): intent is FollowUp {
  return intent === 'stillNot' || intent === 'whatAbout';
}

/**
 * The command an intent runs (follow-ups run the command of the case they continue). `done` ("c'est
 * fait" after the steps to add a calendar in Outlook) is /calendars, which checks the Outlook list again.
 */
export function commandOf(intent: Exclude<IntentName, FollowUp>): CommandName {
  if (intent === 'revoke') return 'permissions';
  if (intent === 'done') return 'calendars';
  return intent;
}

export function isIntentName(value: unknown): value is IntentName {
  return typeof value === 'string' && (intentNames as readonly string[]).includes(value);
}

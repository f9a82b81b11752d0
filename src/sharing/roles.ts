import type { CalendarRole } from '../graph/calendar-gateway';
import type { Translate } from '../i18n';

/**
 * The levels the share card offers, from least to most: free/busy only, titles and places, all
 * details, edit, delegate. "Delegate" is Outlook's delegate without private events; the one with
 * private events is only ever kept as it is, never offered.
 */
export const offeredRoles = ['freeBusyRead', 'limitedRead', 'read', 'write', 'delegateWithoutPrivateEventAccess'] as const;
export type ShareRole = (typeof offeredRoles)[number];

/** Every role Graph reports, so existing permissions (set in Outlook) can be named too. */
export const calendarRoles: readonly CalendarRole[] = [
  'none',
  'freeBusyRead',
  'limitedRead',
  'read',
  'write',
  'delegateWithoutPrivateEventAccess',
  'delegateWithPrivateEventAccess',
  'custom',
];

const ranks: Record<CalendarRole, number> = {
  none: 0,
  custom: 0,
  freeBusyRead: 1,
  limitedRead: 2,
  read: 3,
  write: 4,
  delegateWithoutPrivateEventAccess: 5,
  delegateWithPrivateEventAccess: 6,
};

export function isShareRole(value: unknown): value is ShareRole {
  return typeof value === 'string' && (offeredRoles as readonly string[]).includes(value);
}

export function isCalendarRole(value: unknown): value is CalendarRole {
  return typeof value === 'string' && (calendarRoles as readonly string[]).includes(value);
}

/** How much a role reveals; `custom` ranks as nothing because its rights cannot be told. */
export function roleRank(role: CalendarRole): number {
  return ranks[role];
}

export function isDelegateRole(role: CalendarRole): boolean {
  return role === 'delegateWithoutPrivateEventAccess' || role === 'delegateWithPrivateEventAccess';
}

/** The short name of a level in the user's language ("All details"). */
export function roleLabel(t: Translate, role: CalendarRole): string {
  return t(`share:roles.${role}.label`);
}

/** One sentence saying what the level lets the person see or do. */
export function roleExplanation(t: Translate, role: CalendarRole): string {
  return t(`share:roles.${role}.explanation`);
}

/** What the level lets the recipient see, said to them: "You see all the details of Alex's events". */
export function roleForRecipient(t: Translate, role: CalendarRole, owner: string): string {
  return t(`share:recipientRoles.${role}`, { owner });
}

/** A choice for an Input.ChoiceSet: "All details: sees all details of your events...". */
export function roleChoice(t: Translate, role: CalendarRole): { title: string; value: string } {
  return { title: `${roleLabel(t, role)}: ${roleExplanation(t, role)}`, value: role };
}

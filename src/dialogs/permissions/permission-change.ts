import { z } from 'zod';
import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarPermission, CalendarRole, CalendarSummary } from '../../graph/calendar-gateway';
import type { Invitation } from '../../sharing/invitation';
import { isCalendarRole, roleChoice, roleLabel } from '../../sharing/roles';
import type { UntrackedChange } from '../../sharing/untracked-change';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { button, type CardButton } from '../share/card-kit';
import { opaqueId, parseCardData } from '../share/card-data';
import { changeChoices } from './permission-rules';
import { drawPermissions, recipientName, type PermissionsDeps } from './permissions-list';

const entryRef = z.object({ calendarId: opaqueId, permissionId: opaqueId });
type EntryRef = z.infer<typeof entryRef>;
const changeInput = entryRef.extend({ role: z.string().max(64) });

interface Entry {
  calendar: CalendarSummary;
  permission: CalendarPermission;
}

/**
 * The list again, with a line saying what happened (or why nothing did). `untracked`: a change made
 * straight in Graph, noted once the list is read, since the recipient to tell is looked up with it.
 */
export async function listWith(deps: PermissionsDeps, caller: Caller, message?: string, untracked?: UntrackedChange): Promise<ActionResult> {
  const lookUp = untracked?.recipient.address ?? undefined;
  const note = (resolved?: UntrackedChange['resolved']) => (untracked ? deps.service.noteUntrackedChange({ ...untracked, resolved }) : Promise.resolve());
  const drawn = await drawPermissions(deps, caller, { reuseCalendars: true, lookUp }).catch(async (error: unknown) => {
    // The change is made: it is noted and told even when the list cannot be drawn again.
    await note();
    throw error;
  });
  await note(drawn.person);
  const { card } = drawn;
  const replies = message ? [textReply(message)] : [];
  return card ? { card, replies } : { replies: [...replies, textReply(caller.t('permissions:noCalendars'))] };
}

/**
 * The entry a card names, as the caller's own listing of the last minute showed it, else loaded
 * again from Graph with the caller's token: only the owner can list a calendar's permissions, so
 * another person's ids (forwarded or tampered) find nothing.
 */
async function loadEntry(deps: PermissionsDeps, caller: Caller, calendarId: string, permissionId: string): Promise<Entry | undefined> {
  const recent = deps.recent.entry(caller.userId, calendarId, permissionId);
  if (recent) return recent;
  const owner = { userId: caller.userId };
  const calendar = (await deps.gateway.listMyCalendars(owner)).find((candidate) => candidate.id === calendarId && candidate.canShare);
  if (!calendar) return undefined;
  const permission = (await deps.gateway.listPermissions(owner, { calendarId })).find((candidate) => candidate.id === permissionId);
  return permission && { calendar, permission };
}

interface CardEntry<T> extends Entry {
  input: T;
  /** The recipient as the list names them. */
  name: string;
}

/**
 * The clicked card's input and the entry it names, or why there is none, as the line to show above
 * the list: the data is malformed or the entry gone, or (for a removal) the entry cannot be removed.
 */
async function entryFromCard<T extends EntryRef>(
  deps: PermissionsDeps,
  caller: Caller,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  data: Record<string, unknown>,
  options: { mustBeRemovable?: boolean } = {},
): Promise<CardEntry<T> | string> {
  const input = parseCardData(schema, data);
  const entry = input && (await loadEntry(deps, caller, input.calendarId, input.permissionId));
  if (!input || !entry) return caller.t('permissions:gone');
  if (options.mustBeRemovable && !entry.permission.isRemovable) return caller.t('permissions:notRemovable');
  return { ...entry, input, name: recipientName(caller, entry.permission) };
}

/** A step-1 card's buttons: confirm (carrying the entry's opaque ids only) and cancel. */
function confirmButtons(caller: Caller, label: string, verb: string, entry: Entry, style: CardButton['style']): CardButton[] {
  const ids = { calendarId: entry.calendar.id, permissionId: entry.permission.id };
  return [button(label, verb, ids, style), button(caller.t('permissions:cancel'), Verb.PermissionsShow)];
}

interface EntryChange {
  action: UntrackedChange['action'];
  /** The role the history records for the change. */
  role: CalendarRole;
  /** Through the bot's invitation; false when the invitation did not take it (another operation holds it). */
  viaInvitation: (invitation: Invitation) => Promise<boolean>;
  /** Straight in Graph, for an entry the bot does not track. */
  inGraph: () => Promise<void>;
}

/**
 * Applies a change through the invitation the bot tracks for this entry, so its record and the
 * recipient's notice follow; an entry set in Outlook (or one still being granted) is changed in Graph
 * directly, and the change to note in the history (by `listWith`) is returned. `applied` is false
 * when the invitation was busy.
 */
async function applyChange(deps: PermissionsDeps, caller: Caller, entry: Entry, name: string, change: EntryChange): Promise<{ applied: boolean; untracked?: UntrackedChange }> {
  const { calendar, permission } = entry;
  const address = permission.recipient.address;
  const invitation = address && (await deps.invitations.findActive(caller.userId, calendar.id, address));
  if (invitation && invitation.status !== 'granting') return { applied: await change.viaInvitation(invitation) };
  await change.inGraph();
  return {
    applied: true,
    untracked: {
      ownerUserId: caller.userId,
      ownerName: caller.name,
      calendar,
      recipient: { address, name },
      action: change.action,
      role: change.role,
      previousRole: permission.role,
    },
  };
}

/** Step 1 of a change: the levels this entry may get, each explained. */
export async function askChange(deps: PermissionsDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const entry = await entryFromCard(deps, caller, entryRef, data);
  if (typeof entry === 'string') return listWith(deps, caller, entry);
  const { calendar, permission, name } = entry;
  const choices = changeChoices(permission, calendar, deps.policy);
  const external = !permission.isInsideOrganization && !permission.isMyOrganization;
  return {
    card: renderCard('permissions-change', {
      title: t('permissions:changeCard.title', { name }),
      intro: t('permissions:changeCard.intro', { name, calendar: calendar.name, level: roleLabel(t, permission.role) }),
      label: t('permissions:changeCard.label'),
      value: choices.includes(permission.role) ? permission.role : (choices[0] ?? ''),
      choices: choices.map((role) => roleChoice(t, role)),
      note: external ? t('permissions:changeCard.externalNote') : '',
      buttons: confirmButtons(caller, t('permissions:changeCard.confirm'), Verb.PermissionsChangeConfirm, entry, 'positive'),
    }),
  };
}

/** Step 2: checks the level against the rules again, changes it, tells the person. */
export async function confirmChange(deps: PermissionsDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const entry = await entryFromCard(deps, caller, changeInput, data);
  if (typeof entry === 'string') return listWith(deps, caller, entry);
  const { calendar, permission, name } = entry;
  const role = entry.input.role;
  if (!isCalendarRole(role) || !changeChoices(permission, calendar, deps.policy).includes(role)) {
    return listWith(deps, caller, t('permissions:roleNotAllowed', { name }));
  }
  if (role === permission.role) return listWith(deps, caller, t('permissions:noChange', { name, level: roleLabel(t, role) }));

  const { applied, untracked } = await applyChange(deps, caller, entry, name, {
    action: 'roleChanged',
    role,
    viaInvitation: async (invitation) => (await deps.service.changeRole(invitation, caller.userId, role)).role === role,
    inGraph: async () => {
      await deps.gateway.updatePermission({ userId: caller.userId }, { calendarId: calendar.id, permissionId: permission.id, role });
    },
  });
  if (!applied) return listWith(deps, caller, t('permissions:busy'));
  const told = permission.recipient.address ? t('permissions:told') : '';
  return listWith(deps, caller, t('permissions:changed', { name, calendar: calendar.name, level: roleLabel(t, role), told }), untracked);
}

/** Step 1 of a revoke: what it means, and a confirmation. The organisation-wide entry cannot be removed. */
export async function askRevoke(deps: PermissionsDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const entry = await entryFromCard(deps, caller, entryRef, data, { mustBeRemovable: true });
  if (typeof entry === 'string') return listWith(deps, caller, entry);
  const { calendar, permission, name } = entry;
  return {
    card: renderCard('permissions-revoke', {
      title: t('permissions:revokeCard.title'),
      intro: t('permissions:revokeCard.intro', { name, calendar: calendar.name, level: roleLabel(t, permission.role) }),
      buttons: confirmButtons(caller, t('permissions:revokeCard.confirm'), Verb.PermissionsRevokeConfirm, entry, 'destructive'),
    }),
  };
}

/** Step 2: removes the entry (never a non-removable one) and tells the person. */
export async function confirmRevoke(deps: PermissionsDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const entry = await entryFromCard(deps, caller, entryRef, data, { mustBeRemovable: true });
  if (typeof entry === 'string') return listWith(deps, caller, entry);
  const { calendar, permission, name } = entry;
  const { applied, untracked } = await applyChange(deps, caller, entry, name, {
    action: 'revoked',
    role: permission.role,
    viaInvitation: async (invitation) => (await deps.service.revoke(invitation, caller.userId)).status === 'revoked',
    inGraph: () => deps.gateway.revokePermission({ userId: caller.userId }, { calendarId: calendar.id, permissionId: permission.id }),
  });
  if (!applied) return listWith(deps, caller, t('permissions:busy'));
  return listWith(deps, caller, t('permissions:revoked', { name, calendar: calendar.name }), untracked);
}

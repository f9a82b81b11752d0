import { z } from 'zod';
import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarPermission, CalendarSummary } from '../../graph/calendar-gateway';
import { isCalendarRole, roleChoice, roleLabel } from '../../sharing/roles';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { button } from '../share/card-kit';
import { opaqueId, parseCardData } from '../share/card-data';
import type { ShareFeatureDeps } from '../share/feature-deps';
import { changeChoices } from './permission-rules';
import { permissionsCard, recipientName } from './permissions-list';

const entryRef = z.object({ calendarId: opaqueId, permissionId: opaqueId });
const changeInput = entryRef.extend({ role: z.string().max(64) });

interface Entry {
  calendar: CalendarSummary;
  permission: CalendarPermission;
}

/** The list again, with a line saying what happened (or why nothing did). */
export async function listWith(deps: ShareFeatureDeps, caller: Caller, message?: string): Promise<ActionResult> {
  const card = await permissionsCard(deps, caller);
  const replies = message ? [textReply(message)] : [];
  return card ? { card, replies } : { replies: [...replies, textReply(caller.t('permissions:noCalendars'))] };
}

/**
 * The entry a card names, loaded again from Graph with the caller's token: only the owner can list
 * a calendar's permissions, so another person's ids (forwarded or tampered) find nothing.
 */
async function loadEntry(deps: ShareFeatureDeps, caller: Caller, calendarId: string, permissionId: string): Promise<Entry | undefined> {
  const owner = { userId: caller.userId };
  const calendar = (await deps.gateway.listMyCalendars(owner)).find((candidate) => candidate.id === calendarId && candidate.canShare);
  if (!calendar) return undefined;
  const permission = (await deps.gateway.listPermissions(owner, { calendarId })).find((candidate) => candidate.id === permissionId);
  return permission && { calendar, permission };
}

/** Step 1 of a change: the levels this entry may get, each explained. */
export async function askChange(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const ref = parseCardData(entryRef, data);
  const entry = ref && (await loadEntry(deps, caller, ref.calendarId, ref.permissionId));
  if (!entry) return listWith(deps, caller, t('permissions:gone'));
  const { calendar, permission } = entry;
  const name = recipientName(caller, permission);
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
      buttons: [
        button(t('permissions:changeCard.confirm'), Verb.PermissionsChangeConfirm, { calendarId: calendar.id, permissionId: permission.id }, 'positive'),
        button(t('permissions:cancel'), Verb.PermissionsShow),
      ],
    }),
  };
}

/** Step 2: checks the level against the rules again, changes it, tells the person. */
export async function confirmChange(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const input = parseCardData(changeInput, data);
  const entry = input && (await loadEntry(deps, caller, input.calendarId, input.permissionId));
  if (!input || !entry) return listWith(deps, caller, t('permissions:gone'));
  const { calendar, permission } = entry;
  const name = recipientName(caller, permission);
  const role = input.role;
  if (!isCalendarRole(role) || !changeChoices(permission, calendar, deps.policy).includes(role)) {
    return listWith(deps, caller, t('permissions:roleNotAllowed', { name }));
  }
  if (role === permission.role) return listWith(deps, caller, t('permissions:noChange', { name, level: roleLabel(t, role) }));

  const address = permission.recipient.address;
  const invitation = address && (await deps.invitations.findActive(caller.userId, calendar.id, address));
  if (invitation && invitation.status !== 'granting') {
    const changed = await deps.service.changeRole(invitation, caller.userId, role);
    if (changed.role !== role) return listWith(deps, caller, t('permissions:busy'));
  } else {
    await deps.gateway.updatePermission({ userId: caller.userId }, { calendarId: calendar.id, permissionId: permission.id, role });
    await deps.service.noteUntrackedChange({
      ownerUserId: caller.userId,
      ownerName: caller.name,
      calendar,
      recipient: { address, name },
      action: 'roleChanged',
      role,
      previousRole: permission.role,
    });
  }
  const told = address ? t('permissions:told') : '';
  return listWith(deps, caller, t('permissions:changed', { name, calendar: calendar.name, level: roleLabel(t, role), told }));
}

/** Step 1 of a revoke: what it means, and a confirmation. The organisation-wide entry cannot be removed. */
export async function askRevoke(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const ref = parseCardData(entryRef, data);
  const entry = ref && (await loadEntry(deps, caller, ref.calendarId, ref.permissionId));
  if (!entry) return listWith(deps, caller, t('permissions:gone'));
  const { calendar, permission } = entry;
  if (!permission.isRemovable) return listWith(deps, caller, t('permissions:notRemovable'));
  const name = recipientName(caller, permission);
  return {
    card: renderCard('permissions-revoke', {
      title: t('permissions:revokeCard.title'),
      intro: t('permissions:revokeCard.intro', { name, calendar: calendar.name, level: roleLabel(t, permission.role) }),
      buttons: [
        button(t('permissions:revokeCard.confirm'), Verb.PermissionsRevokeConfirm, { calendarId: calendar.id, permissionId: permission.id }, 'destructive'),
        button(t('permissions:cancel'), Verb.PermissionsShow),
      ],
    }),
  };
}

/** Step 2: removes the entry (never a non-removable one) and tells the person. */
export async function confirmRevoke(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const ref = parseCardData(entryRef, data);
  const entry = ref && (await loadEntry(deps, caller, ref.calendarId, ref.permissionId));
  if (!entry) return listWith(deps, caller, t('permissions:gone'));
  const { calendar, permission } = entry;
  if (!permission.isRemovable) return listWith(deps, caller, t('permissions:notRemovable'));
  const name = recipientName(caller, permission);
  const address = permission.recipient.address;
  const invitation = address && (await deps.invitations.findActive(caller.userId, calendar.id, address));
  if (invitation && invitation.status !== 'granting') {
    const revoked = await deps.service.revoke(invitation, caller.userId);
    if (revoked.status !== 'revoked') return listWith(deps, caller, t('permissions:busy'));
  } else {
    await deps.gateway.revokePermission({ userId: caller.userId }, { calendarId: calendar.id, permissionId: permission.id });
    await deps.service.noteUntrackedChange({
      ownerUserId: caller.userId,
      ownerName: caller.name,
      calendar,
      recipient: { address, name },
      action: 'revoked',
      role: permission.role,
      previousRole: permission.role,
    });
  }
  return listWith(deps, caller, t('permissions:revoked', { name, calendar: calendar.name }));
}

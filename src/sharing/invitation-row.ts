import type { Selectable } from 'kysely';
import { localeOf } from '../i18n';
import { invitationStatuses, type Intent, type Invitation, type InvitationStatus, type NewInvitation } from './invitation';
import { isCalendarRole } from './roles';
import type { ShareInvitationTable } from './tables';

/** An invitation as stored in `share_invitations`. */
export type InvitationRow = Selectable<ShareInvitationTable>;

/** The row of a share about to be written to Graph: status `granting`, its grant operation under way. */
export function newInvitationRow(input: NewInvitation, id: string, now: string): InvitationRow {
  return {
    id,
    draft_id: input.draftId ?? null,
    owner_user_id: input.owner.userId,
    owner_name: input.owner.name,
    owner_address: input.owner.address,
    owner_locale: input.owner.locale,
    calendar_id: input.calendar.id,
    calendar_name: input.calendar.name,
    calendar_is_default: input.calendar.isDefault ? 1 : 0,
    recipient_address: input.recipient.address.toLowerCase(),
    recipient_name: input.recipient.name,
    recipient_user_id: input.recipient.userId ?? null,
    recipient_inside: input.recipient.isInsideOrganization ? 1 : 0,
    role: input.role,
    status: 'granting',
    channel: null,
    code: null,
    expires_at: input.expiresAt ?? null,
    permission_id: null,
    failure: null,
    intent: JSON.stringify(input.intent),
    intent_id: input.intent.id,
    intent_at: now,
    created_at: now,
    updated_at: now,
    decided_at: null,
  };
}

function parseIntent(text: string | null): Intent | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Intent;
  } catch {
    return undefined;
  }
}

function toStatus(value: string): InvitationStatus {
  return (invitationStatuses as readonly string[]).includes(value) ? (value as InvitationStatus) : 'failed';
}

/** The invitation a stored row describes; unknown values read as their safest meaning. */
export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    ...(row.draft_id !== null && { draftId: row.draft_id }),
    owner: { userId: row.owner_user_id, name: row.owner_name, address: row.owner_address, locale: localeOf(row.owner_locale) },
    calendar: { id: row.calendar_id, name: row.calendar_name, isDefault: row.calendar_is_default === 1 },
    recipient: {
      address: row.recipient_address,
      name: row.recipient_name,
      ...(row.recipient_user_id !== null && { userId: row.recipient_user_id }),
      isInsideOrganization: row.recipient_inside === 1,
    },
    role: isCalendarRole(row.role) ? row.role : 'none',
    status: toStatus(row.status),
    ...(row.channel === 'teams' || row.channel === 'email' ? { channel: row.channel } : {}),
    ...(row.code !== null && { code: row.code }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    ...(row.permission_id !== null && { permissionId: row.permission_id }),
    ...(row.failure !== null && { failure: row.failure }),
    ...(row.intent_id !== null && { intent: parseIntent(row.intent), intentAt: row.intent_at ?? undefined }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
  };
}

import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { CalendarRole } from '../graph/calendar-gateway';
import type { DatabaseSchema } from '../storage/schema';
import { isCalendarRole } from './roles';

export const auditActions = ['shared', 'roleChanged', 'revoked', 'expired', 'accepted', 'declined', 'shareFailed'] as const;
export type AuditAction = (typeof auditActions)[number];

/** One change to who sees a calendar: who did what, when, for whom. */
export interface AuditEntry {
  /** The operation's id: recording the same operation twice keeps one entry. */
  id: string;
  ownerUserId: string;
  /** aadObjectId of who did it; 'system' for an expiry. */
  actorUserId: string;
  action: AuditAction;
  calendarId: string;
  calendarName: string;
  recipientAddress: string;
  recipientName: string;
  role?: CalendarRole;
  previousRole?: CalendarRole;
  at: string;
}

/** The audit log of shares, readable by each calendar's owner. Entries are never changed. */
export class AuditStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.db
      .insertInto('share_audit')
      .values({
        id: entry.id,
        owner_user_id: entry.ownerUserId,
        actor_user_id: entry.actorUserId,
        action: entry.action,
        calendar_id: entry.calendarId,
        calendar_name: entry.calendarName,
        recipient_address: entry.recipientAddress,
        recipient_name: entry.recipientName,
        role: entry.role ?? null,
        previous_role: entry.previousRole ?? null,
        at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  /** The owner's most recent entries, newest first. */
  async listForOwner(ownerUserId: string, limit = 20): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('share_audit')
      .selectAll()
      .where('owner_user_id', '=', ownerUserId)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      ownerUserId: row.owner_user_id,
      actorUserId: row.actor_user_id,
      action: (auditActions as readonly string[]).includes(row.action) ? (row.action as AuditAction) : 'shared',
      calendarId: row.calendar_id,
      calendarName: row.calendar_name,
      recipientAddress: row.recipient_address,
      recipientName: row.recipient_name,
      ...(isCalendarRole(row.role) && { role: row.role }),
      ...(isCalendarRole(row.previous_role) && { previousRole: row.previous_role }),
      at: row.at,
    }));
  }
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import type { HelpdeskAuditTable } from './tables';

export type HelpdeskAction = 'diagnose' | 'sendCard';
export type HelpdeskOutcome = 'shown' | 'refused' | 'notFound' | 'invalid' | 'failed' | 'sent' | 'unreachable' | 'alreadySent';

export interface HelpdeskAuditEntry {
  id: string;
  actorUserId: string;
  actorAddress?: string;
  action: HelpdeskAction;
  targetAddress?: string;
  targetUserId?: string;
  outcome: HelpdeskOutcome;
  /** sendCard: the diagnose entry it came from. */
  reference?: string;
  /** diagnose shown: the person's name; sendCard sent: `symptom=...;session=...`; a failure: its reason. */
  detail?: string;
  at: string;
}

/** RFC 5321's longest address; a detail is a reason or a display name. */
const maxAddressLength = 320;
const maxDetailLength = 500;

function bounded(text: string | undefined, max: number): string | undefined {
  return text === undefined || text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Append-only record of helpdesk mode: every /diagnose and every card sent, allowed or not. */
export class HelpdeskAuditLog {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async record(entry: Omit<HelpdeskAuditEntry, 'id' | 'at'>): Promise<HelpdeskAuditEntry> {
    // Bounded: targets and details come from what people type (an address, a name).
    const saved: HelpdeskAuditEntry = {
      ...entry,
      targetAddress: bounded(entry.targetAddress, maxAddressLength),
      actorAddress: bounded(entry.actorAddress, maxAddressLength),
      detail: bounded(entry.detail, maxDetailLength),
      id: randomUUID(),
      at: this.clock.now().toISOString(),
    };
    await this.db
      .insertInto('helpdesk_audit')
      .values({
        id: saved.id,
        actor_user_id: saved.actorUserId,
        actor_address: saved.actorAddress ?? null,
        action: saved.action,
        target_address: saved.targetAddress ?? null,
        target_user_id: saved.targetUserId ?? null,
        outcome: saved.outcome,
        reference: saved.reference ?? null,
        detail: saved.detail ?? null,
        at: saved.at,
      })
      .execute();
    return saved;
  }

  async get(id: string): Promise<HelpdeskAuditEntry | undefined> {
    const row = await this.db.selectFrom('helpdesk_audit').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toEntry(row);
  }

  /** Cards already sent from one diagnose: a second click on the same button sends nothing new. */
  async sentFrom(reference: string): Promise<HelpdeskAuditEntry[]> {
    const rows = await this.db
      .selectFrom('helpdesk_audit')
      .selectAll()
      .where('reference', '=', reference)
      .where('action', '=', 'sendCard')
      .where('outcome', '=', 'sent')
      .execute();
    return rows.map(toEntry);
  }

  /** The latest entries, newest first. */
  async recent(limit: number): Promise<HelpdeskAuditEntry[]> {
    const rows = await this.db.selectFrom('helpdesk_audit').selectAll().orderBy('at', 'desc').limit(limit).execute();
    return rows.map(toEntry);
  }
}

function toEntry(row: Selectable<HelpdeskAuditTable>): HelpdeskAuditEntry {
  return {
    id: row.id,
    actorUserId: row.actor_user_id,
    ...(row.actor_address !== null && { actorAddress: row.actor_address }),
    action: row.action === 'sendCard' ? 'sendCard' : 'diagnose',
    ...(row.target_address !== null && { targetAddress: row.target_address }),
    ...(row.target_user_id !== null && { targetUserId: row.target_user_id }),
    outcome: row.outcome as HelpdeskOutcome,
    ...(row.reference !== null && { reference: row.reference }),
    ...(row.detail !== null && { detail: row.detail }),
    at: row.at,
  };
}

import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import type { ParkedJobTable } from './tables';

export const parkedJobKinds = ['expire', 'recover', 'emailFallback', 'accessMail'] as const;
export type ParkedJobKind = (typeof parkedJobKinds)[number];

/** A piece of background work waiting for the app identity. */
export interface ParkedJob {
  kind: ParkedJobKind;
  ref: string;
  ownerUserId: string;
  calendarName: string;
  recipient: string;
  payload?: unknown;
  reason: string;
  attempts: number;
  parkedAt: string;
  nextAttemptAt: string;
  ownerToldAt?: string;
}

export type ParkRequest = Pick<ParkedJob, 'kind' | 'ref' | 'ownerUserId' | 'calendarName' | 'recipient' | 'payload'>;

const firstWaitMs = 5 * 60_000;
const longestWaitMs = 6 * 3600_000;
const leaseMs = 5 * 60_000;

/** 5 min, 10, 20... up to 6 h: an administrator's fix is picked up soon, a long outage costs little. */
export function waitAfter(attempts: number): number {
  return Math.min(longestWaitMs, firstWaitMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Parked background work in the bot's database. A job is parked when the app identity has no token
 * or Graph refuses it (401/403); it is tried again on a backoff schedule, shown to its owner at their
 * next turn and to the helpdesk in /diagnose, and removed once it succeeds.
 */
/** How long "nothing to tell" is taken as known for a person, and for how many people at most. */
const untoldRecheckMs = 60_000;
const rememberedPeople = 10_000;

export class ParkedJobStore {
  /** People found with nothing untold, and when (ms): their next turns skip the query for a while. */
  private readonly nothingUntold = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  /** Parks the job, or records one more failed attempt of a job already parked. */
  async park(job: ParkRequest, reason: string): Promise<ParkedJob> {
    const id = `${job.kind}:${job.ref}`;
    const now = this.clock.now();
    this.nothingUntold.delete(job.ownerUserId);
    const existing = await this.db.selectFrom('parked_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (existing) {
      const attempts = existing.attempts + 1;
      await this.db
        .updateTable('parked_jobs')
        .set({ reason, attempts, next_attempt_at: new Date(now.getTime() + waitAfter(attempts)).toISOString(), lease_until: null })
        .where('id', '=', id)
        .execute();
    } else {
      const row: ParkedJobTable = {
        id,
        kind: job.kind,
        ref: job.ref,
        owner_user_id: job.ownerUserId,
        calendar_name: job.calendarName,
        recipient: job.recipient,
        payload: job.payload === undefined ? null : JSON.stringify(job.payload),
        reason,
        attempts: 1,
        parked_at: now.toISOString(),
        next_attempt_at: new Date(now.getTime() + waitAfter(1)).toISOString(),
        lease_until: null,
        owner_told_at: null,
      };
      // Two instances parking the same job at once: the second insert loses, and counts as an attempt.
      try {
        await this.db.insertInto('parked_jobs').values(row).execute();
      } catch {
        return this.park(job, reason);
      }
    }
    return (await this.get(job.kind, job.ref))!;
  }

  async get(kind: ParkedJobKind, ref: string): Promise<ParkedJob | undefined> {
    const row = await this.db.selectFrom('parked_jobs').selectAll().where('id', '=', `${kind}:${ref}`).executeTakeFirst();
    return row && toJob(row);
  }

  /** The job succeeded: nothing waits any more. */
  async clear(kind: ParkedJobKind, ref: string): Promise<void> {
    await this.db.deleteFrom('parked_jobs').where('id', '=', `${kind}:${ref}`).execute();
  }

  /** True while the job is parked and its next attempt has not come (the sweeps leave it alone). */
  async isWaiting(kind: ParkedJobKind, ref: string): Promise<boolean> {
    const job = await this.get(kind, ref);
    return job !== undefined && Date.parse(job.nextAttemptAt) > this.clock.now().getTime();
  }

  /** Jobs of these kinds whose next attempt has come, each leased to the caller (one instance retries it). */
  async takeDue(kinds: ParkedJobKind[], limit = 50): Promise<ParkedJob[]> {
    const now = this.clock.now().toISOString();
    const rows = await this.db
      .selectFrom('parked_jobs')
      .selectAll()
      .where('kind', 'in', kinds)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const taken: ParkedJob[] = [];
    for (const row of rows) {
      const result = await this.db
        .updateTable('parked_jobs')
        .set({ lease_until: new Date(this.clock.now().getTime() + leaseMs).toISOString() })
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) taken.push(toJob(row));
    }
    return taken;
  }

  /** Everything parked for this owner, oldest first (the helpdesk's view). */
  async listFor(ownerUserId: string): Promise<ParkedJob[]> {
    const rows = await this.db.selectFrom('parked_jobs').selectAll().where('owner_user_id', '=', ownerUserId).orderBy('parked_at').execute();
    return rows.map(toJob);
  }

  /** What the owner has not been told yet; marks it told (each parking is told once). */
  async takeUntold(ownerUserId: string): Promise<ParkedJob[]> {
    // Asked at every turn, and nearly always empty: a person found with nothing untold is asked again
    // after a minute, or at once when this process parks work of theirs (another instance's: within the minute).
    const now = this.clock.now().getTime();
    const emptyAt = this.nothingUntold.get(ownerUserId);
    if (emptyAt !== undefined && now - emptyAt >= 0 && now - emptyAt < untoldRecheckMs) return [];
    const rows = await this.db.selectFrom('parked_jobs').selectAll().where('owner_user_id', '=', ownerUserId).where('owner_told_at', 'is', null).orderBy('parked_at').execute();
    if (rows.length === 0) {
      this.nothingUntold.delete(ownerUserId);
      this.nothingUntold.set(ownerUserId, now);
      if (this.nothingUntold.size > rememberedPeople) this.nothingUntold.delete(this.nothingUntold.keys().next().value as string);
      return [];
    }
    const result = await this.db
      .updateTable('parked_jobs')
      .set({ owner_told_at: this.clock.now().toISOString() })
      .where('id', 'in', rows.map((row) => row.id))
      .where('owner_told_at', 'is', null)
      .executeTakeFirst();
    // Another turn of the same person told them first.
    return Number(result.numUpdatedRows) === 0 ? [] : rows.map(toJob);
  }
}

function toJob(row: ParkedJobTable): ParkedJob {
  return {
    kind: row.kind as ParkedJobKind,
    ref: row.ref,
    ownerUserId: row.owner_user_id,
    calendarName: row.calendar_name,
    recipient: row.recipient,
    ...(row.payload !== null && { payload: JSON.parse(row.payload) as unknown }),
    reason: row.reason,
    attempts: row.attempts,
    parkedAt: row.parked_at,
    nextAttemptAt: row.next_attempt_at,
    ...(row.owner_told_at !== null && { ownerToldAt: row.owner_told_at }),
  };
}

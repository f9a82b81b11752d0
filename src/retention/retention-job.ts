import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';

/** How long each kind of record is kept, in days (configuration: RETENTION_*_DAYS). */
export interface RetentionAges {
  /** A sent or failed outbox message keeps its content this long (then only its dedupe key stays). */
  sentOutboxDays: number;
  /** A used dedupe key (an ended outbox row) is kept this long, so a replay within it sends nothing twice. */
  dedupeKeyDays: number;
  /** A confirmed, cancelled or abandoned share draft. */
  closedDraftDays: number;
  /** teams-ai's per-user and per-conversation state not written for this long. */
  botStateDays: number;
}

export const defaultRetentionAges: RetentionAges = { sentOutboxDays: 30, dedupeKeyDays: 90, closedDraftDays: 30, botStateDays: 180 };

export interface RetentionReport {
  outboxContentsCleared: number;
  dedupeKeysDeleted: number;
  draftsDeleted: number;
  botStatesDeleted: number;
  rateLimitsDeleted: number;
}

const dayMs = 24 * 3600_000;

/**
 * Deletes what the bot no longer needs: old sent messages (content first, the dedupe key later),
 * closed drafts, stale turn state, expired rate-limit windows. Safe on several instances at once:
 * each statement is one conditional delete or update.
 */
export class RetentionJob {
  constructor(private readonly deps: { db: Kysely<DatabaseSchema>; clock: Clock; ages: RetentionAges; logger?: Logger }) {}

  async run(): Promise<RetentionReport> {
    const { db, clock, ages, logger } = this.deps;
    const now = clock.now().getTime();
    const before = (days: number) => new Date(now - days * dayMs).toISOString();
    const cleared = await db
      .updateTable('outbox')
      .set({ payload: '[]' })
      .where('status', 'in', ['sent', 'failed'])
      .where('sent_at', '<', before(ages.sentOutboxDays))
      .where('payload', '!=', '[]')
      .executeTakeFirst();
    const keys = await db.deleteFrom('outbox').where('status', 'in', ['sent', 'failed']).where('sent_at', '<', before(ages.dedupeKeyDays)).executeTakeFirst();
    // An open draft that old was abandoned: its card can no longer be confirmed usefully either.
    const drafts = await db.deleteFrom('share_drafts').where('updated_at', '<', before(ages.closedDraftDays)).executeTakeFirst();
    const states = await db.deleteFrom('bot_state').where('updated_at', '<', before(ages.botStateDays)).executeTakeFirst();
    // rate-limiter-flexible's windows are over once `expire` (epoch ms) has passed; an hour's margin.
    const limits = await db.deleteFrom('rate_limits').where('expire', '<', now - 3600_000).executeTakeFirst();
    const report: RetentionReport = {
      outboxContentsCleared: Number(cleared.numUpdatedRows),
      dedupeKeysDeleted: Number(keys.numDeletedRows),
      draftsDeleted: Number(drafts.numDeletedRows),
      botStatesDeleted: Number(states.numDeletedRows),
      rateLimitsDeleted: Number(limits.numDeletedRows),
    };
    logger?.info(report, 'retention job done');
    return report;
  }
}

/** Runtime: the job on an interval (tests call `run` with the fake clock). Returns a stop function. */
export function startRetention(job: RetentionJob, intervalMs: number, logger: Logger): () => void {
  const timer = setInterval(() => void job.run().catch((error: unknown) => logger.warn({ err: error }, 'retention job failed')), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

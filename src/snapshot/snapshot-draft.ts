import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DetailLevel } from '../ical/ics-event';
import type { SkippedRecipient } from '../sharing/share-draft';
import type { DatabaseSchema } from '../storage/schema';
import type { SnapshotRange } from './snapshot-range';

export interface SnapshotRecipient {
  address: string;
  name: string;
  isInsideOrganization: boolean;
  /** For someone outside: the highest level the sharing policy lets them see. */
  policyCap?: DetailLevel;
}

/** What the owner chose, kept server-side: the preview's buttons carry only the draft's id. */
export interface SnapshotDraft {
  id: string;
  ownerUserId: string;
  status: 'open' | 'sending' | 'sent' | 'cancelled';
  calendar: { id: string; name: string };
  range: SnapshotRange;
  dates: { from?: string; to?: string };
  /** The level the owner asked for, and the one sent: lowered to the strictest cap of the recipients. */
  requestedLevel: DetailLevel;
  level: DetailLevel;
  workingHoursOnly: boolean;
  recipients: SnapshotRecipient[];
  skipped: SkippedRecipient[];
  createdAt: string;
}

export type NewSnapshotDraft = Omit<SnapshotDraft, 'id' | 'status' | 'createdAt'>;

/** A preview not sent within this time must be made again. */
export const snapshotDraftLifetimeMs = 24 * 3600_000;

const statuses = new Set<SnapshotDraft['status']>(['open', 'sending', 'sent', 'cancelled']);

/** Snapshot drafts; sending claims a draft with a compare-and-set, so a double click sends one mail. */
export class SnapshotDraftStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: NewSnapshotDraft): Promise<SnapshotDraft> {
    const now = this.clock.now().toISOString();
    const draft: SnapshotDraft = { ...input, id: randomUUID(), status: 'open', createdAt: now };
    await this.db
      .insertInto('snapshot_drafts')
      .values({ id: draft.id, owner_user_id: draft.ownerUserId, status: 'open', payload: JSON.stringify(draft), created_at: now, updated_at: now })
      .execute();
    return draft;
  }

  async get(id: string): Promise<SnapshotDraft | undefined> {
    const row = await this.db.selectFrom('snapshot_drafts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const draft = JSON.parse(row.payload) as SnapshotDraft;
    const status = row.status as SnapshotDraft['status'];
    return { ...draft, status: statuses.has(status) ? status : 'cancelled' };
  }

  /** Changes the choices of an open draft (a shorter range, less detail); false when it is no longer open. */
  async revise(draft: SnapshotDraft): Promise<boolean> {
    const result = await this.db
      .updateTable('snapshot_drafts')
      .set({ payload: JSON.stringify({ ...draft, status: 'open' }), updated_at: this.clock.now().toISOString() })
      .where('id', '=', draft.id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Moves the draft from `from` to `to`; false when another click or instance moved it first. */
  async move(id: string, from: SnapshotDraft['status'], to: SnapshotDraft['status']): Promise<boolean> {
    const result = await this.db
      .updateTable('snapshot_drafts')
      .set({ status: to, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  isExpired(draft: SnapshotDraft): boolean {
    return this.clock.now().getTime() - Date.parse(draft.createdAt) > snapshotDraftLifetimeMs;
  }
}

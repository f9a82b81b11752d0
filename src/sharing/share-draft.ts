import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { PolicyRole } from '../config';
import type { CalendarRole } from '../graph/calendar-gateway';
import type { DatabaseSchema } from '../storage/schema';
import type { InvitationCalendar } from './invitation';
import type { ShareRole } from './roles';

/** A recipient as the review showed them, with the levels they may get. */
export interface DraftRecipient {
  address: string;
  name: string;
  userId?: string;
  isInsideOrganization: boolean;
  allowed: ShareRole[];
  /** The level the review proposes: the one asked for, or the closest allowed. */
  proposed: ShareRole;
  policyCap?: PolicyRole;
  /** What they have today on this calendar, when they already have access. */
  currentRole?: CalendarRole;
}

/** Someone the owner named who cannot receive this share, and why (a key of share:skipped). */
export interface SkippedRecipient {
  input: string;
  reason: 'notFound' | 'invalidAddress' | 'ambiguous' | 'self' | 'lookupFailed' | 'noRole';
}

/** What the owner chose, kept server-side so the confirmation only carries the draft's id. */
export interface ShareDraft {
  id: string;
  ownerUserId: string;
  status: 'open' | 'confirmed' | 'cancelled';
  owner: { name: string; address: string };
  calendar: InvitationCalendar;
  requestedRole: ShareRole;
  /** The day the share ends (yyyy-mm-dd), as the owner picked it. */
  endDate?: string;
  /** The moment the share is revoked: the end of that day, UTC. */
  expiresAt?: string;
  recipients: DraftRecipient[];
  skipped: SkippedRecipient[];
  createdAt: string;
}

export type NewShareDraft = Omit<ShareDraft, 'id' | 'status' | 'createdAt'>;

/** A review not confirmed within this time must be made again (the people or rules may have changed). */
export const draftLifetimeMs = 24 * 3600_000;

/** Share drafts in the bot's database; confirming one is a compare-and-set, so it happens once. */
export class ShareDraftStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: NewShareDraft): Promise<ShareDraft> {
    const now = this.clock.now().toISOString();
    const draft: ShareDraft = { ...input, id: randomUUID(), status: 'open', createdAt: now };
    await this.db
      .insertInto('share_drafts')
      .values({ id: draft.id, owner_user_id: draft.ownerUserId, status: draft.status, payload: JSON.stringify(draft), created_at: now, updated_at: now })
      .execute();
    return draft;
  }

  async get(id: string): Promise<ShareDraft | undefined> {
    const row = await this.db.selectFrom('share_drafts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const draft = JSON.parse(row.payload) as ShareDraft;
    return { ...draft, status: row.status === 'confirmed' || row.status === 'cancelled' ? row.status : 'open' };
  }

  /** Moves an open draft to `status`; false when it was no longer open (a second click, another instance). */
  async close(id: string, status: 'confirmed' | 'cancelled'): Promise<boolean> {
    const result = await this.db
      .updateTable('share_drafts')
      .set({ status, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  isExpired(draft: ShareDraft): boolean {
    return this.clock.now().getTime() - Date.parse(draft.createdAt) > draftLifetimeMs;
  }
}

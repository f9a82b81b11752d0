import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import { activeStatuses, type Intent, type Invitation, type InvitationChanges, type InvitationStatus, type NewInvitation } from './invitation';
import { newInvitationRow, toInvitation } from './invitation-row';
import type { ShareInvitationTable } from './tables';

/**
 * Invitations in the bot's database. Every state change is a conditional update (compare and set on
 * the status and the operation under way), so two clicks, two instances or a replayed action change
 * an invitation at most once.
 */
export class InvitationStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  /** Records a share about to be written to Graph: status `granting`, its grant operation under way. */
  async create(input: NewInvitation): Promise<Invitation> {
    const now = this.now();
    const row = newInvitationRow(input, randomUUID(), now);
    await this.db.insertInto('share_invitations').values(row).execute();
    return toInvitation(row);
  }

  async get(id: string): Promise<Invitation | undefined> {
    const row = await this.select().where('id', '=', id).executeTakeFirst();
    return row && toInvitation(row);
  }

  async findByCode(code: string): Promise<Invitation | undefined> {
    const row = await this.select().where('code', '=', code).executeTakeFirst();
    return row && toInvitation(row);
  }

  /** The live share of this calendar with this person, if any (one at a time). */
  async findActive(ownerUserId: string, calendarId: string, recipientAddress: string): Promise<Invitation | undefined> {
    const row = await this.sharesWith(ownerUserId, calendarId, recipientAddress).where('status', 'in', activeStatuses).orderBy('created_at', 'desc').executeTakeFirst();
    return row && toInvitation(row);
  }

  /** The most recent share of this calendar with this person, whatever its status. */
  async findLatest(ownerUserId: string, calendarId: string, recipientAddress: string): Promise<Invitation | undefined> {
    const row = await this.sharesWith(ownerUserId, calendarId, recipientAddress).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    return row && toInvitation(row);
  }

  /** The owner's live shares, to mark invitations not answered yet in /permissions. */
  async listActiveForOwner(ownerUserId: string): Promise<Invitation[]> {
    const rows = await this.select()
      .where('owner_user_id', '=', ownerUserId)
      .where('status', 'in', activeStatuses)
      .limit(500)
      .execute();
    return rows.map(toInvitation);
  }

  async listByDraft(draftId: string): Promise<Invitation[]> {
    const rows = await this.select().where('draft_id', '=', draftId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toInvitation);
  }

  /** Invitations waiting for this person's answer, oldest first. */
  async listPendingFor(recipientUserId: string): Promise<Invitation[]> {
    const rows = await this.select()
      .where('recipient_user_id', '=', recipientUserId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute();
    return rows.map(toInvitation);
  }

  /** Operations started before `before` and never finished: a process stopped in the middle. */
  async listInterrupted(before: Date): Promise<Invitation[]> {
    const rows = await this.select()
      .where('intent_id', 'is not', null)
      .where('intent_at', '<', before.toISOString())
      .orderBy('intent_at')
      .limit(100)
      .execute();
    return rows.map(toInvitation);
  }

  /** Live shares whose end date has come and that no operation holds. */
  async listDue(now: Date): Promise<Invitation[]> {
    const rows = await this.select()
      .where('status', 'in', ['pending', 'accepted'])
      .where('expires_at', 'is not', null)
      .where('expires_at', '<=', now.toISOString())
      .where('intent_id', 'is', null)
      .orderBy('expires_at')
      .limit(100)
      .execute();
    return rows.map(toInvitation);
  }

  /**
   * Starts an operation if the invitation is in one of `statuses` and nothing else is under way.
   * Returns the invitation as claimed, or undefined when someone else got there first.
   */
  async claim(id: string, statuses: InvitationStatus[], intent: Intent): Promise<Invitation | undefined> {
    const now = this.now();
    const result = await this.db
      .updateTable('share_invitations')
      .set({ intent: JSON.stringify(intent), intent_id: intent.id, intent_at: now, updated_at: now })
      .where('id', '=', id)
      .where('intent_id', 'is', null)
      .where('status', 'in', statuses)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? this.get(id) : undefined;
  }

  /** A running operation is alive: refreshes `intent_at` while `intentId` still holds the invitation. */
  async heartbeat(id: string, intentId: string): Promise<boolean> {
    const now = this.now();
    const result = await this.db.updateTable('share_invitations').set({ intent_at: now }).where('id', '=', id).where('intent_id', '=', intentId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Takes over an interrupted operation (for recovery); only one process wins. */
  async takeOver(invitation: Invitation, staleBefore: Date): Promise<Invitation | undefined> {
    if (!invitation.intent) return undefined;
    const now = this.now();
    const result = await this.db
      .updateTable('share_invitations')
      .set({ intent_at: now, updated_at: now })
      .where('id', '=', invitation.id)
      .where('intent_id', '=', invitation.intent.id)
      .where('intent_at', '<', staleBefore.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? this.get(invitation.id) : undefined;
  }

  /**
   * For an invitation sent in Teams that never arrived: gives it an email code, once (only while it
   * is open, sent in Teams, code-less and not held by an operation). False when that no longer holds.
   */
  async setFallbackCode(id: string, code: string): Promise<boolean> {
    const result = await this.db
      .updateTable('share_invitations')
      .set({ code, updated_at: this.now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('channel', '=', 'teams')
      .where('code', 'is', null)
      .where('intent_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records that the invitation went by email after all; false when it already had (a second run). */
  async switchToEmail(id: string, failure: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('share_invitations')
      .set({ channel: 'email', failure, updated_at: this.now() })
      .where('id', '=', id)
      .where('channel', '=', 'teams')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records progress of the operation under way, keeping it under way. */
  async advance(id: string, intentId: string, changes: InvitationChanges): Promise<boolean> {
    return this.update(id, intentId, changes, false);
  }

  /** Records the result of the operation and ends it, in one update. */
  async finish(id: string, intentId: string, changes: InvitationChanges): Promise<boolean> {
    return this.update(id, intentId, changes, true);
  }

  private async update(id: string, intentId: string, changes: InvitationChanges, end: boolean): Promise<boolean> {
    const set: Updateable<ShareInvitationTable> = { updated_at: this.now() };
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.channel !== undefined) set.channel = changes.channel;
    if (changes.code !== undefined) set.code = changes.code;
    if (changes.permissionId !== undefined) set.permission_id = changes.permissionId;
    if (changes.failure !== undefined) set.failure = changes.failure;
    if (changes.expiresAt !== undefined) set.expires_at = changes.expiresAt;
    if (changes.decidedAt !== undefined) set.decided_at = changes.decidedAt;
    if (changes.recipientUserId !== undefined) set.recipient_user_id = changes.recipientUserId;
    if (end) Object.assign(set, { intent: null, intent_id: null, intent_at: null });
    const result = await this.db.updateTable('share_invitations').set(set).where('id', '=', id).where('intent_id', '=', intentId).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private select() {
    return this.db.selectFrom('share_invitations').selectAll();
  }

  /** Every share of one owner's calendar with one person (addresses are stored in lower case). */
  private sharesWith(ownerUserId: string, calendarId: string, recipientAddress: string) {
    return this.select().where('owner_user_id', '=', ownerUserId).where('calendar_id', '=', calendarId).where('recipient_address', '=', recipientAddress.toLowerCase());
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import { normalizeAddress } from './subscription-store';
import type { AccessRequestStatus, AccessRequestTable } from './tables';

/** "Megan asks to see your calendar", sent to an owner who shares nothing with her yet. */
export interface AccessRequest {
  id: string;
  requesterId: string;
  requesterAddress: string;
  requesterName: string;
  ownerId: string;
  ownerAddress: string;
  ownerName: string;
  status: AccessRequestStatus;
  channel: 'teams' | 'email';
  createdAt: string;
  answeredAt?: string;
}

export type NewAccessRequest = Omit<AccessRequest, 'id' | 'status' | 'createdAt' | 'answeredAt'>;

/** Access requests in the bot's database; an answer is recorded once, whatever the number of clicks. */
export class AccessRequestStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAccessRequest): Promise<AccessRequest> {
    const row: Selectable<AccessRequestTable> = {
      id: randomUUID(),
      requester_id: input.requesterId,
      requester_address: input.requesterAddress,
      requester_name: input.requesterName,
      owner_id: input.ownerId,
      owner_address: normalizeAddress(input.ownerAddress),
      owner_name: input.ownerName,
      status: 'pending',
      channel: input.channel,
      created_at: this.clock.now().toISOString(),
      answered_at: null,
    };
    await this.db.insertInto('access_requests').values(row).execute();
    return toAccessRequest(row);
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    const row = await this.db.selectFrom('access_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAccessRequest(row);
  }

  /** The requester's latest unanswered request to this owner, if any: asking twice sends nothing new. */
  async findPending(requesterId: string, ownerAddress: string): Promise<AccessRequest | undefined> {
    const row = await this.db
      .selectFrom('access_requests')
      .selectAll()
      .where('requester_id', '=', requesterId)
      .where('owner_address', '=', normalizeAddress(ownerAddress))
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row && toAccessRequest(row);
  }

  /** Marks a pending request declined; false when it was already answered (a replayed click). */
  async decline(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('access_requests')
      .set({ status: 'declined', answered_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Marks a pending request granted: the owner shared with the requester through the share flow
   * opened from its card. False when it was already answered (declined, or granted by another click).
   */
  async markGranted(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('access_requests')
      .set({ status: 'granted', answered_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toStatus(value: string): AccessRequestStatus {
  return value === 'declined' || value === 'granted' ? value : 'pending';
}

function toAccessRequest(row: Selectable<AccessRequestTable>): AccessRequest {
  return {
    id: row.id,
    requesterId: row.requester_id,
    requesterAddress: row.requester_address,
    requesterName: row.requester_name,
    ownerId: row.owner_id,
    ownerAddress: row.owner_address,
    ownerName: row.owner_name,
    status: toStatus(row.status),
    channel: row.channel === 'email' ? 'email' : 'teams',
    createdAt: row.created_at,
    ...(row.answered_at !== null && { answeredAt: row.answered_at }),
  };
}

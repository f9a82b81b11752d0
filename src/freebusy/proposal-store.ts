import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import type { FreeBusyProposalTable } from './tables';

export interface Proposal {
  id: string;
  userId: string;
  attendees: Array<{ address: string; name: string }>;
  slots: Date[];
  durationMinutes: number;
  timeZone: string;
  booked?: { slot: number; eventId: string };
}

/** The slots offered by each search; a booking is recorded once, whatever the number of clicks. */
export class ProposalStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: Omit<Proposal, 'id' | 'booked'>): Promise<Proposal> {
    const now = this.clock.now().toISOString();
    const row: Selectable<FreeBusyProposalTable> = {
      id: randomUUID(),
      user_id: input.userId,
      attendees: JSON.stringify(input.attendees),
      slots: JSON.stringify(input.slots.map((slot) => slot.toISOString())),
      duration_minutes: input.durationMinutes,
      time_zone: input.timeZone,
      booked_slot: null,
      event_id: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('freebusy_proposals').values(row).execute();
    return toProposal(row);
  }

  async get(id: string): Promise<Proposal | undefined> {
    const row = await this.db.selectFrom('freebusy_proposals').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toProposal(row);
  }

  /** Records the booking unless one is already there (a second instance, a double click): true if this call won. */
  async markBooked(id: string, slot: number, eventId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('freebusy_proposals')
      .set({ booked_slot: slot, event_id: eventId, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .where('booked_slot', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function toProposal(row: Selectable<FreeBusyProposalTable>): Proposal {
  return {
    id: row.id,
    userId: row.user_id,
    attendees: JSON.parse(row.attendees) as Proposal['attendees'],
    slots: (JSON.parse(row.slots) as string[]).map((slot) => new Date(slot)),
    durationMinutes: Number(row.duration_minutes),
    timeZone: row.time_zone,
    ...(row.booked_slot !== null && row.event_id !== null && { booked: { slot: Number(row.booked_slot), eventId: row.event_id } }),
  };
}

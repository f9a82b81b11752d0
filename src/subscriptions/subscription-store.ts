import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { CalendarRole } from '../graph/calendar-gateway';
import { isCalendarRole } from '../sharing/roles';
import type { DatabaseSchema } from '../storage/schema';
import type { SubscriptionTable } from './tables';

/**
 * A calendar someone shared that a person follows in the bot. An invitation accepted in Teams and a
 * calendar picked with /subscribe are the same record.
 */
export interface Subscription {
  id: string;
  /** The sharee's aadObjectId. */
  userId: string;
  ownerAddress: string;
  ownerName: string;
  /** The owner's calendar id as the sharee reads it via /users/{owner}/calendars. */
  calendarId: string;
  calendarName: string;
  /** Known when shared through the bot. */
  role?: CalendarRole;
  alias?: string;
  /** The sharee's own calendar-list entry id, when Outlook added it. */
  listEntryId?: string;
  source: 'invitation' | 'subscribe';
  createdAt: string;
}

export interface SubscriptionStore {
  /** One record per (userId, ownerAddress, calendarId); a second upsert updates it. */
  upsert(input: Omit<Subscription, 'id' | 'createdAt'>): Promise<Subscription>;
  listFor(userId: string): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
  setAlias(id: string, alias: string | undefined): Promise<void>;
  setListEntry(id: string, listEntryId: string | undefined): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Subscriptions in the bot's database, written once for SQLite and PostgreSQL. */
export class SqlSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates the subscription, or updates the existing one for the same calendar. The first
   * `createdAt` stays ("since when"); a role, alias or list entry already known is kept when the
   * new input does not say, so a later /subscribe does not forget what an invitation recorded.
   */
  async upsert(input: Omit<Subscription, 'id' | 'createdAt'>): Promise<Subscription> {
    const now = this.clock.now().toISOString();
    const key = { user_id: input.userId, owner_address: normalizeAddress(input.ownerAddress), calendar_id: input.calendarId };
    const changes = {
      owner_name: input.ownerName,
      calendar_name: input.calendarName,
      source: input.source,
      updated_at: now,
      ...(input.role !== undefined && { role: input.role }),
      ...(input.alias !== undefined && { alias: input.alias }),
      ...(input.listEntryId !== undefined && { list_entry_id: input.listEntryId }),
    };
    await this.db
      .insertInto('subscriptions')
      .values({
        id: randomUUID(),
        ...key,
        owner_name: input.ownerName,
        calendar_name: input.calendarName,
        role: input.role ?? null,
        alias: input.alias ?? null,
        list_entry_id: input.listEntryId ?? null,
        source: input.source,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['user_id', 'owner_address', 'calendar_id']).doUpdateSet(changes))
      .execute();
    const row = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('user_id', '=', key.user_id)
      .where('owner_address', '=', key.owner_address)
      .where('calendar_id', '=', key.calendar_id)
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  }

  /** Oldest first, so a list the user sees keeps its order as they add calendars. */
  async listFor(userId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('owner_address').orderBy('calendar_name').execute();
    return rows.map(toSubscription);
  }

  async get(id: string): Promise<Subscription | undefined> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSubscription(row);
  }

  async setAlias(id: string, alias: string | undefined): Promise<void> {
    await this.change(id, { alias: alias ?? null });
  }

  async setListEntry(id: string, listEntryId: string | undefined): Promise<void> {
    await this.change(id, { list_entry_id: listEntryId ?? null });
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('subscriptions').where('id', '=', id).execute();
  }

  private async change(id: string, changes: Pick<Updateable<SubscriptionTable>, 'alias' | 'list_entry_id'>): Promise<void> {
    await this.db
      .updateTable('subscriptions')
      .set({ ...changes, updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }
}

/** Addresses are case-insensitive: one owner is one key. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

function toSubscription(row: Selectable<SubscriptionTable>): Subscription {
  return {
    id: row.id,
    userId: row.user_id,
    ownerAddress: row.owner_address,
    ownerName: row.owner_name,
    calendarId: row.calendar_id,
    calendarName: row.calendar_name,
    ...(row.role !== null && isCalendarRole(row.role) && { role: row.role }),
    ...(row.alias !== null && { alias: row.alias }),
    ...(row.list_entry_id !== null && { listEntryId: row.list_entry_id }),
    source: row.source === 'invitation' ? 'invitation' : 'subscribe',
    createdAt: row.created_at,
  };
}

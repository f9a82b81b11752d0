import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Clock } from '../clock';
import type { Locale } from '../i18n';
import type { DetailLevel } from '../ical/ics-event';
import type { DatabaseSchema } from '../storage/schema';
import { hashFeedToken, newFeedToken, sameHash } from './feed-token';
import type { PublishedCalendarTable } from './tables';

/** A calendar published as a feed: by its owner for anyone with the link, or for one person outside with a share. */
export interface Publication {
  id: string;
  owner: { userId: string; name: string; locale: Locale; zone: string };
  calendar: { id: string; name: string };
  level: DetailLevel;
  status: 'active' | 'stopped';
  /** Set for a personal link sent with a share to someone outside. */
  recipient?: { address: string; name: string };
  shareId?: string;
  createdAt: string;
  rotatedAt?: string;
  lastFetchedAt?: string;
}

export type NewPublication = Pick<Publication, 'owner' | 'calendar' | 'level' | 'recipient' | 'shareId'>;

function toPublication(row: Selectable<PublishedCalendarTable>): Publication {
  return {
    id: row.id,
    owner: { userId: row.owner_user_id, name: row.owner_name, locale: row.owner_locale === 'fr' ? 'fr' : 'en', zone: row.owner_zone },
    calendar: { id: row.calendar_id, name: row.calendar_name },
    level: row.level as DetailLevel,
    status: row.status === 'active' ? 'active' : 'stopped',
    recipient: row.recipient_address ? { address: row.recipient_address, name: row.recipient_name ?? row.recipient_address } : undefined,
    shareId: row.share_id ?? undefined,
    createdAt: row.created_at,
    rotatedAt: row.rotated_at ?? undefined,
    lastFetchedAt: row.last_fetched_at ?? undefined,
  };
}

/**
 * Published calendars. The token is returned once, when a link is made or rotated, and only its hash
 * is stored: rotating replaces the hash, so the old link stops at once.
 */
export class PublicationStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: NewPublication): Promise<{ publication: Publication; token: string }> {
    const now = this.clock.now().toISOString();
    const token = newFeedToken();
    const id = randomUUID();
    await this.db
      .insertInto('published_calendars')
      .values({
        id,
        owner_user_id: input.owner.userId,
        owner_name: input.owner.name,
        owner_locale: input.owner.locale,
        owner_zone: input.owner.zone,
        calendar_id: input.calendar.id,
        calendar_name: input.calendar.name,
        level: input.level,
        token_hash: hashFeedToken(token),
        status: 'active',
        recipient_address: input.recipient?.address ?? null,
        recipient_name: input.recipient?.name ?? null,
        share_id: input.shareId ?? null,
        created_at: now,
        rotated_at: null,
        last_fetched_at: null,
        updated_at: now,
      })
      .execute();
    return { publication: (await this.get(id))!, token };
  }

  async get(id: string): Promise<Publication | undefined> {
    const row = await this.db.selectFrom('published_calendars').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toPublication(row) : undefined;
  }

  /** The active publication a token opens, if any: looked up by hash, then the hash compared in constant time. */
  async findActiveByToken(token: string): Promise<Publication | undefined> {
    const hash = hashFeedToken(token);
    const row = await this.db.selectFrom('published_calendars').selectAll().where('token_hash', '=', hash).where('status', '=', 'active').executeTakeFirst();
    return row && sameHash(row.token_hash, hash) ? toPublication(row) : undefined;
  }

  /** The owner's active links, newest first. */
  async listActiveForOwner(ownerUserId: string): Promise<Publication[]> {
    const rows = await this.db.selectFrom('published_calendars').selectAll().where('owner_user_id', '=', ownerUserId).where('status', '=', 'active').orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toPublication);
  }

  async findActiveForShare(shareId: string): Promise<Publication | undefined> {
    const row = await this.db.selectFrom('published_calendars').selectAll().where('share_id', '=', shareId).where('status', '=', 'active').executeTakeFirst();
    return row ? toPublication(row) : undefined;
  }

  async changeLevel(id: string, level: DetailLevel): Promise<boolean> {
    const result = await this.db.updateTable('published_calendars').set({ level, updated_at: this.clock.now().toISOString() }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A new token for an active link; the old one opens nothing from now on. Undefined when the link is stopped. */
  async rotate(id: string): Promise<string | undefined> {
    const token = newFeedToken();
    const now = this.clock.now().toISOString();
    const result = await this.db
      .updateTable('published_calendars')
      .set({ token_hash: hashFeedToken(token), rotated_at: now, updated_at: now })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? token : undefined;
  }

  async stop(id: string): Promise<boolean> {
    const result = await this.db.updateTable('published_calendars').set({ status: 'stopped', updated_at: this.clock.now().toISOString() }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    // A stopped link's last feed is calendar content nobody may read any more: not kept.
    await this.db.deleteFrom('published_feed_cache').where('publication_id', '=', id).execute();
    return Number(result.numUpdatedRows) === 1;
  }

  async markFetched(id: string, at: Date): Promise<void> {
    await this.db.updateTable('published_calendars').set({ last_fetched_at: at.toISOString() }).where('id', '=', id).execute();
  }
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Clock } from '../clock';
import { maskUrl, maskUser } from '../secrets/masking';
import type { SecretBox } from '../secrets/secret-box';
import type { DatabaseSchema } from '../storage/schema';
import type { FeedCredentials } from './feed-fetcher';
import type { FeedTable } from './tables';

export interface SyncReport {
  added: number;
  changed: number;
  removed: number;
  /** Warning codes with their details (expanded rules, unknown zones...). */
  warnings: Array<{ code: string; [detail: string]: unknown }>;
}

/** A feed as the domain sees it: secrets opened only through `secretsOf`. */
export interface Feed {
  id: string;
  ownerId: string;
  name: string;
  urlMasked: string;
  credentialsMasked?: string;
  target: { calendarId: string; ownerAddress?: string; name: string; createdByBot: boolean };
  floatingZone: string;
  status: 'active' | 'paused';
  pauseReason?: string;
  etag?: string;
  lastModified?: string;
  contentHash?: string;
  dirty: boolean;
  refreshMinutes: number;
  nextRunAt: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  failures: number;
  lastProblem?: string;
  lastReport?: SyncReport;
}

export interface FeedItem {
  key: string;
  eventId: string;
  hash: string;
  isSeries: boolean;
  /** Graph's changeKey after our last write; '' when unknown (then the next listing's is trusted). */
  changeKey: string;
}

export interface NewFeed {
  ownerId: string;
  name: string;
  url: string;
  credentials?: FeedCredentials;
  target: Feed['target'];
  floatingZone: string;
  refreshMinutes: number;
  nextRunAt: string;
}

export type FeedChanges = Partial<Omit<Feed, 'id' | 'ownerId' | 'urlMasked' | 'credentialsMasked' | 'target'>> & { targetName?: string };

const fromRow = (row: Selectable<FeedTable>): Feed => ({
  id: row.id,
  ownerId: row.owner_id,
  name: row.name,
  urlMasked: row.url_masked,
  credentialsMasked: row.credentials_masked ?? undefined,
  target: { calendarId: row.target_calendar_id, ownerAddress: row.target_owner_address ?? undefined, name: row.target_name, createdByBot: row.created_calendar === 1 },
  floatingZone: row.floating_zone,
  status: row.status === 'paused' ? 'paused' : 'active',
  pauseReason: row.pause_reason ?? undefined,
  etag: row.etag ?? undefined,
  lastModified: row.last_modified ?? undefined,
  contentHash: row.content_hash ?? undefined,
  dirty: row.dirty === 1,
  refreshMinutes: row.refresh_minutes,
  nextRunAt: row.next_run_at,
  lastAttemptAt: row.last_attempt_at ?? undefined,
  lastSuccessAt: row.last_success_at ?? undefined,
  failures: row.failures,
  lastProblem: row.last_problem ?? undefined,
  lastReport: row.last_report ? (JSON.parse(row.last_report) as SyncReport) : undefined,
});

function toRow(changes: FeedChanges): Updateable<FeedTable> {
  const row: Updateable<FeedTable> = {};
  const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
  if ('name' in changes) row.name = changes.name;
  if ('targetName' in changes) row.target_name = changes.targetName;
  if ('status' in changes) row.status = changes.status;
  if ('pauseReason' in changes) row.pause_reason = nullable(changes.pauseReason);
  if ('etag' in changes) row.etag = nullable(changes.etag);
  if ('lastModified' in changes) row.last_modified = nullable(changes.lastModified);
  if ('contentHash' in changes) row.content_hash = nullable(changes.contentHash);
  if ('dirty' in changes) row.dirty = changes.dirty ? 1 : 0;
  if ('refreshMinutes' in changes) row.refresh_minutes = changes.refreshMinutes;
  if ('nextRunAt' in changes) row.next_run_at = changes.nextRunAt;
  if ('lastAttemptAt' in changes) row.last_attempt_at = nullable(changes.lastAttemptAt);
  if ('lastSuccessAt' in changes) row.last_success_at = nullable(changes.lastSuccessAt);
  if ('failures' in changes) row.failures = changes.failures;
  if ('lastProblem' in changes) row.last_problem = nullable(changes.lastProblem);
  if ('lastReport' in changes) row.last_report = changes.lastReport ? JSON.stringify(changes.lastReport) : null;
  return row;
}

function maskedCredentials(credentials: FeedCredentials | undefined): string | null {
  if (!credentials) return null;
  return credentials.kind === 'basic' ? `${maskUser(credentials.user)} / •••` : '•••';
}

/** Feeds, their synced items and drafts, on SQLite or PostgreSQL; URL and credentials sealed with the row id as context. */
export class FeedStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  async create(input: NewFeed): Promise<Feed> {
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('feeds')
      .values({
        id,
        owner_id: input.ownerId,
        name: input.name,
        url_sealed: this.secrets.seal(input.url, `feed:${id}:url`),
        url_masked: maskUrl(input.url),
        credentials_sealed: input.credentials ? this.secrets.seal(JSON.stringify(input.credentials), `feed:${id}:credentials`) : null,
        credentials_masked: maskedCredentials(input.credentials),
        target_calendar_id: input.target.calendarId,
        target_owner_address: input.target.ownerAddress ?? null,
        target_name: input.target.name,
        created_calendar: input.target.createdByBot ? 1 : 0,
        floating_zone: input.floatingZone,
        status: 'active',
        pause_reason: null,
        etag: null,
        last_modified: null,
        content_hash: null,
        dirty: 0,
        refresh_minutes: input.refreshMinutes,
        next_run_at: input.nextRunAt,
        last_attempt_at: null,
        last_success_at: null,
        failures: 0,
        last_problem: null,
        last_report: null,
        lease_owner: null,
        lease_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(id)) as Feed;
  }

  async get(id: string): Promise<Feed | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  async listFor(ownerId: string): Promise<Feed[]> {
    const rows = await this.db.selectFrom('feeds').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /** Active feeds whose next run has come, oldest first. */
  async listDue(now: Date, limit = 50): Promise<Feed[]> {
    const rows = await this.db
      .selectFrom('feeds')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_run_at', '<=', now.toISOString())
      .orderBy('next_run_at')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The URL and credentials, opened for a fetch; never logged. */
  async secretsOf(id: string): Promise<{ url: string; credentials?: FeedCredentials }> {
    const row = await this.db.selectFrom('feeds').select(['url_sealed', 'credentials_sealed']).where('id', '=', id).executeTakeFirstOrThrow();
    return {
      url: this.secrets.open(row.url_sealed, `feed:${id}:url`),
      credentials: row.credentials_sealed ? (JSON.parse(this.secrets.open(row.credentials_sealed, `feed:${id}:credentials`)) as FeedCredentials) : undefined,
    };
  }

  /** A new address and credentials for a feed (the "fix" of a paused feed): sealed again, validators forgotten. */
  async updateSource(id: string, url: string, credentials: FeedCredentials | undefined): Promise<void> {
    await this.db
      .updateTable('feeds')
      .set({
        url_sealed: this.secrets.seal(url, `feed:${id}:url`),
        url_masked: maskUrl(url),
        credentials_sealed: credentials ? this.secrets.seal(JSON.stringify(credentials), `feed:${id}:credentials`) : null,
        credentials_masked: maskedCredentials(credentials),
        etag: null,
        last_modified: null,
        content_hash: null,
        updated_at: this.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Seals again, under the current key, values sealed with an older one (key rotation). */
  async resealIfOld(id: string): Promise<void> {
    const row = await this.db.selectFrom('feeds').select(['url_sealed', 'credentials_sealed']).where('id', '=', id).executeTakeFirst();
    if (!row) return;
    if (!this.secrets.needsRotation(row.url_sealed) && !(row.credentials_sealed && this.secrets.needsRotation(row.credentials_sealed))) return;
    const secrets = await this.secretsOf(id);
    await this.db
      .updateTable('feeds')
      .set({
        url_sealed: this.secrets.seal(secrets.url, `feed:${id}:url`),
        credentials_sealed: secrets.credentials ? this.secrets.seal(JSON.stringify(secrets.credentials), `feed:${id}:credentials`) : null,
      })
      .where('id', '=', id)
      .execute();
  }

  async update(id: string, changes: FeedChanges): Promise<void> {
    await this.db
      .updateTable('feeds')
      .set({ ...toRow(changes), updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('feed_items').where('feed_id', '=', id).execute();
    await this.db.deleteFrom('feeds').where('id', '=', id).execute();
  }

  /**
   * Takes the feed's lease for `ms`: one conditional update, so across instances (SQLite or
   * PostgreSQL) exactly one wins. Free, expired or already ours.
   */
  async tryLease(id: string, owner: string, ms: number): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.db
      .updateTable('feeds')
      .set({ lease_owner: owner, lease_until: new Date(now.getTime() + ms).toISOString() })
      .where('id', '=', id)
      .where((where) => where.or([where('lease_owner', 'is', null), where('lease_until', '<', now.toISOString()), where('lease_owner', '=', owner)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseLease(id: string, owner: string): Promise<void> {
    await this.db.updateTable('feeds').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
  }

  async items(feedId: string): Promise<Map<string, FeedItem>> {
    const rows = await this.db.selectFrom('feed_items').selectAll().where('feed_id', '=', feedId).execute();
    return new Map(rows.map((row) => [row.item_key, { key: row.item_key, eventId: row.event_id, hash: row.hash, isSeries: row.is_series === 1, changeKey: row.change_key }]));
  }

  async putItem(feedId: string, item: FeedItem): Promise<void> {
    const values = { event_id: item.eventId, hash: item.hash, is_series: item.isSeries ? 1 : 0, change_key: item.changeKey };
    await this.db
      .insertInto('feed_items')
      .values({ feed_id: feedId, item_key: item.key, ...values })
      .onConflict((conflict) => conflict.columns(['feed_id', 'item_key']).doUpdateSet(values))
      .execute();
  }

  async removeItem(feedId: string, key: string): Promise<void> {
    await this.db.deleteFrom('feed_items').where('feed_id', '=', feedId).where('item_key', '=', key).execute();
  }

  async createDraft(input: { ownerId: string; url: string; credentials?: FeedCredentials; preview: unknown }): Promise<string> {
    const id = randomUUID();
    // Previews nobody saved go after a day: they hold sealed secrets for nothing.
    await this.db.deleteFrom('feed_drafts').where('created_at', '<', this.draftCutoff()).execute();
    await this.db
      .insertInto('feed_drafts')
      .values({
        id,
        owner_id: input.ownerId,
        url_sealed: this.secrets.seal(input.url, `draft:${id}:url`),
        url_masked: maskUrl(input.url),
        credentials_sealed: input.credentials ? this.secrets.seal(JSON.stringify(input.credentials), `draft:${id}:credentials`) : null,
        credentials_masked: maskedCredentials(input.credentials),
        preview: JSON.stringify(input.preview),
        created_at: this.clock.now().toISOString(),
      })
      .execute();
    return id;
  }

  async draft(id: string): Promise<{ ownerId: string; url: string; credentials?: FeedCredentials; preview: unknown } | undefined> {
    const row = await this.db.selectFrom('feed_drafts').selectAll().where('id', '=', id).where('created_at', '>=', this.draftCutoff()).executeTakeFirst();
    if (!row) return undefined;
    return {
      ownerId: row.owner_id,
      url: this.secrets.open(row.url_sealed, `draft:${id}:url`),
      credentials: row.credentials_sealed ? (JSON.parse(this.secrets.open(row.credentials_sealed, `draft:${id}:credentials`)) as FeedCredentials) : undefined,
      preview: JSON.parse(row.preview) as unknown,
    };
  }

  private draftCutoff(): string {
    return new Date(this.clock.now().getTime() - 24 * 3600_000).toISOString();
  }

  /** Deletes the draft; false when it was already gone (a card clicked twice). */
  async removeDraft(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('feed_drafts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}

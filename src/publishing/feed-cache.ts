import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { DatabaseSchema } from '../storage/schema';
import type { BuiltFeed, FeedBuilder } from './feed-builder';
import type { Publication } from './publication-store';

export interface FeedCacheDeps {
  builder: FeedBuilder;
  clock: Clock;
  cacheSeconds: number;
  /** Where built feeds are shared with the other instances; without it, this instance only. */
  db?: Kysely<DatabaseSchema>;
  maxEntries?: number;
}

/**
 * Built feeds kept for the cache period, per link and level: a subscriber polling every few minutes,
 * or many subscribers of one link, cost one Graph read per period. Two levels: this instance's
 * memory, then the database the instances share (so N instances cost one read per period, not N).
 * A feed's age is its build time wherever it is found, so every copy expires at the same moment.
 * Concurrent fetches of an expired feed on one instance share one build; two instances expiring at
 * the same instant may both build once (a rare extra read, not worth a lock).
 */
export class FeedCache {
  private readonly entries = new Map<string, BuiltFeed>();
  private readonly building = new Map<string, Promise<BuiltFeed>>();

  constructor(private readonly deps: FeedCacheDeps) {}

  private keyOf(publication: Publication): string {
    return `${publication.id}:${publication.level}`;
  }

  private isFresh(feed: BuiltFeed): boolean {
    return this.deps.clock.now().getTime() - feed.builtAt < this.deps.cacheSeconds * 1000;
  }

  /** The current feed. When the rebuild fails (Graph busy), `stale` gives the last one to serve instead. */
  async get(publication: Publication): Promise<BuiltFeed> {
    const key = this.keyOf(publication);
    const cached = this.entries.get(key);
    if (cached && this.isFresh(cached)) return cached;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.fromSharedOrBuilt(publication, key, cached).finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  private async fromSharedOrBuilt(publication: Publication, key: string, cached: BuiltFeed | undefined): Promise<BuiltFeed> {
    const shared = await this.readShared(publication);
    if (shared && this.isFresh(shared)) {
      this.remember(key, shared);
      return shared;
    }
    const newest = shared && (!cached || shared.builtAt > cached.builtAt) ? shared : cached;
    const feed = await this.deps.builder.build(publication, newest);
    this.remember(key, feed);
    await this.writeShared(publication, feed);
    return feed;
  }

  /** The last feed built for this link and level, however old (here, else in the database). */
  async stale(publication: Publication): Promise<BuiltFeed | undefined> {
    return this.entries.get(this.keyOf(publication)) ?? (await this.readShared(publication));
  }

  private async readShared(publication: Publication): Promise<BuiltFeed | undefined> {
    if (!this.deps.db) return undefined;
    const row = await this.deps.db
      .selectFrom('published_feed_cache')
      .selectAll()
      .where('publication_id', '=', publication.id)
      .where('level', '=', publication.level)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      body: Buffer.from(row.body, 'utf8'),
      gzip: Buffer.from(row.gzip_base64, 'base64'),
      etag: row.etag,
      gzipEtag: row.gzip_etag,
      lastModified: new Date(row.last_modified),
      builtAt: Date.parse(row.built_at),
    };
  }

  private async writeShared(publication: Publication, feed: BuiltFeed): Promise<void> {
    if (!this.deps.db) return;
    const values = {
      body: feed.body.toString('utf8'),
      gzip_base64: feed.gzip.toString('base64'),
      etag: feed.etag,
      gzip_etag: feed.gzipEtag,
      last_modified: feed.lastModified.toISOString(),
      built_at: new Date(feed.builtAt).toISOString(),
    };
    await this.deps.db
      .insertInto('published_feed_cache')
      .values({ publication_id: publication.id, level: publication.level, ...values })
      .onConflict((conflict) => conflict.columns(['publication_id', 'level']).doUpdateSet(values))
      .execute();
  }

  private remember(key: string, feed: BuiltFeed): void {
    this.entries.delete(key);
    this.entries.set(key, feed);
    // Oldest first in a Map: drop the least recently built beyond the bound.
    const max = this.deps.maxEntries ?? 500;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

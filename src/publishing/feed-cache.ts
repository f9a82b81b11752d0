import type { Clock } from '../clock';
import type { BuiltFeed, FeedBuilder } from './feed-builder';
import type { Publication } from './publication-store';

/**
 * Built feeds kept for the cache period, per link and level: a subscriber polling every few minutes,
 * or many subscribers of one link, cost one Graph read per period. Concurrent fetches of an expired
 * feed share one build. One cache per instance (several instances each read once per period).
 */
export class FeedCache {
  private readonly entries = new Map<string, BuiltFeed>();
  private readonly building = new Map<string, Promise<BuiltFeed>>();

  constructor(private readonly deps: { builder: FeedBuilder; clock: Clock; cacheSeconds: number; maxEntries?: number }) {}

  private keyOf(publication: Publication): string {
    return `${publication.id}:${publication.level}`;
  }

  /** The current feed; `stale` is what is kept when a rebuild fails (Graph busy), to serve instead. */
  async get(publication: Publication): Promise<BuiltFeed> {
    const key = this.keyOf(publication);
    const cached = this.entries.get(key);
    if (cached && this.deps.clock.now().getTime() - cached.builtAt < this.deps.cacheSeconds * 1000) return cached;
    let pending = this.building.get(key);
    if (!pending) {
      pending = this.deps.builder
        .build(publication, cached)
        .then((feed) => {
          this.remember(key, feed);
          return feed;
        })
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    return pending;
  }

  /** The last feed built for this link and level, however old. */
  stale(publication: Publication): BuiltFeed | undefined {
    return this.entries.get(this.keyOf(publication));
  }

  private remember(key: string, feed: BuiltFeed): void {
    this.entries.delete(key);
    this.entries.set(key, feed);
    // Oldest first in a Map: drop the least recently built beyond the bound.
    const max = this.deps.maxEntries ?? 500;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

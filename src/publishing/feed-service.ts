import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Clock } from '../clock';
import { isGraphError } from '../graph/graph-error';
import type { BuiltFeed } from './feed-builder';
import type { FeedCache } from './feed-cache';
import { isFeedTokenShape } from './feed-token';
import type { PublicationStore } from './publication-store';

/** A request for `/feeds/<token>.ics`, as the HTTP server hands it over. */
export interface FeedRequest {
  method: 'GET' | 'HEAD';
  /** The last path segment: `<token>.ics`. */
  file: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  acceptEncoding?: string;
}

export interface FeedResponse {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface FeedServiceDeps {
  publications: Pick<PublicationStore, 'findActiveByToken' | 'markFetched'>;
  cache: FeedCache;
  clock: Clock;
  cacheSeconds: number;
  ratePerMinute: number;
  /** PostgreSQL: the per-link limit is counted across instances (the shared rate_limits table). */
  pool?: Pool;
  logger?: Logger;
}

const notFound: FeedResponse = { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, body: Buffer.from('Not found\n') };

/** The last-fetch time is written at most this often per link: polling must not mean a write per request. */
const fetchRecordMs = 60_000;

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)?.[1]).find(Boolean);
    return (coding === 'gzip' || coding === 'x-gzip') && (q === undefined || Number(q) > 0);
  });
}

/** If-None-Match against a feed's tags: `*`, or any listed tag (W/ ignored, as weak comparison wants). */
function matchesTag(header: string, feed: BuiltFeed): boolean {
  if (header.trim() === '*') return true;
  const tags = header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes(feed.etag) || tags.includes(feed.gzipEtag);
}

/**
 * Serves published calendars: unknown, rotated and stopped links are the same 404; each link has its
 * own rate limit; validators let pollers get 304s; gzip when asked. The token is never logged: logs
 * name the publication id.
 */
export class FeedService {
  private readonly limiter: RateLimiterAbstract;
  private readonly recorded = new Map<string, number>();

  constructor(private readonly deps: FeedServiceDeps) {
    const settings = { keyPrefix: 'feed', points: deps.ratePerMinute, duration: 60 };
    // SQLite means one instance: memory counts right there. The retention job clears expired rows.
    this.limiter = deps.pool
      ? new RateLimiterPostgres({ ...settings, storeClient: deps.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false })
      : new RateLimiterMemory(settings);
  }

  async handle(request: FeedRequest): Promise<FeedResponse> {
    const token = /^(.+)\.ics$/.exec(request.file)?.[1];
    if (!token || !isFeedTokenShape(token)) return notFound;
    const publication = await this.deps.publications.findActiveByToken(token);
    if (!publication) return notFound;
    try {
      await this.limiter.consume(publication.id);
    } catch (rejection) {
      const seconds = rejection instanceof RateLimiterRes ? Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) : 60;
      this.deps.logger?.warn({ publication: publication.id }, 'feed rate limit reached');
      return { status: 429, headers: { 'Retry-After': String(seconds), 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Too many requests\n') };
    }
    let feed: BuiltFeed;
    try {
      feed = await this.deps.cache.get(publication);
    } catch (error) {
      const stale = await this.deps.cache.stale(publication);
      this.deps.logger?.warn({ publication: publication.id, reason: isGraphError(error) ? error.reason : 'error', stale: Boolean(stale) }, 'feed not rebuilt');
      if (!stale) {
        const retryAfter = isGraphError(error) && error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : 60;
        return { status: 503, headers: { 'Retry-After': String(retryAfter), 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Try again later\n') };
      }
      feed = stale;
    }
    await this.recordFetch(publication.id);
    return this.respond(request, feed);
  }

  private async recordFetch(id: string): Promise<void> {
    const now = this.deps.clock.now();
    const last = this.recorded.get(id);
    if (last !== undefined && now.getTime() - last < fetchRecordMs) return;
    this.recorded.set(id, now.getTime());
    await this.deps.publications.markFetched(id, now);
  }

  private respond(request: FeedRequest, feed: BuiltFeed): FeedResponse {
    const gzip = acceptsGzip(request.acceptEncoding);
    const validators = {
      ETag: gzip ? feed.gzipEtag : feed.etag,
      'Last-Modified': feed.lastModified.toUTCString(),
      'Cache-Control': `private, max-age=${this.deps.cacheSeconds}`,
      Vary: 'Accept-Encoding',
    };
    const modifiedSince = request.ifModifiedSince ? Date.parse(request.ifModifiedSince) : Number.NaN;
    const notModified = request.ifNoneMatch !== undefined ? matchesTag(request.ifNoneMatch, feed) : !Number.isNaN(modifiedSince) && feed.lastModified.getTime() <= modifiedSince;
    if (notModified) return { status: 304, headers: validators };
    const body = gzip ? feed.gzip : feed.body;
    return {
      status: 200,
      headers: {
        ...validators,
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Length': String(body.length),
        ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
        'Content-Disposition': 'inline; filename="calendar.ics"',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'X-Robots-Tag': 'noindex',
      },
      body: request.method === 'HEAD' ? undefined : body,
    };
  }
}

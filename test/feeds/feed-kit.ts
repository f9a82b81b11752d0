import { createHash, randomBytes } from 'node:crypto';
import { ManualClock } from '../../src/clock';
import { startGraphEmulator, type RunningEmulator } from '../../src/emulator';
import { FeedFetcher } from '../../src/feeds/feed-fetcher';
import { appIdentityAccess } from '../../src/feeds/feed-graph-access';
import { FeedStore } from '../../src/feeds/feed-store';
import { FeedSync, type FeedSyncDeps } from '../../src/feeds/feed-sync';
import { createCalendarGateway } from '../../src/graph';
import type { CalendarGateway } from '../../src/graph/calendar-gateway';
import { LocalTokenProvider } from '../../src/graph/local-token-provider';
import { SecretBox } from '../../src/secrets/secret-box';
import type { AppDatabase } from '../../src/storage/database';
import { fakeResolver, startFeedServer, type FeedServer } from './feed-server';

/** A feed served locally whose content tests change; ETag and Last-Modified follow the content. */
export interface ServedFeed {
  content: string;
  /** Answer with this status instead (404, 410, 500...). */
  status?: number;
  etags: boolean;
}

export interface FeedKit {
  emulator: RunningEmulator;
  clock: ManualClock;
  server: FeedServer;
  gateway: CalendarGateway;
  store: FeedStore;
  secrets: SecretBox;
  /** The key `secrets` seals with, for rotation tests. */
  secretKey: { id: string; key: Buffer };
  waits: number[];
  /** Serves a feed at `path`; change the returned object to change what is served. */
  serve(path: string, feed: ServedFeed): ServedFeed;
  feedUrl(path: string, query?: string): string;
  sync(overrides?: Partial<FeedSyncDeps>): FeedSync;
  close(): Promise<void>;
}

export async function startFeedKit(database: AppDatabase): Promise<FeedKit> {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  const emulator = await startGraphEmulator({ clock, pageSize: 50 });
  const waits: number[] = [];
  const gateway = createCalendarGateway({
    baseUrl: emulator.baseUrl,
    tokenProvider: new LocalTokenProvider(),
    clock,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    },
  });
  const secretKey = { id: 'k1', key: randomBytes(32) };
  const secrets = new SecretBox([secretKey]);
  const store = new FeedStore(database.db, secrets, clock);
  const server = await startFeedServer();
  const serve = (path: string, feed: ServedFeed): ServedFeed => {
    server.route(path, (request, response) => {
      if (feed.status) return void response.writeHead(feed.status).end();
      const etag = `"${createHash('sha1').update(feed.content).digest('hex').slice(0, 12)}"`;
      if (feed.etags && request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', ...(feed.etags ? { etag } : {}) }).end(feed.content);
    });
    return feed;
  };
  const lookup = fakeResolver({ 'feeds.test': '127.0.0.1' });
  const fetcher = new FeedFetcher({ httpAllowedHosts: ['feeds.test'], allowLoopbackForTests: true, maxBytes: 10 * 1024 * 1024, timeoutMs: 5000, lookup });
  return {
    emulator,
    clock,
    server,
    gateway,
    store,
    secrets,
    secretKey,
    waits,
    serve,
    feedUrl: (path, query = '') => `http://feeds.test:${server.port}${path}${query}`,
    sync: (overrides = {}) => new FeedSync({ store, gateway, fetcher, graphAccess: appIdentityAccess, clock, instanceId: 'instance-a', random: () => 0, ...overrides }),
    close: async () => {
      await server.close();
      await emulator.close();
    },
  };
}

import { gzipSync } from 'node:zlib';
import { FeedFetcher, type FetchPolicy } from '../../src/feeds/feed-fetcher';
import { googleFeed } from './fixtures/ics-fixtures';
import { fakeResolver, startFeedServer, type FeedServer } from './feed-server';

describe('feed fetching, safely', () => {
  let server: FeedServer;
  let policy: FetchPolicy;
  const url = (host: string, path: string) => `http://${host}:${server.port}${path}`;
  /** Called when a request reaches the route that never answers. */
  let hanging: () => void = () => undefined;

  beforeAll(async () => {
    server = await startFeedServer();
    server.route('/cal.ics', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag: '"v1"', 'last-modified': 'Mon, 23 Nov 2026 08:00:00 GMT' }).end(googleFeed());
    });
    server.route('/page', (_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    // 50 MB of zeros in about 50 KB of gzip.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    server.route('/bomb.ics', (_, response) => response.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }).end(bomb));
    server.route('/gzip.ics', (_, response) => response.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' }).end(gzipSync(googleFeed())));
    server.route('/large.ics', (_, response) => response.writeHead(200, { 'content-type': 'text/calendar', 'content-length': String(5 * 1024 * 1024) }).end());
    server.route('/hang.ics', () => hanging());
    server.route('/gone.ics', (_, response) => response.writeHead(410).end());
    server.route('/private.ics', (request, response) => (request.headers.authorization === `Basic ${Buffer.from('ann:s3cret').toString('base64')}` ? response.writeHead(200, { 'content-type': 'text/calendar' }).end(googleFeed()) : response.writeHead(401).end()));
    for (let hop = 0; hop < 7; hop++) server.route(`/loop${hop}`, (_, response) => response.writeHead(302, { location: `/loop${hop + 1}` }).end());
    server.route('/to-metadata', (_, response) => response.writeHead(302, { location: 'https://169.254.169.254/latest/meta-data' }).end());
    server.route('/to-private-name', (_, response) => response.writeHead(302, { location: `http://inside.test:${server.port}/cal.ics` }).end());
    server.route('/to-https-other', (_, response) => response.writeHead(301, { location: `http://not-allowed.test:${server.port}/cal.ics` }).end());
    server.route('/to-self', (_, response) => response.writeHead(302, { location: `http://rebind.test:${server.port}/cal.ics` }).end());
  });
  afterAll(() => server.close());

  beforeEach(() => {
    policy = {
      httpAllowedHosts: ['feed.test', 'inside.test', 'rebind.test'],
      allowLoopbackForTests: true,
      maxBytes: 1024 * 1024,
      timeoutMs: 2000,
      lookup: fakeResolver({ 'feed.test': '127.0.0.1', 'inside.test': '10.1.2.3', 'rebind.test': ['127.0.0.1', '192.168.0.10'], 'not-allowed.test': '127.0.0.1' }),
    };
  });

  it('fetches a feed, then answers 304 with the stored ETag', async () => {
    const fetcher = new FeedFetcher(policy);
    const first = await fetcher.fetch({ url: url('feed.test', '/cal.ics') });
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"', lastModified: 'Mon, 23 Nov 2026 08:00:00 GMT', unusualType: false });
    expect(first.status === 'ok' && first.text).toContain('BEGIN:VCALENDAR');
    expect(await fetcher.fetch({ url: url('feed.test', '/cal.ics'), etag: '"v1"' })).toEqual({ status: 'notModified' });
    const gz = await fetcher.fetch({ url: url('feed.test', '/gzip.ics') });
    expect(gz.status === 'ok' && gz.text).toContain('Cup final');
  });

  it('sends credentials to the feed only', async () => {
    const fetcher = new FeedFetcher(policy);
    await expect(fetcher.fetch({ url: url('feed.test', '/private.ics') })).rejects.toMatchObject({ problem: 'unauthorized' });
    const ok = await fetcher.fetch({ url: url('feed.test', '/private.ics'), credentials: { kind: 'basic', user: 'ann', password: 's3cret' } });
    expect(ok.status).toBe('ok');
  });

  it.each([
    ['ftp://feed.test/cal.ics', 'badAddress'],
    ['not a url', 'badAddress'],
    ['http://elsewhere.example/cal.ics', 'insecure'],
    ['https://127.0.0.2/cal.ics', 'forbiddenAddress'],
    ['https://10.0.0.1/cal.ics', 'forbiddenAddress'],
    ['https://172.16.5.4/cal.ics', 'forbiddenAddress'],
    ['https://192.168.1.1/cal.ics', 'forbiddenAddress'],
    ['https://169.254.169.254/latest/meta-data', 'forbiddenAddress'],
    ['https://100.64.0.1/cal.ics', 'forbiddenAddress'],
    ['https://224.0.0.251/cal.ics', 'forbiddenAddress'],
    ['https://0.0.0.0/cal.ics', 'forbiddenAddress'],
    ['https://2130706434/cal.ics', 'forbiddenAddress'],
    ['https://0177.0.0.2/cal.ics', 'forbiddenAddress'],
    ['https://0x7f.0.0.2/cal.ics', 'forbiddenAddress'],
    ['https://[::ffff:127.0.0.1]/cal.ics', 'forbiddenAddress'],
    ['https://[::ffff:10.0.0.1]/cal.ics', 'forbiddenAddress'],
    ['https://[fe80::1]/cal.ics', 'forbiddenAddress'],
    ['https://[fc00::1]/cal.ics', 'forbiddenAddress'],
    ['https://[ff02::1]/cal.ics', 'forbiddenAddress'],
    ['https://[::]/cal.ics', 'forbiddenAddress'],
  ])('refuses %s (%s)', async (address, problem) => {
    await expect(new FeedFetcher(policy).fetch({ url: address })).rejects.toMatchObject({ problem });
  });

  it('refuses loopback itself outside the test-only setting, and reads webcal:// as https', async () => {
    const strict = new FeedFetcher({ ...policy, allowLoopbackForTests: false });
    await expect(strict.fetch({ url: url('feed.test', '/cal.ics') })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    await expect(strict.fetch({ url: 'https://127.0.0.1/cal.ics' })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    await expect(strict.fetch({ url: 'https://[::1]/cal.ics' })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    await expect(strict.fetch({ url: 'webcal://localhost/cal.ics' })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
  });

  it('checks the resolved address of a name before connecting, on every hop (no rebinding)', async () => {
    const lookup = policy.lookup as ReturnType<typeof fakeResolver>;
    await expect(new FeedFetcher(policy).fetch({ url: url('inside.test', '/cal.ics') })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    await expect(new FeedFetcher(policy).fetch({ url: url('feed.test', '/to-private-name') })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    await expect(new FeedFetcher(policy).fetch({ url: url('feed.test', '/to-metadata') })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    // rebind.test answers loopback first, then a private address: the second hop is refused.
    await expect(new FeedFetcher(policy).fetch({ url: url('rebind.test', '/to-self') })).rejects.toMatchObject({ problem: 'forbiddenAddress' });
    expect(lookup.calls.filter((name) => name === 'rebind.test')).toHaveLength(2);
    await expect(new FeedFetcher(policy).fetch({ url: url('feed.test', '/to-https-other') })).rejects.toMatchObject({ problem: 'insecure' });
  });

  it('stops after 5 redirects', async () => {
    await expect(new FeedFetcher(policy).fetch({ url: url('feed.test', '/loop0') })).rejects.toMatchObject({ problem: 'tooManyRedirects' });
  });

  it('caps size before and after decompression (gzip bomb), and refuses a web page or a missing feed', async () => {
    const fetcher = new FeedFetcher(policy);
    await expect(fetcher.fetch({ url: url('feed.test', '/bomb.ics') })).rejects.toMatchObject({ problem: 'tooBig' });
    await expect(fetcher.fetch({ url: url('feed.test', '/large.ics') })).rejects.toMatchObject({ problem: 'tooBig' });
    await expect(fetcher.fetch({ url: url('feed.test', '/page') })).rejects.toMatchObject({ problem: 'html' });
    await expect(fetcher.fetch({ url: url('feed.test', '/gone.ics') })).rejects.toMatchObject({ problem: 'gone', status: 410 });
  });

  it('gives up on a feed that never answers at the time limit (a hand-fired deadline, no waiting)', async () => {
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    const timers = { now: () => 1_000, schedule: (run: () => void, ms: number) => (scheduled.push({ run, ms }), () => undefined) };
    const arrived = new Promise<void>((resolve) => (hanging = resolve));
    const fetching = new FeedFetcher({ ...policy, timeoutMs: 30_000, timers }).fetch({ url: url('feed.test', '/hang.ics') });
    await arrived;
    expect(scheduled.map((timer) => timer.ms)).toEqual([30_000]);
    scheduled[0].run();
    await expect(fetching).rejects.toMatchObject({ problem: 'timeout' });
  });
});

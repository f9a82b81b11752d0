import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { allowedPrivateList, bareHost, checkFeedUrl, FeedAddressError, normaliseFeedUrl, type AddressPolicy } from './feed-address';

export type FetchProblem =
  | 'badAddress'
  | 'insecure'
  | 'forbiddenAddress'
  | 'tooManyRedirects'
  | 'timeout'
  | 'tooBig'
  | 'html'
  | 'gone'
  | 'unauthorized'
  | 'httpError'
  | 'network';

/** Why a feed could not be fetched. The message never holds the URL (it may carry a token). */
export class FeedFetchError extends Error {
  constructor(
    readonly problem: FetchProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export type FeedCredentials = { kind: 'basic'; user: string; password: string } | { kind: 'token'; token: string };

export interface FeedRequest {
  url: string;
  credentials?: FeedCredentials;
  /** Validators from the last 200: the server answers 304 when nothing changed. */
  etag?: string;
  lastModified?: string;
}

export type FeedResponse =
  | { status: 'notModified' }
  /** `unusualType`: served as something other than a calendar type (the body decides). */
  | { status: 'ok'; text: string; etag?: string; lastModified?: string; contentType?: string; unusualType: boolean };

/** The clock of a fetch's deadline: real timers, or a hand-fired one in tests (no waiting for timing). */
export interface FetchTimers {
  now(): number;
  /** Runs `run` after `ms`; returns how to cancel it. */
  schedule(run: () => void, ms: number): () => void;
}

const realTimers: FetchTimers = {
  now: () => Date.now(),
  schedule: (run, ms) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export interface FetchPolicy extends AddressPolicy {
  maxBytes: number;
  timeoutMs: number;
  timers?: FetchTimers;
  maxRedirects?: number;
  /** DNS resolution (tests inject a stand-in); every answer is checked before the socket connects to it. */
  lookup?: LookupFunction;
}

const redirects = new Set([301, 302, 303, 307, 308]);
const calendarTypes = /^(text\/calendar|application\/(ics|calendar|octet-stream|x-ical|x-calendar)|text\/plain|text\/x-vcalendar)$/i;

/**
 * Fetches a feed the safe way: every hop's URL checked (scheme, allowed http hosts, address literals),
 * every resolved address checked by request-filtering-agent in the socket's own lookup, so the
 * connection goes to the address that was checked (no DNS rebinding between check and connect);
 * at most 5 redirects, one deadline for all, size capped before and after decompression.
 */
export class FeedFetcher {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly timers: FetchTimers;

  constructor(private readonly policy: FetchPolicy) {
    const filter = { allowPrivateIPAddress: false, allowMetaIPAddress: false, allowIPAddressList: allowedPrivateList(policy) };
    this.httpAgent = new RequestFilteringHttpAgent({ ...filter, keepAlive: false });
    this.httpsAgent = new RequestFilteringHttpsAgent({ ...filter, keepAlive: false });
    this.timers = policy.timers ?? realTimers;
  }

  async fetch(request: FeedRequest): Promise<FeedResponse> {
    let url = this.checked(() => normaliseFeedUrl(request.url));
    const origin = url.origin;
    const deadline = this.timers.now() + this.policy.timeoutMs;
    for (let hop = 0; ; hop++) {
      this.checked(() => checkFeedUrl(url, this.policy));
      // Credentials go to the feed's own origin only, never to where it redirects.
      const sameOrigin = url.origin === origin;
      const response = await this.get(url, { ...request, credentials: sameOrigin ? request.credentials : undefined }, deadline, hop === 0);
      if (response.kind === 'redirect') {
        if (hop >= (this.policy.maxRedirects ?? 5)) throw new FeedFetchError('tooManyRedirects', 'The feed redirects too many times');
        url = this.checked(() => {
          const next = new URL(response.location, url);
          if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new FeedAddressError('badAddress', 'Redirect to another scheme');
          return next;
        });
        continue;
      }
      return response.value;
    }
  }

  private checked<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof FeedAddressError) throw new FeedFetchError(error.problem, error.message);
      throw error;
    }
  }

  private get(url: URL, request: FeedRequest, deadline: number, conditional: boolean): Promise<{ kind: 'redirect'; location: string } | { kind: 'done'; value: FeedResponse }> {
    const headers: Record<string, string> = { accept: 'text/calendar, application/ics;q=0.9, */*;q=0.1', 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'CalendarSharingAssistant/1 (feed sync)' };
    if (conditional && request.etag) headers['if-none-match'] = request.etag;
    if (conditional && request.lastModified) headers['if-modified-since'] = request.lastModified;
    const credentials = request.credentials;
    if (credentials?.kind === 'basic') headers.authorization = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    if (credentials?.kind === 'token') headers.authorization = `Bearer ${credentials.token}`;
    const secure = url.protocol === 'https:';
    const client = secure ? https : http;
    return new Promise((resolve, reject) => {
      const remaining = deadline - this.timers.now();
      if (remaining <= 0) {
        reject(new FeedFetchError('timeout', 'The feed took too long to answer'));
        return;
      }
      const req = client.request(
        {
          protocol: url.protocol,
          host: bareHost(url),
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
          ...(this.policy.lookup ? { lookup: this.policy.lookup } : {}),
        },
        (response) => {
          this.answer(response, resolve, reject, conditional);
        },
      );
      const cancel = this.timers.schedule(() => req.destroy(new FeedFetchError('timeout', 'The feed took too long to answer')), remaining);
      req.on('close', cancel);
      req.on('error', (error) => {
        cancel();
        if (error instanceof FeedFetchError) reject(error);
        else if (/is not allowed/i.test(error.message)) reject(new FeedFetchError('forbiddenAddress', 'The feed resolves to an address that is not a public one'));
        else reject(new FeedFetchError('network', `The feed could not be reached (${(error as NodeJS.ErrnoException).code ?? error.name})`));
      });
      req.end();
    });
  }

  private answer(
    response: IncomingMessage,
    resolve: (value: { kind: 'redirect'; location: string } | { kind: 'done'; value: FeedResponse }) => void,
    reject: (error: Error) => void,
    conditional: boolean,
  ): void {
    const status = response.statusCode ?? 0;
    const fail = (error: FeedFetchError) => {
      response.destroy();
      reject(error);
    };
    if (redirects.has(status) && response.headers.location) {
      response.resume();
      resolve({ kind: 'redirect', location: response.headers.location });
      return;
    }
    if (status === 304 && conditional) {
      response.resume();
      resolve({ kind: 'done', value: { status: 'notModified' } });
      return;
    }
    if (status === 401 || status === 403) return fail(new FeedFetchError('unauthorized', 'The feed refused the credentials', status));
    if (status === 404 || status === 410) return fail(new FeedFetchError('gone', 'The feed is not there any more', status));
    if (status < 200 || status >= 300) return fail(new FeedFetchError('httpError', `The feed answered HTTP ${status}`, status));
    const contentType = (response.headers['content-type'] ?? '').split(';')[0].trim();
    if (/html/i.test(contentType)) return fail(new FeedFetchError('html', 'The address gives a web page, not a calendar'));
    const declared = Number(response.headers['content-length'] ?? 0);
    if (declared > this.policy.maxBytes) return fail(new FeedFetchError('tooBig', 'The feed is larger than allowed'));
    const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
    const decoder = encoding === 'gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
    const body = decoder ? response.pipe(decoder) : response;
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Decompressed bytes count: a small gzip bomb stops here, not in memory.
      if (size > this.policy.maxBytes) {
        decoder?.destroy();
        fail(new FeedFetchError('tooBig', 'The feed is larger than allowed'));
        return;
      }
      chunks.push(chunk);
    });
    body.on('error', () => fail(new FeedFetchError('network', 'The feed could not be read')));
    body.on('end', () => {
      if (size > this.policy.maxBytes) return;
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({
        kind: 'done',
        value: {
          status: 'ok',
          text,
          etag: typeof response.headers.etag === 'string' ? response.headers.etag : undefined,
          lastModified: typeof response.headers['last-modified'] === 'string' ? response.headers['last-modified'] : undefined,
          contentType: contentType || undefined,
          unusualType: contentType !== '' && !calendarTypes.test(contentType),
        },
      });
    });
  }
}

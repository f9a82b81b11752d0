import { Client } from '@microsoft/microsoft-graph-client';
import { systemClock, type Clock } from '../clock';
import type { TokenProvider } from './calendar-gateway';
import { silentLogger, type GraphLogger } from './graph-logger';
import { AuthMiddleware } from './middleware/auth-middleware';
import { MailboxLimiter } from './middleware/mailbox-limiter';
import { MailboxLimitMiddleware } from './middleware/mailbox-limit-middleware';
import { RequestIdMiddleware } from './middleware/request-id-middleware';
import { RetryMiddleware } from './middleware/retry-middleware';
import { RetryPolicy, realSleep, type Sleep } from './middleware/retry-policy';
import { undiciTransport, type HttpTransport } from './middleware/http-transport';
import { TransportMiddleware } from './middleware/transport-middleware';

export interface GraphClientOptions {
  /** Graph root with its version: `https://graph.microsoft.com/v1.0`, or the emulator's `baseUrl`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Deadline of one HTTP attempt, body included. Default 10 s. */
  timeoutMs?: number;
  /** Retries of a 429/503/504 after the first attempt. Default 3. */
  maxRetries?: number;
  /** Longest total wait between attempts of one call; beyond it the call fails at once with retryAfterMs. Default 30 s. */
  maxTotalWaitMs?: number;
  /** Requests in flight per mailbox. Default 4 (Exchange's limit per app per mailbox). */
  maxConcurrentPerMailbox?: number;
  /** How the retry middleware waits; tests pass a recorder. */
  sleep?: Sleep;
  /** Reads HTTP-date Retry-After headers. */
  clock?: Clock;
  /** Backoff jitter source in [0, 1). */
  random?: () => number;
  /** The HTTP transport (undici's `request` on a keep-alive pool by default); tests may wrap one to observe traffic. */
  transport?: HttpTransport;
  logger?: GraphLogger;
}

/** The one Graph client of a gateway, and what the gateway shares with its middleware. */
export interface GraphClientBundle {
  client: Client;
  /** Normalised base URL (no trailing slash). */
  baseUrl: string;
  retryPolicy: RetryPolicy;
  clock: Clock;
  logger: GraphLogger;
}

/**
 * Builds the gateway's single Graph client with its middleware chain:
 * request id (a `client-request-id` per call, failures logged with it) → retry (429/503/504, Retry-After) → auth (a token per attempt) → per-mailbox concurrency limit → HTTP with a deadline.
 */
export function createGraphClient(options: GraphClientOptions): GraphClientBundle {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { host, version } = splitBaseUrl(baseUrl);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const retryPolicy = new RetryPolicy({
    maxRetries: options.maxRetries ?? 3,
    maxTotalWaitMs: options.maxTotalWaitMs ?? 30_000,
    clock,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  });
  const transport = options.transport ?? undiciTransport();

  const client = Client.initWithMiddleware({
    baseUrl: host,
    defaultVersion: version,
    middleware: [
      new RequestIdMiddleware(baseUrl, logger),
      new RetryMiddleware(retryPolicy, baseUrl, logger),
      new AuthMiddleware(options.tokenProvider, baseUrl),
      new MailboxLimitMiddleware(new MailboxLimiter(options.maxConcurrentPerMailbox ?? 4), baseUrl),
      new TransportMiddleware(transport, options.timeoutMs ?? 10_000, baseUrl, logger),
    ],
  });
  return { client, baseUrl, retryPolicy, clock, logger };
}

/** `https://host/prefix/v1.0` → host `https://host/prefix`, version `v1.0`: the client joins them back per request. */
function splitBaseUrl(baseUrl: string): { host: string; version: string } {
  const url = new URL(baseUrl);
  const slash = url.pathname.lastIndexOf('/');
  const version = url.pathname.slice(slash + 1);
  if (version === '') throw new Error(`Graph base URL needs a version segment (…/v1.0): ${baseUrl}`);
  return { host: `${url.origin}${url.pathname.slice(0, slash)}`, version };
}

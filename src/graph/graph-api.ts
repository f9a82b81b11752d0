import { randomUUID } from 'node:crypto';
import { Client, GraphError as ClientGraphError, type GraphRequest } from '@microsoft/microsoft-graph-client';
import type { Caller } from './calendar-gateway';
import { GraphError, graphErrorFromResponse, pathForLog } from './graph-error';
import { silentLogger, type GraphLogger } from './graph-logger';
import { pathForCaller } from './graph-paths';
import { MailboxKeys } from './mailbox-keys';
import { GraphRequestContext } from './middleware/request-context';
import { clientRequestIdHeader } from './middleware/request-id-middleware';
import { parseRetryAfter } from './middleware/retry-after';
import type { Clock } from '../clock';

export interface ReadOptions {
  headers?: Record<string, string>;
}

export interface CollectionOptions extends ReadOptions {
  /** Stop following pages once this many items are in. */
  limit?: number;
}

/** One page of a Graph collection. */
export interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** One request inside a `$batch`. */
export interface BatchRequestItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

/** Graph's answer to one request of a `$batch`, with the ids support would ask about. */
export interface BatchResponseItem<B = unknown> {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: B;
  /** The `client-request-id` the inner request went out with. */
  clientRequestId?: string;
  /** The `request-id` Graph gave the inner answer, when it gave one. */
  requestId?: string;
}

/** A header of a `$batch` inner answer, whatever its case. */
export function headerOf(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/**
 * The gateway's only way to Graph: one shared client, a caller on every request, errors mapped once, and
 * `@odata.nextLink` followed for every collection. Paths are relative to the version segment (`/me/...`).
 */
export class GraphApi {
  /** Directory ids behind the addresses paths name mailboxes by (see MailboxKeys). */
  readonly mailboxes: MailboxKeys;

  constructor(
    private readonly client: Client,
    /** Absolute base with the version segment, without trailing slash. */
    readonly baseUrl: string,
    private readonly clock: Clock,
    private readonly logger: GraphLogger = silentLogger,
  ) {
    this.mailboxes = new MailboxKeys((caller, path) => this.getAll(caller, path), clock);
  }

  /** Paths as they go on the wire: `/me` for the app identity and address-keyed mailboxes named by directory id. */
  async wirePaths(caller: Caller, paths: readonly string[]): Promise<string[]> {
    return this.mailboxes.rewrite(
      caller,
      paths.map((path) => pathForCaller(caller, path)),
    );
  }

  async get<T>(caller: Caller, path: string, options: ReadOptions = {}): Promise<T> {
    return this.send<T>(caller, 'GET', path, (request) => withHeaders(request, options.headers).get());
  }

  /** All items of a collection, page after page (the same headers go with every page). */
  async getAll<T>(caller: Caller, path: string, options: CollectionOptions = {}): Promise<T[]> {
    const first = await this.get<GraphPage<T>>(caller, path, options);
    return this.rest(caller, first, options);
  }

  /** The pages after `first`, for a first page read some other way (in a `$batch`). */
  async rest<T>(caller: Caller, first: GraphPage<T>, options: CollectionOptions = {}): Promise<T[]> {
    const items = [...(first.value ?? [])];
    let nextLink = first['@odata.nextLink'];
    while (nextLink && (options.limit === undefined || items.length < options.limit)) {
      const page: GraphPage<T> = await this.get<GraphPage<T>>(caller, this.relative(nextLink), options);
      items.push(...(page.value ?? []));
      nextLink = page['@odata.nextLink'];
    }
    return options.limit === undefined ? items : items.slice(0, options.limit);
  }

  async post<T>(caller: Caller, path: string, body: unknown, options: ReadOptions & { mailbox?: string } = {}): Promise<T> {
    return this.send<T>(caller, 'POST', path, (request) => withHeaders(request, options.headers).post(body), options.mailbox);
  }

  async patch<T>(caller: Caller, path: string, body: unknown): Promise<T> {
    return this.send<T>(caller, 'PATCH', path, (request) => request.patch(body));
  }

  async delete(caller: Caller, path: string): Promise<void> {
    await this.send<unknown>(caller, 'DELETE', path, (request) => request.delete());
  }

  /**
   * One `$batch` POST (counted against the caller's mailbox). Every inner request gets its own `client-request-id`
   * as the outer one does; each failed inner answer is logged once with it and Graph's `request-id`.
   */
  async batch<B = unknown>(caller: Caller, requests: BatchRequestItem[]): Promise<Array<BatchResponseItem<B>>> {
    const named = requests.map((request) => ({
      ...request,
      headers: { ...request.headers, [clientRequestIdHeader]: headerOf(request.headers, clientRequestIdHeader) ?? randomUUID() },
    }));
    const sent = new Map(named.map((request) => [request.id, request]));
    const answer = await this.post<{ responses?: Array<BatchResponseItem<B>> }>(caller, '/$batch', { requests: named }, { mailbox: caller.userId });
    return (answer.responses ?? []).map((response) => {
      const request = sent.get(response.id);
      const clientRequestId = request?.headers[clientRequestIdHeader];
      const requestId = headerOf(response.headers, 'request-id');
      if (response.status >= 400) {
        const code = (response.body as { error?: { code?: string } } | undefined)?.error?.code;
        this.logger.warn({ method: request?.method, path: pathForLog(request?.url ?? ''), status: response.status, code, clientRequestId, requestId, inBatch: true }, 'Graph call failed');
      }
      return { ...response, clientRequestId, requestId };
    });
  }

  /** A nextLink as a path under our base URL; a link elsewhere is refused (it would receive the caller's token). */
  relative(link: string): string {
    if (link.startsWith(this.baseUrl)) return link.slice(this.baseUrl.length);
    if (link.startsWith('/')) return link;
    throw new GraphError('invalidRequest', 'Graph returned a nextLink outside the configured base URL');
  }

  private async send<T>(caller: Caller, method: string, path: string, run: (request: GraphRequest) => Promise<unknown>, mailbox?: string): Promise<T> {
    const context = new GraphRequestContext(caller, mailbox);
    try {
      const [wirePath] = await this.wirePaths(caller, [path]);
      const request = this.client.api(wirePath).middlewareOptions([context]);
      const result: unknown = await run(request);
      return result as T;
    } catch (error) {
      const failure = context.failure ?? this.toGraphError(error, method, path);
      failure.clientRequestId ??= context.clientRequestId;
      failure.requestId ??= context.requestId;
      throw failure;
    }
  }

  private toGraphError(error: unknown, method: string, path: string): GraphError {
    if (error instanceof GraphError) return error;
    if (error instanceof ClientGraphError) {
      return graphErrorFromResponse({
        status: error.statusCode,
        code: error.code ?? undefined,
        message: error.message,
        method,
        path,
        retryAfterMs: parseRetryAfter(error.headers?.get('retry-after'), this.clock.now()),
      });
    }
    return new GraphError('unavailable', `Graph ${method} failed before an answer: ${error instanceof Error ? error.name : 'unknown'}`);
  }
}

function withHeaders(request: GraphRequest, headers: Record<string, string> | undefined): GraphRequest {
  return headers ? request.headers(headers) : request;
}

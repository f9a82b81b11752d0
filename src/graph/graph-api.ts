import { Client, GraphError as ClientGraphError, type GraphRequest } from '@microsoft/microsoft-graph-client';
import type { Caller } from './calendar-gateway';
import { GraphError, graphErrorFromResponse } from './graph-error';
import { pathForCaller } from './graph-paths';
import { MailboxKeys } from './mailbox-keys';
import { GraphRequestContext } from './middleware/request-context';
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
      throw context.failure ?? this.toGraphError(error, method, path);
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

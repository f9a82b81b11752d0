import type { Context, MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import type { Caller } from '../calendar-gateway';
import type { GraphError } from '../graph-error';

/**
 * What one gateway call tells the middleware chain: whose token to use, which mailbox it counts against, and
 * where the chain leaves a failure it already classified (timeout, gave up retrying). The Graph client wraps
 * errors thrown inside middleware into its own error type, so the failure travels back through here instead.
 */
export class GraphRequestContext implements MiddlewareOptions {
  failure?: GraphError;
  /** The `client-request-id` this call went out with. */
  clientRequestId?: string;
  /** The `request-id` Graph answered a failed call with. */
  requestId?: string;

  constructor(
    readonly caller: Caller,
    /** Overrides the mailbox found in the URL (a `$batch` counts against the caller's). */
    readonly mailbox?: string,
  ) {}
}

/** The call's context, put there by the gateway through `GraphRequest.middlewareOptions`. */
export function requestContextOf(context: Context): GraphRequestContext | undefined {
  const option = context.middlewareControl?.getMiddlewareOptions(GraphRequestContext);
  return option instanceof GraphRequestContext ? option : undefined;
}

/** The absolute URL of the request, whatever form the client passed it in. */
export function requestUrl(context: Context): string {
  const request: unknown = context.request;
  if (typeof request === 'string') return request;
  if (request instanceof URL) return request.href;
  if (request instanceof Request) return request.url;
  throw new TypeError('Unsupported request type in the Graph middleware chain');
}

export function requestMethod(context: Context): string {
  return (context.options?.method ?? 'GET').toUpperCase();
}

/** The path after the version segment (`/me/calendars?$select=...`), given the configured base URL. */
export function pathAfterBase(url: string, baseUrl: string): string {
  return url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : new URL(url).pathname;
}

/** A request's headers as a plain record, names in lower case, whatever form the client or a middleware left them in. */
export function headerRecord(headers: RequestInit['headers'] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  const entries = headers instanceof Headers || Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [name, value] of entries as Iterable<[string, string | readonly string[]]>) record[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  return record;
}

/** The context's request options with one header set (a copy: the client may reuse the options it passed). */
export function withHeader(context: Context, name: string, value: string): void {
  context.options = { ...context.options, headers: { ...headerRecord(context.options?.headers), [name.toLowerCase()]: value } };
}

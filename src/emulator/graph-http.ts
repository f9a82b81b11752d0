/** The emulator's transport-free request and response, shared by HTTP and $batch inner requests. */

export interface GraphRequest {
  method: string;
  /** The path after /v1.0, as the client sent it (before /me is expanded), e.g. "/me/calendars". */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  body: unknown;
  /**
   * The service root the client addressed (scheme, host, a proxy's prefix, `/v1.0`): what absolute
   * `@odata.nextLink` and `@odata.context` values start with, so they lead back through the same proxy.
   */
  serviceRoot: string;
  /** True for a request inside a $batch. */
  inBatch: boolean;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A Graph failure, answered with Graph's envelope: {"error":{"code","message"}}. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphApiError';
  }
}

export const accessDenied = (message = 'Access is denied. Check credentials and try again.'): GraphApiError =>
  new GraphApiError(403, 'ErrorAccessDenied', message);

export const itemNotFound = (): GraphApiError =>
  new GraphApiError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

export const invalidUser = (id: string): GraphApiError =>
  new GraphApiError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);

export const invalidParameter = (message: string): GraphApiError => new GraphApiError(400, 'ErrorInvalidParameter', message);

export const invalidRequest = (message: string): GraphApiError => new GraphApiError(400, 'ErrorInvalidRequest', message);

export const json = (status: number, body: unknown, headers?: Record<string, string>): GraphResponse => ({ status, body, headers });

export const noContent = (status = 204): GraphResponse => ({ status });

/** The body as a plain object, or a 400 like Graph's for a missing or non-object payload. */
export function objectBody(request: GraphRequest): Record<string, unknown> {
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GraphApiError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return body as Record<string, unknown>;
}

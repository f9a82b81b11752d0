import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { faultCode, faultMessage, faultStatus, type FaultRegistry } from './faults';
import { GraphApiError, type GraphRequest, type GraphResponse } from './graph-http';
import type { DirectoryUser } from './org-schema';
import { odataContext } from './odata-context';
import { queryOption } from './odata';
import { matchRoute, type Route } from './router';
import type { EmulatorStore } from './state-store';
import { userIdFromToken } from './token';
import type { EntraGraphAuth } from './entra/graph-authorization';

/** One handled Graph request, for tests that count calls. `status` is 0 for a request left hanging. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** Decoded, e.g. "$select=id,name&$top=5". */
  query: string;
  status: number;
  inBatch: boolean;
  at: string;
  /** The `client-request-id` header the client sent, if any. */
  clientRequestId?: string;
  /** The `Prefer` header the client sent, if any. */
  prefer?: string;
}

export interface DispatcherDeps {
  store: EmulatorStore;
  faults: FaultRegistry;
  routes: Route[];
  pageSize: number;
  logger: Logger;
  /** Waits for an injected latency; the HTTP layer cancels pending waits on close. */
  delay(ms: number): Promise<void>;
  /** "entra" mode: Entra-signed tokens, checked like Graph does. Without it, the emulator's `emu.` tokens. */
  entra?: EntraGraphAuth;
}

interface RequestIds {
  'request-id': string;
  'client-request-id': string;
}

/** Every /v1.0 request, outer or inside a $batch, goes through here: faults, auth, routing, log. */
export class GraphDispatcher {
  readonly log: RequestLogEntry[] = [];

  constructor(private readonly deps: DispatcherDeps) {}

  /**
   * Graph names each request with a `request-id` and echoes the client's `client-request-id` (its own id when the
   * client sent none), in headers and in the innerError of a failure: what a support case quotes.
   */
  async dispatch(request: GraphRequest): Promise<GraphResponse> {
    const requestId = randomUUID();
    const ids = { 'request-id': requestId, 'client-request-id': request.headers['client-request-id'] ?? requestId };
    const response = await this.answer(request, ids);
    return { ...response, headers: { ...response.headers, ...ids } };
  }

  private async answer(request: GraphRequest, ids: RequestIds): Promise<GraphResponse> {
    const fault = this.deps.faults.take(request.method, request.path);
    if (fault?.hang) {
      this.record(request, 0);
      return new Promise<GraphResponse>(() => undefined);
    }
    if (fault?.latencyMs) await this.deps.delay(fault.latencyMs);
    const status = fault && faultStatus(fault);
    let response: GraphResponse;
    if (fault && status !== undefined) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
      response = this.errorResponse(ids, new GraphApiError(status, faultCode(fault, status), faultMessage(fault, status), headers));
    } else {
      response = await this.handle(request, ids);
    }
    this.record(request, response.status);
    return response;
  }

  private async handle(request: GraphRequest, ids: RequestIds): Promise<GraphResponse> {
    try {
      const segments = request.path.split('/').filter((segment) => segment.length > 0);
      const caller = this.deps.entra ? this.deps.entra.authorize(request, segments, this.deps.store) : this.authenticate(request);
      // `/me` is shorthand for the signed-in user's /users/{id}.
      if (segments[0]?.toLowerCase() === 'me') segments.splice(0, 1, 'users', caller.id);
      const { route, params } = matchRoute(this.deps.routes, request.method, segments);
      const response = await route.handler({
        request,
        params,
        caller,
        store: this.deps.store,
        pageSize: this.deps.pageSize,
        dispatch: (inner) => this.dispatch(inner),
      });
      return withContext(request, route.pattern, params, response);
    } catch (error) {
      if (error instanceof GraphApiError) return this.errorResponse(ids, error);
      this.deps.logger.error({ err: error, method: request.method, path: request.path }, 'emulator route failed');
      return this.errorResponse(ids, new GraphApiError(500, 'InternalServerError', 'An internal server error occurred.'));
    }
  }

  private authenticate(request: GraphRequest): DirectoryUser {
    const header = request.headers.authorization;
    if (!header) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const userId = userIdFromToken(header.replace(/^Bearer\s+/i, ''));
    const user = userId === undefined ? undefined : this.deps.store.org.users.find((candidate) => candidate.id === userId);
    if (!user) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    return user;
  }

  /** Graph's envelope, with the innerError block clients log for support cases. */
  private errorResponse(ids: RequestIds, error: GraphApiError): GraphResponse {
    return {
      status: error.status,
      headers: error.headers,
      body: {
        error: {
          code: error.code,
          message: error.message,
          innerError: {
            date: this.deps.store.clock.now().toISOString().replace(/\.\d{3}Z$/, ''),
            ...ids,
          },
        },
      },
    };
  }

  private record(request: GraphRequest, status: number): void {
    const entry: RequestLogEntry = {
      method: request.method,
      path: request.path,
      query: [...request.query].map(([key, value]) => `${key}=${value}`).join('&'),
      status,
      inBatch: request.inBatch,
      at: this.deps.store.clock.now().toISOString(),
      ...(request.headers['client-request-id'] ? { clientRequestId: request.headers['client-request-id'] } : {}),
      ...(request.headers.prefer ? { prefer: request.headers.prefer } : {}),
    };
    this.log.push(entry);
    this.deps.logger.debug({ method: entry.method, path: entry.path, status, inBatch: entry.inBatch }, 'graph request');
  }
}

/** Every successful JSON body gets its `@odata.context` first, as Graph writes it. */
function withContext(request: GraphRequest, pattern: string, params: Record<string, string>, response: GraphResponse): GraphResponse {
  const body = response.body;
  if (response.status >= 300 || typeof body !== 'object' || body === null || Array.isArray(body)) return response;
  const record = body as Record<string, unknown>;
  if ('@odata.context' in record) return response;
  const context = odataContext({ serviceRoot: request.serviceRoot, pattern, params, select: queryOption(request, 'select'), body: record });
  return context === undefined ? response : { ...response, body: { '@odata.context': context, ...record } };
}

import type { Context } from '@microsoft/microsoft-graph-client';
import { GraphError, pathForLog } from '../graph-error';
import type { GraphLogger } from '../graph-logger';
import { ChainedMiddleware } from './chained-middleware';
import { BufferedResponse, type HttpTransport } from './http-transport';
import { headerRecord, pathAfterBase, requestContextOf, requestMethod, requestUrl } from './request-context';

/**
 * Sends one attempt over HTTP with a deadline. The body is read inside the deadline too (Graph answers are
 * small JSON), so a server that stalls mid-body cannot hang a bot turn.
 */
export class TransportMiddleware extends ChainedMiddleware {
  constructor(
    private readonly transport: HttpTransport,
    private readonly timeoutMs: number,
    private readonly baseUrl: string,
    private readonly logger: GraphLogger,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    const method = requestMethod(context);
    const path = pathForLog(pathAfterBase(url, this.baseUrl));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const startedAt = Date.now();
    try {
      const answer = await this.transport(url, { method, headers: headerRecord(context.options?.headers), body: bodyOf(context.options?.body), signal: controller.signal });
      // The client reads only this part of a Response (see BufferedResponse).
      const response = new BufferedResponse(answer) as unknown as Response;
      context.response = response;
      this.logger.debug({ method, path, status: response.status, ms: Date.now() - startedAt }, 'Graph call');
    } catch (error) {
      const failure = controller.signal.aborted
        ? new GraphError('timeout', `Graph ${method} ${path} took longer than ${this.timeoutMs} ms`)
        : new GraphError('unavailable', `Graph ${method} ${path} could not be reached: ${networkCause(error)}`);
      const call = requestContextOf(context);
      if (call) call.failure = failure;
      this.logger.debug({ method, path, reason: failure.reason, ms: Date.now() - startedAt }, 'Graph call not answered');
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The serialized body the Graph client built (JSON text for every gateway call). */
function bodyOf(body: RequestInit['body'] | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('Unsupported request body type in the Graph middleware chain');
}

/** The network error's code (ECONNREFUSED...), never the request it carried. */
function networkCause(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}

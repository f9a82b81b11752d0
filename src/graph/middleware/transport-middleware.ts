import type { Context } from '@microsoft/microsoft-graph-client';
import { GraphError, pathForLog } from '../graph-error';
import type { GraphLogger } from '../graph-logger';
import { ChainedMiddleware } from './chained-middleware';
import { pathAfterBase, requestContextOf, requestMethod, requestUrl } from './request-context';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * Sends one attempt over HTTP with a deadline. The body is read inside the deadline too (Graph answers are
 * small JSON), so a server that stalls mid-body cannot hang a bot turn.
 */
export class TransportMiddleware extends ChainedMiddleware {
  constructor(
    private readonly fetchImpl: Fetch,
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
      const response = await this.fetchImpl(url, { ...context.options, signal: controller.signal });
      const hasBody = ![101, 204, 205, 304].includes(response.status);
      const body = hasBody ? await response.arrayBuffer() : null;
      context.response = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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

/** The network error's code (ECONNREFUSED...), never the request it carried. */
function networkCause(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return error instanceof Error ? error.name : 'unknown error';
}

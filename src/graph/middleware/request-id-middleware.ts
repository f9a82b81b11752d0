import { randomUUID } from 'node:crypto';
import type { Context } from '@microsoft/microsoft-graph-client';
import { pathForLog } from '../graph-error';
import type { GraphLogger } from '../graph-logger';
import { ChainedMiddleware } from './chained-middleware';
import { headerRecord, pathAfterBase, requestContextOf, requestMethod, requestUrl, withHeader } from './request-context';

/** The header Microsoft support asks for: the client's own id of a request, a GUID. */
export const clientRequestIdHeader = 'client-request-id';

/**
 * The outermost link: names each call with a fresh `client-request-id` (kept across its retries, so support sees
 * one request), and logs a failed call once with that id and the `request-id` Graph answered with.
 */
export class RequestIdMiddleware extends ChainedMiddleware {
  constructor(
    private readonly baseUrl: string,
    private readonly logger: GraphLogger,
    private readonly newId: () => string = randomUUID,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const clientRequestId = headerRecord(context.options?.headers)[clientRequestIdHeader] ?? this.newId();
    withHeader(context, clientRequestIdHeader, clientRequestId);
    const call = requestContextOf(context);
    if (call) call.clientRequestId = clientRequestId;
    const what = { method: requestMethod(context), path: pathForLog(pathAfterBase(requestUrl(context), this.baseUrl)) };
    try {
      await this.next(context);
    } catch (error) {
      this.logger.warn({ ...what, reason: call?.failure?.reason ?? 'unavailable', clientRequestId }, 'Graph call failed');
      throw error;
    }
    const response = context.response;
    if (!response || response.status < 400) return;
    const requestId = response.headers.get('request-id') ?? undefined;
    if (call) call.requestId = requestId;
    this.logger.warn({ ...what, status: response.status, code: await errorCodeOf(response), clientRequestId, requestId }, 'Graph call failed');
  }
}

/** Graph's error code from a failed answer, read from a copy so the client still reads the body. */
async function errorCodeOf(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : undefined;
  } catch {
    return undefined;
  }
}

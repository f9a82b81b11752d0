import type { Context } from '@microsoft/microsoft-graph-client';
import type { TokenProvider } from '../calendar-gateway';
import { GraphError, graphErrorFromTokenFailure } from '../graph-error';
import { ChainedMiddleware } from './chained-middleware';
import { requestContextOf, requestUrl, withHeader } from './request-context';

/**
 * Puts the caller's token on each attempt (the provider caches; asking again lets a refreshed token in).
 * A token only ever goes to the configured Graph origin, even if a nextLink pointed elsewhere.
 */
export class AuthMiddleware extends ChainedMiddleware {
  private readonly graphOrigin: string;

  constructor(
    private readonly tokenProvider: TokenProvider,
    baseUrl: string,
  ) {
    super();
    this.graphOrigin = new URL(baseUrl).origin;
  }

  async execute(context: Context): Promise<void> {
    const call = requestContextOf(context);
    if (!call) throw new GraphError('invalidRequest', 'Graph request sent without a caller');
    if (new URL(requestUrl(context)).origin !== this.graphOrigin) {
      call.failure = new GraphError('invalidRequest', 'Refused to send a Graph token outside the configured Graph origin');
      throw call.failure;
    }

    let token: string;
    try {
      token = await this.tokenProvider.getToken(call.caller);
    } catch (error) {
      call.failure = graphErrorFromTokenFailure(error);
      throw call.failure;
    }
    withHeader(context, 'authorization', `Bearer ${token}`);
    await this.next(context);
    if (context.response?.status === 401) this.tokenProvider.rejected?.(call.caller);
  }
}

import type { Context } from '@microsoft/microsoft-graph-client';
import { pathForLog } from '../graph-error';
import type { GraphLogger } from '../graph-logger';
import { ChainedMiddleware } from './chained-middleware';
import { pathAfterBase, requestContextOf, requestMethod, requestUrl } from './request-context';
import type { RetryPolicy } from './retry-policy';

/**
 * Retries 429/503/504 as the policy says, honouring Retry-After, with bounded attempts and a bounded total wait.
 * When it gives up it leaves a throttled/unavailable error, with when to come back, in the call's context.
 */
export class RetryMiddleware extends ChainedMiddleware {
  constructor(
    private readonly policy: RetryPolicy,
    private readonly baseUrl: string,
    private readonly logger: GraphLogger,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const method = requestMethod(context);
    let waitedMs = 0;
    for (let retriesSoFar = 0; ; retriesSoFar += 1) {
      await this.next(context);
      const response = context.response;
      if (!response || !this.policy.isRetryable(response.status, method)) return;

      const path = pathForLog(pathAfterBase(requestUrl(context), this.baseUrl));
      const call = requestContextOf(context);
      const clientRequestId = call?.clientRequestId;
      const decision = this.policy.decide({ retriesSoFar, retryAfter: response.headers.get('retry-after'), waitedMs });
      if (!decision.retry) {
        const attempts = retriesSoFar + 1;
        if (call) call.failure = this.policy.giveUp({ status: response.status, retryAfterMs: decision.retryAfterMs, attempts, what: `Graph ${method} ${path}` });
        this.logger.warn({ method, path, status: response.status, attempts, retryAfterMs: decision.retryAfterMs, clientRequestId }, 'Graph call given up');
        return;
      }
      this.logger.warn({ method, path, status: response.status, attempt: retriesSoFar + 1, retryInMs: decision.delayMs, clientRequestId }, 'Graph call will be retried');
      await this.policy.sleep(decision.delayMs);
      waitedMs += decision.delayMs;
    }
  }
}

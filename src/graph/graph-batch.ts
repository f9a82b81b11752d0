import type { Caller, Outcome } from './calendar-gateway';
import { headerOf, type BatchRequestItem, type BatchResponseItem, type GraphApi, type GraphPage } from './graph-api';
import { GraphError, graphErrorFromResponse } from './graph-error';
import type { RetryPolicy } from './middleware/retry-policy';

/** Graph's documented ceiling of requests in one `$batch`. */
export const maxBatchSize = 20;

export interface BatchRead {
  path: string;
  headers?: Record<string, string>;
  /** A read that Graph spells as a POST (getSchedule); GET when absent. */
  method?: 'GET' | 'POST';
  body?: unknown;
}

type InnerResult = BatchResponseItem & { retryAfter?: string };

/**
 * Several independent reads of one user action in as few round trips as possible. Graph throttles the inner
 * requests one by one, so those answered 429/503/504 are sent again (in a new batch) under the same retry policy.
 */
export class GraphBatch {
  constructor(
    private readonly api: GraphApi,
    private readonly policy: RetryPolicy,
  ) {}

  /** One outcome per read, in order. */
  async getMany(caller: Caller, reads: BatchRead[]): Promise<Array<Outcome<unknown>>> {
    const outcomes = new Array<Outcome<unknown> | undefined>(reads.length);
    let pending = reads.map((_, index) => index);
    let waitedMs = 0;
    for (let retriesSoFar = 0; pending.length > 0; retriesSoFar += 1) {
      const results = await this.sendChunks(caller, reads, pending);
      const retry: number[] = [];
      for (const index of pending) {
        const result = results.get(index);
        if (result === undefined) outcomes[index] = failed(new GraphError('unavailable', 'Graph $batch left a request unanswered'));
        else if (this.policy.isRetryable(result.status, reads[index].method ?? 'GET')) retry.push(index);
        else outcomes[index] = toOutcome(result, reads[index]);
      }
      if (retry.length === 0) break;

      const retryAfter = retry.map((index) => results.get(index)?.retryAfter);
      const decision = this.policy.decide({ retriesSoFar, retryAfter, waitedMs });
      if (!decision.retry) {
        for (const index of retry) {
          const status = results.get(index)?.status ?? 503;
          outcomes[index] = failed(this.policy.giveUp({ status, retryAfterMs: decision.retryAfterMs, attempts: retriesSoFar + 1, what: 'Graph $batch request' }));
        }
        break;
      }
      await this.policy.sleep(decision.delayMs);
      waitedMs += decision.delayMs;
      pending = retry;
    }
    return outcomes.map((outcome) => outcome ?? failed(new GraphError('unavailable', 'Graph $batch request not sent')));
  }

  /** Collections read in one batch, each then followed through its `@odata.nextLink` pages. */
  async getAllMany<T>(caller: Caller, reads: BatchRead[]): Promise<Array<Outcome<T[]>>> {
    const firstPages = await this.getMany(caller, reads);
    return Promise.all(
      firstPages.map(async (outcome, index): Promise<Outcome<T[]>> => {
        if (!outcome.ok) return outcome;
        try {
          return { ok: true, value: await this.api.rest(caller, outcome.value as GraphPage<T>, { headers: reads[index].headers }) };
        } catch (error) {
          return failed(error instanceof Error ? error : new GraphError('unavailable', 'Graph paging failed'));
        }
      }),
    );
  }

  private async sendChunks(caller: Caller, reads: BatchRead[], indexes: number[]): Promise<Map<number, InnerResult>> {
    const chunks: number[][] = [];
    for (let start = 0; start < indexes.length; start += maxBatchSize) chunks.push(indexes.slice(start, start + maxBatchSize));
    const wirePaths = await this.api.wirePaths(caller, indexes.map((index) => reads[index].path));
    const wirePathOf = new Map(indexes.map((index, position) => [index, wirePaths[position]]));
    // The inner requests may target several mailboxes; the batch itself counts against the caller's.
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.api.batch(caller, chunk.map((index) => innerRequest(String(index), { ...reads[index], path: wirePathOf.get(index) ?? reads[index].path }))),
      ),
    );
    const results = new Map<number, InnerResult>();
    for (const response of answers.flat()) results.set(Number(response.id), { ...response, retryAfter: headerOf(response.headers, 'retry-after') });
    return results;
  }
}

function innerRequest(id: string, read: BatchRead): BatchRequestItem {
  if (read.method !== 'POST') return { id, method: 'GET', url: read.path, headers: read.headers };
  return { id, method: 'POST', url: read.path, body: read.body, headers: { ...read.headers, 'Content-Type': 'application/json' } };
}

function toOutcome(result: InnerResult, read: BatchRead): Outcome<unknown> {
  if (result.status >= 200 && result.status < 300) return { ok: true, value: result.body };
  const error = (result.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return failed(
    graphErrorFromResponse({
      status: result.status,
      code: error?.code,
      message: error?.message,
      method: read.method ?? 'GET',
      path: read.path,
      clientRequestId: result.clientRequestId,
      requestId: result.requestId,
    }),
  );
}

function failed(error: Error): { ok: false; error: Error } {
  return { ok: false, error };
}

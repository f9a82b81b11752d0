import type { User } from '@microsoft/microsoft-graph-types';
import type { Caller, Outcome } from './calendar-gateway';
import { headerOf, type BatchRequestItem, type BatchResponseItem, type GraphApi, type GraphPage } from './graph-api';
import { GraphError, graphErrorFromResponse } from './graph-error';
import { pathForCaller } from './graph-paths';
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

/**
 * One read of the gateway as `$batch` requests and what turns their answers into its result, so reads
 * of different areas (people, calendars, agendas, permissions) can travel in one round trip.
 */
export interface PlannedRead<T> {
  reads: BatchRead[];
  /** This read's answers, one per request in order, into its result; may follow further pages. Throws the failure. */
  finish(answers: Array<Outcome<unknown>>): Promise<T>;
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

  /**
   * Planned reads in one round trip: a single GET goes as itself, more requests as one `$batch` (chunked by
   * 20). One outcome per plan, in order; one plan's failure does not fail the others.
   */
  async runPlanned(caller: Caller, plans: Array<PlannedRead<unknown>>): Promise<Array<Outcome<unknown>>> {
    const reads = plans.flatMap((plan) => plan.reads);
    const answers = await this.answersTo(caller, reads);
    let next = 0;
    return Promise.all(
      plans.map(async (plan): Promise<Outcome<unknown>> => {
        const own = answers.slice(next, (next += plan.reads.length));
        try {
          return { ok: true, value: await plan.finish(own) };
        } catch (error) {
          return failed(error instanceof Error ? error : new GraphError('unavailable', 'Graph read failed'));
        }
      }),
    );
  }

  /** A collection's first page as a planned read: the pages after it are followed, then each item mapped. */
  collection<G, T>(caller: Caller, read: BatchRead, map: (item: G) => T): PlannedRead<T[]> {
    return {
      reads: [read],
      finish: async ([page]) => {
        if (!page.ok) throw page.error;
        const items = await this.api.rest<G>(caller, page.value as GraphPage<G>, { headers: read.headers });
        return items.map(map);
      },
    };
  }

  /** One answer per read; a `$batch` refused as a whole is every read's failure. */
  private async answersTo(caller: Caller, reads: BatchRead[]): Promise<Array<Outcome<unknown>>> {
    try {
      if (reads.length === 0) return [];
      if (reads.length > 1 || (reads[0].method ?? 'GET') !== 'GET') return await this.getMany(caller, reads);
      return [{ ok: true, value: await this.api.get<unknown>(caller, reads[0].path, { headers: reads[0].headers }) }];
    } catch (error) {
      const failure = failed(error instanceof Error ? error : new GraphError('unavailable', 'Graph read failed'));
      return reads.map(() => failure);
    }
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

  /**
   * The reads in `$batch`es of at most 20. Mailboxes named by an address not known yet go as typed, with the
   * lookup of that address in the same batch; a read refused because the address is not the UPN goes again by id.
   */
  private async sendChunks(caller: Caller, reads: BatchRead[], indexes: number[], retry = true): Promise<Map<number, InnerResult>> {
    const { paths, lookups } = this.api.mailboxes.rewriteKnown(indexes.map((index) => pathForCaller(caller, reads[index].path)));
    const wirePathOf = new Map(indexes.map((index, position) => [index, paths[position]]));
    const inner = [
      ...indexes.map((index) => innerRequest(String(index), { ...reads[index], path: wirePathOf.get(index) ?? reads[index].path })),
      ...lookups.map((lookup, position) => innerRequest(`lookup-${position}`, { path: lookup.path })),
    ];
    const chunks: BatchRequestItem[][] = [];
    for (let start = 0; start < inner.length; start += maxBatchSize) chunks.push(inner.slice(start, start + maxBatchSize));
    // The inner requests may target several mailboxes; the batch itself counts against the caller's.
    const answers = (await Promise.all(chunks.map((chunk) => this.api.batch(caller, chunk)))).flat();
    lookups.forEach((lookup, position) => {
      const answer = answers.find((response) => response.id === `lookup-${position}`);
      const ok = answer !== undefined && answer.status >= 200 && answer.status < 300;
      this.api.mailboxes.learnLookup(lookup.addresses, ok ? ((answer.body as GraphPage<User> | undefined)?.value ?? []) : undefined);
    });
    const results = new Map<number, InnerResult>();
    for (const response of answers) {
      if (!response.id.startsWith('lookup-')) results.set(Number(response.id), { ...response, retryAfter: headerOf(response.headers, 'retry-after') });
    }
    const again = retry ? indexes.filter((index) => this.api.mailboxes.retryable(wirePathOf.get(index) ?? '', results.get(index)?.status ?? 0)) : [];
    if (again.length > 0) for (const [index, result] of await this.sendChunks(caller, reads, again, false)) results.set(index, result);
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

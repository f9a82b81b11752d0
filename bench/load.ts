import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Requests answered per second (2xx). */
  throughput: number;
  /** 99th percentile latency, milliseconds. */
  p99: number;
  errors: number;
}

/**
 * Posts activities to `url`/api/messages for `seconds` with `connections` kept busy; request n
 * carries `activityFor(n)`, so the load spreads over many conversations.
 */
export async function postActivities(url: string, activityFor: (n: number) => object, options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: JSON.stringify(activityFor(n++)) }),
      },
    ],
  });
  const ok = result['2xx'];
  return { throughput: ok / options.seconds, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts };
}

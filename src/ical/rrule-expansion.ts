/**
 * Expands the recurrences Graph cannot express into single occurrences, in a worker thread. ical.js's
 * iterator has no bound of its own, and some rules never yield (`FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30`
 * spins inside one `next()`): only a thread we can terminate ends those for sure. Each series also has
 * an iteration cap and an instance cap; a series past its deadline is dropped and reported.
 */
import { Worker } from 'node:worker_threads';

export interface ExpansionRequest {
  id: number;
  /** RRULE values. */
  rrules: string[];
  /** Wall-clock times (`YYYY-MM-DDTHH:MM:SS`, or `YYYY-MM-DD` for dates) in the series' zone. */
  start: string;
  isDate: boolean;
  rdates: string[];
  exdates: string[];
  /** The window, as wall-clock times in the series' zone (same form as `start`). */
  from: string;
  until: string;
  maxInstances: number;
  maxIterations: number;
}

export interface ExpansionResult {
  /** Occurrence starts (wall clock), sorted; empty when the series timed out. */
  walls: string[];
  truncated: boolean;
  timedOut: boolean;
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const ICAL = require(workerData.icalPath);
parentPort.on('message', (request) => {
  const found = new Set();
  const skip = new Set(request.exdates);
  let truncated = false;
  const keep = (wall) => {
    if (wall >= request.from && wall < request.until && !skip.has(wall)) found.add(wall);
  };
  const start = request.isDate ? ICAL.Time.fromDateString(request.start) : ICAL.Time.fromDateTimeString(request.start);
  for (const rule of request.rrules) {
    const iterator = ICAL.Recur.fromString(rule).iterator(start);
    for (let count = 0; ; count++) {
      if (count >= request.maxIterations || found.size >= request.maxInstances) { truncated = true; break; }
      const next = iterator.next();
      if (!next) break;
      const wall = next.toString();
      if (wall >= request.until) break;
      keep(wall);
    }
  }
  if (request.rrules.length === 0) keep(request.start);
  for (const wall of request.rdates) keep(wall);
  const walls = [...found].sort().slice(0, request.maxInstances);
  parentPort.postMessage({ id: request.id, walls, truncated });
});
`;

/**
 * Expands each request within `perSeriesMs`; a series that takes longer is reported `timedOut`, the
 * worker is replaced and the others go on. Everything stops after `totalMs`.
 */
export async function expandRecurrences(requests: ExpansionRequest[], limits: { perSeriesMs: number; totalMs: number }): Promise<Map<number, ExpansionResult>> {
  const results = new Map<number, ExpansionResult>();
  if (requests.length === 0) return results;
  const icalPath = require.resolve('ical.js');
  const deadline = Date.now() + limits.totalMs;
  let queue = [...requests];
  while (queue.length > 0) {
    const worker = new Worker(workerSource, { eval: true, workerData: { icalPath } });
    worker.unref();
    try {
      while (queue.length > 0) {
        const request = queue[0];
        const budget = Math.min(limits.perSeriesMs, deadline - Date.now());
        const answer = budget > 0 ? await ask(worker, request, budget) : undefined;
        queue = queue.slice(1);
        if (answer) {
          results.set(request.id, { walls: answer.walls, truncated: answer.truncated, timedOut: false });
        } else {
          results.set(request.id, { walls: [], truncated: true, timedOut: true });
          if (Date.now() >= deadline) for (const left of queue.splice(0)) results.set(left.id, { walls: [], truncated: true, timedOut: true });
          break;
        }
      }
    } finally {
      await worker.terminate();
    }
  }
  return results;
}

function ask(worker: Worker, request: ExpansionRequest, budgetMs: number): Promise<{ walls: string[]; truncated: boolean } | undefined> {
  return new Promise((resolve) => {
    const done = (value: { walls: string[]; truncated: boolean } | undefined) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(value);
    };
    const onMessage = (message: { id: number; walls: string[]; truncated: boolean }) => {
      if (message.id === request.id) done(message);
    };
    // A rule ical.js throws on (an invalid BYWEEKNO...) kills the worker: the series is dropped.
    const onError = () => done(undefined);
    const timer = setTimeout(() => done(undefined), budgetMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(request);
  });
}

import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/** What the connector saw: each delivered text with its count, and the time of every request. */
export interface ConnectorLog {
  delivered: Map<string, number>;
  requestTimes: number[];
}

/**
 * A Teams connector that answers like a busy Teams: about 10% of sends get 429 with Retry-After,
 * a few get a 5xx, the rest are delivered (counted by their text). `hold()` stops answering, so a
 * bot process can be killed with a send in flight that Teams never accepted; `release()` answers
 * the held ones 503 and goes back to normal. Loopback only. Deterministic: a seeded generator.
 */
export class FlakyConnector {
  readonly log: ConnectorLog = { delivered: new Map(), requestTimes: [] };
  private readonly server = http.createServer((req, res) => void this.receive(req, res));
  private held: ServerResponse[] = [];
  private holding = false;
  private seed: number;
  url = '';

  constructor(seed = 42) {
    this.seed = seed;
  }

  /** Answers delivered so far (each a 200 for a distinct or repeated text). */
  get deliveredCount(): number {
    let total = 0;
    for (const count of this.log.delivered.values()) total += count;
    return total;
  }

  get heldCount(): number {
    return this.held.length;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    return this;
  }

  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const res of this.held.splice(0)) send(res, 503, { error: { code: 'ServiceUnavailable', message: 'held' } });
  }

  close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
      send(res, 404, { error: { code: 'NotFound', message: 'no such route' } });
      return;
    }
    this.answer(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { text?: unknown }, res);
  }

  private answer(body: { text?: unknown }, res: ServerResponse): void {
    this.log.requestTimes.push(Date.now());
    if (this.holding) {
      this.held.push(res);
      return;
    }
    const roll = this.random();
    if (roll < 0.1) {
      send(res, 429, { error: { code: 'Throttled', message: 'slow down' } }, { 'retry-after': '1' });
      return;
    }
    if (roll < 0.13) {
      send(res, [500, 502, 503][Math.floor(this.random() * 3)], { error: { code: 'ServerError', message: 'injected' } });
      return;
    }
    const text = typeof body.text === 'string' ? body.text : '';
    this.log.delivered.set(text, (this.log.delivered.get(text) ?? 0) + 1);
    send(res, 200, { id: `activity-${this.log.requestTimes.length}` });
  }

  /** mulberry32: small, seeded, good enough to spread failures. */
  private random(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let value = this.seed;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The most requests seen in any window of `windowMs` (sliding), from sorted or unsorted times. */
export function busiestWindow(times: number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

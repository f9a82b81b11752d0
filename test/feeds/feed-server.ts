import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFunction } from 'node:net';

/** A local feed server on an ephemeral port; each path answers with its own handler. */
export interface FeedServer {
  port: number;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const requests: FeedServer['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((request, response) => {
    requests.push({ path: request.url ?? '', headers: request.headers });
    // restify (loaded with the bot) patches writeHead to return nothing; keep Node's chaining.
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => unknown;
    response.writeHead = ((...args: unknown[]) => {
      writeHead(...args);
      return response;
    }) as typeof response.writeHead;
    const handler = routes.get((request.url ?? '').split('?')[0]);
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A DNS stand-in: names to addresses (a list is answered in turn, one per lookup: a rebinding server). */
export function fakeResolver(table: Record<string, string | string[]>): LookupFunction & { calls: string[] } {
  const calls: string[] = [];
  const turns = new Map<string, number>();
  const lookup = ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) {
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      return;
    }
    const list = Array.isArray(entry) ? entry : [entry];
    const turn = turns.get(hostname) ?? 0;
    turns.set(hostname, turn + 1);
    const address = list[Math.min(turn, list.length - 1)];
    const family = address.includes(':') ? 6 : 4;
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction & { calls: string[] };
  lookup.calls = calls;
  return lookup;
}

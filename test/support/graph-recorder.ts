import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphExchange } from './graph-metadata-check';

/** One exchange as the recorder saw it, with the headers both ways. */
export interface RecordedExchange extends GraphExchange {
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
}

export interface GraphRecorder {
  /** The proxy's Graph base URL (`http://127.0.0.1:PORT/graph/v1.0`): give it to the product as its Graph. */
  baseUrl: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const parseJson = (text: string): unknown => (text.trim() === '' ? undefined : (JSON.parse(text) as unknown));

const prefix = '/graph';

/**
 * A reverse proxy in front of the emulator, as a gateway in front of Graph would be: it serves under another
 * host and a path prefix and says so in X-Forwarded-Host / -Proto / -Prefix. It records every exchange
 * (bodies parsed) for the metadata suite, and proves that links the emulator builds lead back through it.
 */
export async function startGraphRecorder(emulatorOrigin: string): Promise<GraphRecorder> {
  const exchanges: RecordedExchange[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = req.url ?? '/';
      if (!url.startsWith(`${prefix}/`)) {
        res.writeHead(404);
        res.end();
        return;
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
      }
      headers.set('x-forwarded-host', req.headers.host ?? '');
      headers.set('x-forwarded-proto', 'http');
      headers.set('x-forwarded-prefix', prefix);
      const method = req.method ?? 'GET';
      const upstream = await fetch(`${emulatorOrigin}${url.slice(prefix.length)}`, { method, headers, body: body.length > 0 ? body : undefined });
      const text = await upstream.text();
      const responseHeaders = Object.fromEntries(upstream.headers.entries());
      exchanges.push({
        method,
        url: url.slice(prefix.length).replace(/^\/v1\.0/, ''),
        requestBody: parseJson(body.toString('utf8')),
        requestHeaders: Object.fromEntries(headers.entries()),
        status: upstream.status,
        responseBody: (upstream.headers.get('content-type') ?? '').includes('json') ? parseJson(text) : undefined,
        responseHeaders,
      });
      const passed = Object.fromEntries(Object.entries(responseHeaders).filter(([name]) => !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name)));
      // Not chained: restify, loaded in the same process by the bot, patches writeHead to return nothing.
      res.writeHead(upstream.status, passed);
      res.end(text);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}/v1.0`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { EmulatorControl } from './control';
import type { GraphDispatcher } from './graph-dispatcher';
import type { GraphResponse } from './graph-http';
import { handleControl } from './routes/control';
import type { EmulatorStore } from './state-store';

/** Graph refuses write requests over 4 MB with 413. */
const maxBodyBytes = 4 * 1024 * 1024;
const graphContentType = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export interface HttpDeps {
  port: number;
  dispatcher: GraphDispatcher;
  control: EmulatorControl;
  store: EmulatorStore;
  logger: Logger;
}

export interface HttpServer {
  origin: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function graphError(status: number, code: string, message: string): GraphResponse {
  return { status, body: { error: { code, message } } };
}

function writeGraph(res: ServerResponse, response: GraphResponse): void {
  const headers: Record<string, string> = { 'request-id': randomUUID(), ...response.headers };
  if (response.body !== undefined) headers['Content-Type'] = graphContentType;
  res.writeHead(response.status, headers);
  res.end(response.body !== undefined ? JSON.stringify(response.body) : undefined);
}

function isLoopback(address: string | undefined): boolean {
  const plain = (address ?? '').replace(/^::ffff:/, '');
  return plain === '::1' || plain.startsWith('127.');
}

/** The first value of a header a chain of proxies may have appended to. */
const firstValue = (header: string | undefined): string | undefined => header?.split(',')[0]?.trim() || undefined;

/**
 * Where the client sent the request: behind a proxy, the proxy's scheme, host and path prefix
 * (X-Forwarded-Proto / -Host / -Prefix), else the Host header. The emulator listens on loopback only, so
 * whoever sets these headers is on this machine.
 */
function requestOrigin(headers: Record<string, string | undefined>, url: URL): string {
  const proto = firstValue(headers['x-forwarded-proto']) ?? 'http';
  const host = firstValue(headers['x-forwarded-host']) ?? headers.host ?? url.host;
  const prefix = (firstValue(headers['x-forwarded-prefix']) ?? '').replace(/\/+$/, '');
  return `${proto}://${host}${prefix && !prefix.startsWith('/') ? '/' : ''}${prefix}`;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

/**
 * Plain node:http rather than restify: Graph's own status codes and error envelopes must come out
 * unchanged (a framework would answer unknown routes and methods itself), and requests left hanging
 * by a fault must be cut on close.
 */
export async function startHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const server: Server = createServer((req, res) => {
    handle(req, res, deps).catch((error: unknown) => {
      deps.logger.error({ err: error }, 'emulator request failed');
      if (!res.headersSent) writeGraph(res, graphError(500, 'InternalServerError', 'An internal server error occurred.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  let text: string;
  try {
    text = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) return writeGraph(res, graphError(413, 'RequestEntityTooLarge', 'The request body is larger than 4 MB.'));
    throw error;
  }
  let body: unknown;
  if (text.trim().length > 0) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      return writeGraph(res, graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.'));
    }
  }

  if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) {
    if (!isLoopback(req.socket.remoteAddress)) return writeGraph(res, graphError(403, 'Forbidden', 'Emulator control is loopback only.'));
    const answer = handleControl(method, url, body, deps.control, deps.store);
    res.writeHead(answer.status, { ...(answer.contentType ? { 'Content-Type': answer.contentType } : {}), ...answer.headers });
    res.end(answer.body);
    return;
  }

  const version = /^\/v1\.0(\/.*)?$/.exec(url.pathname);
  if (!version) return writeGraph(res, graphError(400, 'BadRequest', `Invalid version: ${url.pathname.split('/')[1] ?? ''}`));
  let path: string;
  try {
    path = decodeURIComponent(version[1] ?? '/');
  } catch {
    return writeGraph(res, graphError(400, 'BadRequest', 'The request URI is not valid.'));
  }
  const headers = headerMap(req);
  const response = await deps.dispatcher.dispatch({
    method,
    path,
    query: url.searchParams,
    headers,
    body,
    serviceRoot: `${requestOrigin(headers, url)}/v1.0`,
    inBatch: false,
  });
  writeGraph(res, response);
}

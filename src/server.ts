import path from 'node:path';
import restify, { type Request, type Response, type Next } from 'restify';
import type { Logger } from 'pino';
import type { BotRequest, BotResponse } from './bot/bot-endpoint';
import { isLoopbackHost } from './config';

/** A dependency /readyz checks: storage, Graph. `check` throws when the dependency is not usable. */
export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export interface ServerDeps {
  mode: 'local' | 'production';
  host: string;
  port: number;
  handleActivity(request: BotRequest): Promise<BotResponse>;
  probes: ReadinessProbe[];
  logger: Logger;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Local mode is unauthenticated, so only this machine may talk to it. */
export function loopbackOnly(req: Request, res: Response, next: Next): void {
  const address = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  if (isLoopbackHost(address)) return next();
  res.send(403, { error: 'Forbidden' });
  return next(false);
}

/**
 * Only JSON reaches the bot, in both modes: restify's body parser would also read form-encoded and
 * multipart bodies, which any web page can post without a CORS preflight.
 */
export function jsonActivitiesOnly(req: Request, res: Response, next: Next): void {
  if (req.method !== 'POST' || req.getPath() !== '/api/messages') return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return next();
  res.send(415, { error: 'Unsupported media type' });
  return next(false);
}

/**
 * Local mode: a page open in the developer's browser can reach loopback. Browsers mark their
 * requests with `Origin` and `Sec-Fetch-Site`; the Agents Playground and Teams connectors send
 * neither. Allowed from a browser: the bot's own pages (same origin) and the developer typing an
 * address (`none`), never another site's page.
 */
export function noCrossSiteBrowsers(req: Request, res: Response, next: Next): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const sameOrigin = typeof origin === 'string' && isSameOrigin(origin, req.headers.host);
  if ((site === undefined || site === 'same-origin' || site === 'none') && (origin === undefined || sameOrigin)) return next();
  res.send(403, { error: 'Forbidden' });
  return next(false);
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** HTTP only: routes, status codes and binding. Knows nothing about calendars. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const server = restify.createServer({ name: 'calendar-sharing-assistant' });
  if (deps.mode === 'local') server.pre(loopbackOnly);
  if (deps.mode === 'local') server.pre(noCrossSiteBrowsers);
  server.pre(jsonActivitiesOnly);
  server.use(restify.plugins.bodyParser({ maxBodySize: 1024 * 1024, mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    try {
      const header = req.headers.authorization;
      const result = await deps.handleActivity({ body: req.body as unknown, authorization: typeof header === 'string' ? header : undefined });
      res.send(result.status, result.body);
    } catch (error) {
      deps.logger.error({ err: error }, 'activity failed');
      res.send(500, { error: 'Internal error' });
    }
  });

  // Teams SSO consent pages (see src/bot/teams-sso.ts).
  const publicDir = path.resolve(__dirname, '..', 'public');
  server.get('/auth-start.html', restify.plugins.serveStatic({ directory: publicDir, file: 'auth-start.html' }));
  server.get('/auth-end.html', restify.plugins.serveStatic({ directory: publicDir, file: 'auth-end.html' }));

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const results = await Promise.all(
      deps.probes.map(async (probe) => {
        try {
          await probe.check();
          return [probe.name, 'ok'] as const;
        } catch {
          return [probe.name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === 'ok');
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${deps.host.includes(':') ? `[${deps.host}]` : deps.host}:${address.port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

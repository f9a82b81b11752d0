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

/** HTTP only: routes, status codes and binding. Knows nothing about calendars. */
export async function startServer(deps: ServerDeps): Promise<RunningServer> {
  const server = restify.createServer({ name: 'calendar-sharing-assistant' });
  if (deps.mode === 'local') server.pre(loopbackOnly);
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

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { startApp, type RunningApp } from '../src/app-runtime';
import type { AppConfig } from '../src/config';
import { startGraphEmulator, type RunningEmulator } from '../src/emulator';
import { createLogger } from '../src/logger';
import { demoCalDav, startLocalCalDav } from './local-caldav';

export interface LocalStackOptions {
  rootDir: string;
  config: AppConfig;
  /** Start the Agents Playground on this port; false to leave it out. */
  playground: { port: number; configFile: string } | false;
  /** More playgrounds on the same bot, one current user each (two people in one flow: a share and its answer). */
  extraPlaygrounds?: Array<{ port: number; configFile: string }>;
  logger?: Logger;
  /** Start the local Radicale with its demo account where installed (`npm start`). */
  caldav?: boolean;
}

export interface LocalStack {
  emulator: RunningEmulator;
  app: RunningApp;
  playgroundUrl?: string;
  /** The URLs of `extraPlaygrounds`, in the same order. */
  extraPlaygroundUrls: string[];
  stop(): Promise<void>;
}

/** Bot + Graph emulator + Agents Playground, all on loopback, for `npm start` and browser tests. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { config, rootDir } = options;
  if (config.mode !== 'local') throw new Error('The local stack runs in local mode only (APP_MODE=local).');
  const logger = options.logger ?? createLogger(config.logLevel);
  const graphUrl = new URL(config.graph.baseUrl);
  const dataDir = path.resolve(rootDir, config.storage.dataDir);
  const emulator = await startGraphEmulator({
    port: Number(graphUrl.port),
    stateFile: path.join(dataDir, 'emulator-state.json'),
    logger: logger.child({ component: 'graph-emulator' }),
  });
  const caldav = options.caldav ? await startLocalCalDav(dataDir, logger) : undefined;
  const app = await startApp(
    { ...config, graph: { ...config.graph, baseUrl: emulator.baseUrl }, storage: { ...config.storage, dataDir } },
    { logger, localCalDav: caldav && { url: caldav.url, ...demoCalDav } },
  );
  let playground: ChildProcess | undefined;
  let playgroundUrl: string | undefined;
  if (options.playground) {
    playground = startPlayground(rootDir, `${app.url}/api/messages`, options.playground);
    playgroundUrl = `http://localhost:${options.playground.port}`;
    await waitForHttp(`${playgroundUrl}/_internal/v1/config`, playground);
    logger.info(`Agents Playground: ${playgroundUrl}`);
  }
  const extras = (options.extraPlaygrounds ?? []).map((extra) => ({ child: startPlayground(rootDir, `${app.url}/api/messages`, extra), url: `http://localhost:${extra.port}` }));
  for (const extra of extras) await waitForHttp(`${extra.url}/_internal/v1/config`, extra.child);
  return {
    emulator,
    app,
    playgroundUrl,
    extraPlaygroundUrls: extras.map((extra) => extra.url),
    stop: async () => {
      playground?.kill('SIGTERM');
      for (const extra of extras) extra.child.kill('SIGTERM');
      await app.close();
      await emulator.close();
      await caldav?.stop();
    },
  };
}

/** The playground reads `.m365agentsplayground.yml` from its working directory. */
function startPlayground(rootDir: string, endpoint: string, options: { port: number; configFile: string }): ChildProcess {
  const cwd = mkdtempSync(path.join(tmpdir(), 'csa-playground-'));
  copyFileSync(path.resolve(rootDir, options.configFile), path.join(cwd, '.m365agentsplayground.yml'));
  const bin = path.join(rootDir, 'node_modules', '.bin', 'agentsplayground');
  if (!existsSync(bin)) throw new Error('Agents Playground is not installed: run npm install');
  return spawn(bin, ['-e', endpoint, '-c', 'msteams', '--dt', '-p', String(options.port)], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
  });
}

/** Polls until the URL answers (bounded: 60 attempts), or the process exits (a bad config file). */
async function waitForHttp(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    if (child.exitCode !== null) throw new Error(`Agents Playground exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Agents Playground did not answer on ${url}`);
}

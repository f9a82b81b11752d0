import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startLocalStack, type LocalStack } from '../../scripts/local-stack';
import { parseConfig } from '../../src/config';
import { tenantId } from '../support/demo-users';
import { PlaygroundDriver } from './playground-driver';

const rootDir = path.resolve(__dirname, '..', '..');

/** A playground to open: its port and its config file (relative to the repository root), which names its current user. */
export interface PlaygroundSpec {
  port: number;
  configFile: string;
}

export interface PlaygroundSessionOptions extends PlaygroundSpec {
  /** More playgrounds on the same bot, one person each (two people in one flow). */
  extraPlaygrounds?: PlaygroundSpec[];
  /** Settings added to the local-mode config, e.g. `HELPDESK_USERS`. */
  settings?: Record<string, string>;
}

export interface PlaygroundSession {
  stack: LocalStack;
  /** The browser on the main playground. */
  driver: PlaygroundDriver;
  /** One browser per extra playground, in the same order. */
  extraDrivers: PlaygroundDriver[];
  /** Closes the browsers, then stops the bot, the emulator and the playgrounds. */
  close(): Promise<void>;
}

/**
 * Starts the bot in local mode on a fresh data directory, with the Graph emulator and the Agents
 * Playgrounds asked for, and opens a browser on each playground.
 */
export async function openPlayground(options: PlaygroundSessionOptions): Promise<PlaygroundSession> {
  const config = parseConfig({
    APP_MODE: 'local',
    BOT_PORT: '0',
    GRAPH_BASE_URL: 'http://127.0.0.1:0/v1.0',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'csa-browser-')),
    ALLOWED_TENANT_IDS: tenantId,
    LOG_LEVEL: 'silent',
    ...options.settings,
  });
  const extraPlaygrounds = options.extraPlaygrounds ?? [];
  const stack = await startLocalStack({
    rootDir,
    config,
    playground: { port: options.port, configFile: options.configFile },
    extraPlaygrounds,
    logger: pino({ level: 'silent' }),
  });
  const driver = new PlaygroundDriver();
  const extraDrivers = extraPlaygrounds.map(() => new PlaygroundDriver());
  const close = async (): Promise<void> => {
    for (const browser of [driver, ...extraDrivers]) await browser.close();
    await stack.stop();
  };
  try {
    await driver.open(stack.playgroundUrl ?? '');
    for (const [index, extra] of extraDrivers.entries()) await extra.open(stack.extraPlaygroundUrls[index]);
  } catch (error) {
    // A browser that did not open must not leave the bot and the playgrounds running.
    await close();
    throw error;
  }
  return { stack, driver, extraDrivers, close };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { systemClock } from '../../src/clock';
import { textReply } from '../../src/dialogs/reply';
import { encodePayload } from '../../src/outbox/outbox-payload';
import { OutboxStore } from '../../src/outbox/outbox-store';
import { teamsLimits } from '../../src/outbox/send-limiter';
import { openDatabase, type AppDatabase } from '../../src/storage/database';
import { busiestWindow, FlakyConnector } from './flaky-connector';

export interface SoakOptions {
  invitations: number;
  /** A PostgreSQL server URL; the soak creates and drops its own database there. */
  databaseUrl: string;
  /** The whole run must finish within this (start-up, kill and restart included). */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  invitations: number;
  deliveredOnce: number;
  duplicated: number;
  missing: number;
  /** Rows not `sent` at the end (pending, sending or failed). */
  notSent: number;
  requests: number;
  busiestSecond: number;
  tenantLimit: number;
  killedAfter: number;
  durationMs: number;
}

const root = path.resolve(__dirname, '..', '..');
const tenant = 'soak-tenant';

/**
 * Two bot processes (the product's own `src/index.ts`) on one PostgreSQL database deliver
 * `invitations` queued messages through a connector that throttles and fails some sends; half-way,
 * one process is killed with SIGKILL while a send is in flight, then started again.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const log = options.log ?? (() => undefined);
  const databaseName = `soak_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  const databaseUrl = withDatabase(options.databaseUrl, databaseName);
  const connector = await new FlakyConnector().start();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'csa-soak-'));
  const processes: ChildProcess[] = [];
  let database: AppDatabase | undefined;
  try {
    database = await openDatabase({ databaseUrl });
    await seed(database, connector.url, options.invitations);
    log(`queued ${options.invitations} invitations`);
    const start = () => {
      const child = startBot(databaseUrl, dataDir);
      processes.push(child);
      return child;
    };
    const first = start();
    start();

    const half = Math.floor(options.invitations / 2);
    await waitFor(() => Promise.resolve(connector.deliveredCount >= half), deadline, 'half of the invitations delivered');
    // Stop answering, wait until every delivered send is recorded as sent and a send hangs: then
    // the kill lands while Teams has not accepted that send, never between its 200 and markSent.
    connector.hold();
    const db = database;
    await waitFor(async () => connector.heldCount > 0 && (await countSent(db)) === connector.deliveredCount, deadline, 'a send in flight');
    const killedAfter = connector.deliveredCount;
    await kill(first);
    log(`killed one process after ${killedAfter} deliveries`);
    connector.release();
    start();

    await waitFor(async () => (await countNotSent(db)) === 0, deadline, 'every invitation sent');
    const counts = [...connector.log.delivered.values()];
    return {
      invitations: options.invitations,
      deliveredOnce: counts.filter((count) => count === 1).length,
      duplicated: counts.filter((count) => count > 1).length,
      missing: options.invitations - connector.log.delivered.size,
      notSent: await countNotSent(db),
      requests: connector.log.requestTimes.length,
      busiestSecond: busiestWindow(connector.log.requestTimes),
      tenantLimit: teamsLimits.perTenant[0].max,
      killedAfter,
      durationMs: Date.now() - started,
    };
  } finally {
    await Promise.all(processes.map(kill));
    await database?.close();
    await connector.close();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One conversation per person, each with one invitation waiting. */
async function seed(database: AppDatabase, serviceUrl: string, count: number): Promise<void> {
  const outbox = new OutboxStore(database.db, systemClock);
  const now = new Date().toISOString();
  for (let index = 0; index < count; index++) {
    const userId = `soak-user-${index}`;
    const reference = {
      channelId: 'msteams',
      serviceUrl,
      user: { id: `29:${userId}`, aadObjectId: userId },
      bot: { id: '28:bot', name: 'Calendar Sharing Assistant' },
      conversation: { id: `personal-${userId}`, conversationType: 'personal', tenantId: tenant },
    };
    await database.db
      .insertInto('conversation_references')
      .values({ user_id: userId, tenant_id: tenant, reference: JSON.stringify(reference), locale: 'en', updated_at: now })
      .execute();
    await outbox.enqueue({ userId, payload: encodePayload({ replies: [textReply(`invitation ${index}`)] }), dedupeKey: `soak:${index}` });
  }
}

function startBot(databaseUrl: string, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'index.ts')], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      APP_MODE: 'local',
      BOT_HOST: '127.0.0.1',
      BOT_PORT: '0',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      // Nothing here calls Graph; an address nobody listens on.
      GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0',
      OUTBOX_LEASE_SECONDS: '3',
      LOG_LEVEL: 'silent',
    },
  });
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

async function countSent(database: AppDatabase): Promise<number> {
  const row = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('count')).where('status', '=', 'sent').executeTakeFirstOrThrow();
  return Number(row.count);
}

async function countNotSent(database: AppDatabase): Promise<number> {
  const row = await database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('count')).where('status', '!=', 'sent').executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Looks again every 50 ms until `check` holds; fails at the deadline, naming what it waited for. */
async function waitFor(check: () => Promise<boolean>, deadline: number, what: string): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Soak timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

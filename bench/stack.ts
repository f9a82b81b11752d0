import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startBuiltBot, type BuiltBot } from '../test/support/built-bot';
import { tenantId } from '../test/support/demo-users';
import { FakeConnector } from '../test/support/fake-connector';
import { writeBenchOrg } from './bench-org';

const root = path.resolve(__dirname, '..');

/** Both bots, the Graph emulator and a fake connector, each bot and the emulator in its own child process. */
export interface BenchStack {
  graphBaseUrl: string;
  connector: FakeConnector;
  ours: BuiltBot;
  baseline: BuiltBot;
  /** The bare bot reading `/me/calendars` from the emulator once per turn, nothing else. */
  baselineReadingGraph: BuiltBot;
  stop(): Promise<void>;
}

/** Our production build in local mode against the emulator at `graphBaseUrl`, on a fresh database. */
export function startOurBot(graphBaseUrl: string, dataDir: string, nodeArgs: string[] = []): Promise<BuiltBot> {
  return startBuiltBot(
    {
    APP_ENV: 'bench',
    APP_MODE: 'local',
    BOT_PORT: '0',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: graphBaseUrl,
    ALLOWED_TENANT_IDS: tenantId,
    HELPDESK_USERS: 'lynner@example.com',
    ORGANIZATION_DOMAINS: 'example.com',
    SHARING_POLICY_DOMAINS: 'partner.example.org:limitedRead',
    },
    'dist/index.js',
    nodeArgs,
  );
}

/** The bare bot; with `graphReadUrl`, one that also reads that Graph URL once per turn (the floor of a Graph turn). */
export function startBaselineBot(graphReadUrl?: string): Promise<BuiltBot> {
  return startBuiltBot({ BOT_PORT: '0', ...(graphReadUrl ? { BASELINE_GRAPH_URL: graphReadUrl } : {}) }, 'bench/baseline-bot.js');
}

/** Resident memory of a process, in MB (Linux /proc). */
export function rssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** The emulator's production build, seeded with the demo organisation and the bench's people. */
function startEmulator(cwd: string, nodeArgs: string[]): Promise<{ url: string; child: ChildProcess }> {
  const args = [...nodeArgs, path.join(root, 'dist', 'emulator', 'main.js'), '--port', '0', '--org', writeBenchOrg(cwd)];
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`emulator exited (${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^Graph emulator: (\S+)/.exec(line);
      if (match) resolve({ url: match[1], child });
    });
  });
}

/** `ourNodeArgs` and `emulatorNodeArgs`: extra node options, such as `--cpu-prof`. */
export async function startStack(ourNodeArgs: string[] = [], emulatorNodeArgs: string[] = []): Promise<BenchStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-bench-'));
  const emulator = await startEmulator(dir, emulatorNodeArgs);
  const connector = await new FakeConnector().start();
  const ours = await startOurBot(emulator.url, path.join(dir, 'bot'), ourNodeArgs);
  const baseline = await startBaselineBot();
  const baselineReadingGraph = await startBaselineBot(`${emulator.url}/me/calendars`);
  return {
    graphBaseUrl: emulator.url,
    connector,
    ours,
    baseline,
    baselineReadingGraph,
    stop: async () => {
      await Promise.all([ours.stop(), baseline.stop(), baselineReadingGraph.stop()]);
      emulator.child.kill('SIGTERM');
      await connector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

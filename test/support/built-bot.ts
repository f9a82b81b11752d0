import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(__dirname, '..', '..');

/** `npm run build` (incremental: a few seconds when nothing changed). */
export function buildProduction(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe' });
}

export interface BuiltBot {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawning `node` to the bot's "bot listening" line. */
  startupMs: number;
  /** `process.hrtime.bigint()` when `node` was spawned. */
  spawnedAt: bigint;
  stop(): Promise<void>;
}

/**
 * Starts the production build as production does, `node dist/index.js`, with `env` over this
 * process's environment, and resolves when the bot says where it listens.
 */
export function startBuiltBot(env: Record<string, string>, script = 'dist/index.js', nodeArgs: string[] = []): Promise<BuiltBot> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}): ${stderr.join('')}`)));
    lines.on('line', (line) => {
      const entry = parseLine(line);
      if (entry?.msg === 'bot listening' && typeof entry.url === 'string') {
        resolve({ url: entry.url, child, startupMs: Number(process.hrtime.bigint() - started) / 1e6, spawnedAt: started, stop });
      }
    });
  });
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

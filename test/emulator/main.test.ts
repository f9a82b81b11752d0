import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emulatorToken } from '../../src/emulator';
import { alex } from '../support/demo-users';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const main = path.join(root, 'src', 'emulator', 'main.ts');

/** Runs `npm run emulator`'s entry point in a scratch directory; resolves once it prints its URL or exits. */
function run(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(tsx, [main, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<{ baseUrl?: string; code?: number | null }>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Graph emulator: (http:\/\/127\.0\.0\.1:\d+\/v1\.0)/.exec(output);
      if (match) resolve({ baseUrl: match[1] });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code }));
  });
  return { child, ready, output: () => output };
}

describe('npm run emulator', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(tmpdir(), 'emulator-main-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('refuses to start with NODE_ENV=production', async () => {
    const emulator = run(['--port', '0'], { NODE_ENV: 'production' }, cwd);
    expect(await emulator.ready).toEqual({ code: 1 });
    expect(emulator.output()).toContain('must not run with NODE_ENV=production');
  });

  it('serves Graph on the port asked for, keeping state in .data/emulator-state.json', async () => {
    const emulator = run(['--port', '0', '--reset'], { NODE_ENV: 'development' }, cwd);
    try {
      const { baseUrl } = await emulator.ready;
      expect(baseUrl).toBeDefined();
      const me = await fetch(`${baseUrl}/me`, { headers: { authorization: `Bearer ${emulatorToken(alex.aadObjectId)}` } });
      expect(((await me.json()) as { mail: string }).mail).toBe(alex.email);
      expect(existsSync(path.join(cwd, '.data', 'emulator-state.json'))).toBe(true);
      expect(emulator.output()).toContain('Demo organisation restored.');
    } finally {
      if (emulator.child.exitCode === null) {
        const exited = new Promise((resolve) => emulator.child.once('exit', resolve));
        emulator.child.kill('SIGTERM');
        await exited;
      }
    }
  });
});

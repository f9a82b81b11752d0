import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildProduction } from '../test/support/built-bot';
import { postActivities } from './load';
import { RemoteBot } from './remote-bot';
import { prepareScenarios } from './scenarios';
import { startStack } from './stack';

/**
 * `npm run bench:profile -- "<scenario>" [--seconds 5]`: our production build under one scenario's
 * load with `node --cpu-prof` (after a second of warm-up), then the self time by package and the
 * hottest functions, start-up left out. The
 * .cpuprofile stays in .data/profiles/ (open it in Chrome DevTools for the full picture).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function owner(url: string): string {
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/dist\/([^/]+)/.exec(url)?.[1];
  if (ours) return `ours: ${ours}`;
  return url.startsWith('node:') ? 'node' : url ? url : '(native, gc, idle)';
}

/** Self time of the samples taken from `fromMicros` after the profile began (start-up left out). */
function summarise(profile: CpuProfile, top: number, fromMicros: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    at += micros;
    if (at < fromMicros) return;
    if (!node || node.callFrame.functionName === '(idle)') return;
    total += micros;
    const pkg = owner(node.callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${pkg}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  });
  const share = (micros: number) => `${((100 * micros) / total).toFixed(1).padStart(5)} %`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `busy ${(total / 1e6).toFixed(2)} s of samples`,
    'self time by package:',
    ...sorted(packages).map(([name, micros]) => `  ${share(micros)}  ${name}`),
    'hottest functions (self time):',
    ...sorted(functions).map(([name, micros]) => `  ${share(micros)}  ${name}`),
  ];
}

async function main(): Promise<void> {
  const wanted = process.argv[2] ?? '/help';
  const secondsAt = process.argv.indexOf('--seconds');
  const seconds = secondsAt >= 0 ? Number(process.argv[secondsAt + 1]) : 5;
  const dir = path.resolve(__dirname, '..', '.data', 'profiles', `${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  buildProduction();
  const emulatorDir = path.join(dir, 'emulator');
  mkdirSync(emulatorDir);
  const stack = await startStack(['--cpu-prof', '--cpu-prof-dir', dir], ['--cpu-prof', '--cpu-prof-dir', emulatorDir]);
  let loadFromMicros = 0;
  try {
    const scenarios = await prepareScenarios(new RemoteBot(stack.ours.url, stack.connector), stack.graphBaseUrl);
    const scenario = scenarios.find((candidate) => candidate.name === wanted);
    if (!scenario) throw new Error(`No scenario "${wanted}": ${scenarios.map((s) => s.name).join(', ')}`);
    await postActivities(stack.ours.url, scenario.activityFor, { connections: 20, seconds: 1 });
    loadFromMicros = Number(process.hrtime.bigint() - stack.ours.spawnedAt) / 1000;
    const result = await postActivities(stack.ours.url, scenario.activityFor, { connections: 20, seconds });
    console.log(`profile ${wanted}: ${result.throughput.toFixed(0)}/s, p99 ${result.p99} ms, ${result.errors} errors`);
  } finally {
    await stack.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('node wrote no profile');
  console.log(summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile, 25, loadFromMicros).join('\n'));
  console.log(`profile file: ${path.join(dir, file)}`);
  // The emulator shares the machine's cores with our bot: what it spends is not spent on turns.
  const emulatorFile = readdirSync(emulatorDir).find((name) => name.endsWith('.cpuprofile'));
  if (emulatorFile) {
    console.log('\nGraph emulator, the whole run:');
    console.log(summarise(JSON.parse(readFileSync(path.join(emulatorDir, emulatorFile), 'utf8')) as CpuProfile, 15, 0).join('\n'));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

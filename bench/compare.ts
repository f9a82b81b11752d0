import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { postActivities, type LoadOptions, type LoadResult } from './load';
import { RemoteBot } from './remote-bot';
import { prepareScenarios, type Scenario } from './scenarios';
import type { BuiltBot } from '../test/support/built-bot';
import { rssMb, startBaselineBot, startOurBot, startStack } from './stack';

export interface Comparison {
  name: string;
  ours: LoadResult;
  baseline: LoadResult;
  throughputRatio: number;
  p99Ratio: number;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const medianResult = (results: LoadResult[]): LoadResult => ({
  throughput: median(results.map((r) => r.throughput)),
  p99: median(results.map((r) => r.p99)),
  errors: results.reduce((sum, r) => sum + r.errors, 0),
});

/**
 * Loads `bot` and `baseline` in turn, `rounds` times, the order swapped every round so neither always runs on
 * the warmer (or the busier) machine; the ratios are the medians of the rounds' ratios.
 */
async function compareOne(name: string, scenario: Scenario, bot: BuiltBot, baselineBot: BuiltBot, load: LoadOptions, rounds: number): Promise<Comparison> {
  const warmUp = { connections: load.connections, seconds: 1 };
  await postActivities(bot.url, scenario.activityFor, warmUp);
  await postActivities(baselineBot.url, scenario.activityFor, warmUp);
  const ours: LoadResult[] = [];
  const baseline: LoadResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const pair = [
      async () => ours.push(await postActivities(bot.url, scenario.activityFor, load)),
      async () => baseline.push(await postActivities(baselineBot.url, scenario.activityFor, load)),
    ];
    for (const run of round % 2 ? pair.reverse() : pair) await run();
  }
  return {
    name,
    ours: medianResult(ours),
    baseline: medianResult(baseline),
    throughputRatio: median(ours.map((r, i) => r.throughput / baseline[i].throughput)),
    p99Ratio: median(ours.map((r, i) => r.p99 / Math.max(baseline[i].p99, 1))),
  };
}

/** The name of the floor comparison: the bare bot reading Graph once per turn, against the bare bot. */
export const floorName = 'floor: the bare bot reading Graph once per turn';

/**
 * Each scenario, our bot against the baseline (see compareOne); then the floor of any turn that reads Graph:
 * the same bare bot making one Graph GET per turn, under the agenda click's load, against the bare bot.
 */
export async function compareTurns(load: LoadOptions, rounds: number, only: string[] = []): Promise<Comparison[]> {
  const stack = await startStack();
  try {
    const remote = new RemoteBot(stack.ours.url, stack.connector);
    const prepared = await prepareScenarios(remote, stack.graphBaseUrl);
    const scenarios = only.length ? prepared.filter((scenario) => only.includes(scenario.name)) : prepared;
    const comparisons: Comparison[] = [];
    for (const scenario of scenarios) comparisons.push(await compareOne(scenario.name, scenario, stack.ours, stack.baseline, load, rounds));
    const agenda = prepared.find((scenario) => scenario.name === 'agenda click');
    if (agenda && (!only.length || only.includes(floorName))) comparisons.push(await compareOne(floorName, agenda, stack.baselineReadingGraph, stack.baseline, load, rounds));
    return comparisons;
  } finally {
    await stack.stop();
  }
}

export interface Footprint {
  startupMs: number;
  idleRssMb: number;
}

/** Fresh starts of each bot, alternated: time to listening, and resident memory after a second idle. */
export async function compareFootprint(graphBaseUrl: string, starts: number): Promise<{ ours: Footprint; baseline: Footprint }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'csa-bench-start-'));
  const ours: Footprint[] = [];
  const baseline: Footprint[] = [];
  try {
    for (let i = 0; i < starts; i += 1) {
      for (const [start, into] of [
        [() => startOurBot(graphBaseUrl, path.join(dir, `bot-${i}`)), ours],
        [startBaselineBot, baseline],
      ] as const) {
        const bot = await start();
        await sleep(1000);
        into.push({ startupMs: bot.startupMs, idleRssMb: rssMb(bot.child) });
        await bot.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const of = (items: Footprint[]): Footprint => ({ startupMs: median(items.map((f) => f.startupMs)), idleRssMb: median(items.map((f) => f.idleRssMb)) });
  return { ours: of(ours), baseline: of(baseline) };
}

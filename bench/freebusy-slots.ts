import { performance } from 'node:perf_hooks';
import type { SlotStatus } from '../src/freebusy/availability-model';
import { findSlots, findSlotsNaively, type SearchPerson, type SlotSearchInput } from '../src/freebusy/slot-search';

/**
 * The common-slot search for 20 people over two weeks at 15-minute steps (1,344 intervals), next to the
 * brute-force baseline, on the same generated calendars in the same run. Prints one table.
 */
const steps = 14 * 24 * 4;
const people = 20;

/**
 * Reproducible calendars. `office`: working 08:00-17:00 on weekdays, busy blocks of 30-120 minutes starting
 * at 6% of the working intervals. `roundTheClock`: a support rota working around the clock, rarely busy,
 * where the baseline checks every person for every interval of every start.
 */
function calendars(seed: number, kind: 'office' | 'roundTheClock'): SearchPerson[] {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: people }, () => {
    const statuses: SlotStatus[] = new Array<SlotStatus>(steps).fill('free');
    const working = Array.from({ length: steps }, (_, index) => {
      const day = Math.floor(index / 96);
      const hour = (index % 96) / 4;
      return kind === 'roundTheClock' || (day % 7 < 5 && hour >= 8 && hour < 17);
    });
    const busyChance = kind === 'office' ? 0.06 : 0.0005;
    for (let index = 0; index < steps; index++) {
      if (working[index] && random() < busyChance) {
        const length = 2 + Math.floor(random() * 7);
        const status: SlotStatus = random() < 0.8 ? 'busy' : 'tentative';
        for (let k = 0; k < length && index + k < steps; k++) statuses[index + k] = status;
        index += length;
      }
    }
    return { statuses, working };
  });
}

function time(runs: number, task: () => unknown): number {
  task();
  const started = performance.now();
  for (let run = 0; run < runs; run++) task();
  return (performance.now() - started) / runs;
}

export function benchFreeBusySlots(): void {
  console.log(`\nFree/busy slot search: ${people} people, two weeks, 15-minute steps (${steps} intervals)\n`);
  console.log('| calendars | meeting | linear search ms | naive baseline ms | speed-up | same answer |');
  console.log('| --- | --- | ---: | ---: | ---: | :---: |');
  for (const kind of ['office', 'roundTheClock'] as const) {
    const input = calendars(42, kind);
    for (const minutes of [30, 60, 120]) {
      const search: SlotSearchInput = { steps, durationSteps: minutes / 15, people: input };
      const fast = time(1000, () => findSlots(search));
      const naive = time(200, () => findSlotsNaively(search));
      const same = JSON.stringify(findSlots(search)) === JSON.stringify(findSlotsNaively(search));
      console.log(`| ${kind} | ${minutes} min | ${fast.toFixed(3)} | ${naive.toFixed(3)} | ${(naive / fast).toFixed(1)}× | ${same ? 'yes' : 'NO'} |`);
    }
  }
}

if (require.main === module) benchFreeBusySlots();

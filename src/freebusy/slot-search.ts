import type { SlotStatus } from './availability-model';

/** One person as the search sees them: a status and a working-hours flag per interval. */
export interface SearchPerson {
  statuses: readonly SlotStatus[];
  working: readonly boolean[];
}

export interface SlotSearchInput {
  steps: number;
  durationSteps: number;
  /** People whose calendar is known; unknown ones cannot block a slot (the answer says so). */
  people: SearchPerson[];
  /** No slot starts before this interval (now, for a window that began earlier today). */
  firstStep?: number;
  limit?: number;
  /** The viewer's day of each interval (any increasing number): the first answers go one per day. */
  dayOf?: ArrayLike<number>;
}

/** A slot where not everyone is free: who cannot come. */
export interface NearSlot {
  startStep: number;
  unavailable: number[];
}

export interface SlotSearchResult {
  /** Start intervals of the best common slots, in time order. */
  common: number[];
  /** When there is no common slot: the slots that fewest people miss, in time order. */
  nearest: NearSlot[];
}

/** Free and working there: working elsewhere still takes a meeting (Outlook shows such a person as free). */
export function canMeet(person: SearchPerson, index: number): boolean {
  const status = person.statuses[index];
  return person.working[index] === true && (status === 'free' || status === 'workingElsewhere');
}

/**
 * The common slots in O(people × intervals), whatever the meeting length: one pass marks every interval someone cannot make (stopping at the first), one pass
 * backwards counts the free run from each interval, and a start is good when its run covers the duration.
 */
export function findSlots(input: SlotSearchInput): SlotSearchResult {
  const { steps, people } = input;
  const blocked = new Uint8Array(steps);
  for (let index = 0; index < steps; index++) {
    for (const person of people) {
      if (!canMeet(person, index)) {
        blocked[index] = 1;
        break;
      }
    }
  }
  const run = new Int32Array(steps + 1);
  for (let index = steps - 1; index >= 0; index--) run[index] = blocked[index] ? 0 : run[index + 1] + 1;
  const common = pickStarts(run, input);
  return { common, nearest: common.length > 0 ? [] : nearestSlots(input) };
}

/**
 * The same answer by brute force, the way it is usually written: for every start, every person, every
 * interval of the duration. The baseline the benchmark compares with, and a cross-check in the tests.
 */
export function findSlotsNaively(input: SlotSearchInput): SlotSearchResult {
  const { steps, durationSteps, people } = input;
  const fits = (start: number): boolean => {
    if (start + durationSteps > steps) return false;
    for (const person of people) for (let offset = 0; offset < durationSteps; offset++) if (!canMeet(person, start + offset)) return false;
    return true;
  };
  const valid = Array.from({ length: steps }, (_, start) => fits(start));
  // A run of good starts a..b is a free stretch of (b - a) + duration intervals from a.
  const run = new Int32Array(steps + 1);
  for (let start = steps - 1; start >= 0; start--) run[start] = valid[start] ? (valid[start + 1] ? run[start + 1] + 1 : durationSteps) : 0;
  const common = pickStarts(run, input);
  return { common, nearest: common.length > 0 ? [] : nearestSlots(input) };
}

/**
 * The first free stretch of each day first, so five answers spread over the window; then the other
 * stretches; then more starts inside the longest ones, a duration apart. Always in time order.
 */
function pickStarts(run: Int32Array, input: SlotSearchInput): number[] {
  const { steps, durationSteps } = input;
  const limit = input.limit ?? 5;
  const stretches: Array<{ start: number; length: number }> = [];
  for (let index = Math.max(0, input.firstStep ?? 0); index < steps; ) {
    if (run[index] >= durationSteps && durationSteps > 0) {
      stretches.push({ start: index, length: run[index] });
      index += run[index];
    } else index += 1;
  }
  const dayOf = input.dayOf;
  const firstOfDay = stretches.filter((stretch, index) => !dayOf || index === 0 || dayOf[stretches[index - 1].start] !== dayOf[stretch.start]);
  const rest = stretches.filter((stretch) => !firstOfDay.includes(stretch));
  const starts = [...firstOfDay, ...rest].slice(0, limit).map((stretch) => stretch.start);
  for (let offset = 1; starts.length < limit; offset++) {
    const more = stretches.filter((stretch) => (offset + 1) * durationSteps <= stretch.length).map((stretch) => stretch.start + offset * durationSteps);
    if (more.length === 0) break;
    starts.push(...more.slice(0, limit - starts.length));
  }
  return starts.sort((a, b) => a - b);
}

/** Slots that the fewest people miss (at least one can come), one per stretch, at most three. */
function nearestSlots(input: SlotSearchInput): NearSlot[] {
  const { steps, durationSteps, people } = input;
  if (people.length === 0 || durationSteps > steps) return [];
  const missing = people.map((person) => {
    const prefix = new Int32Array(steps + 1);
    for (let index = 0; index < steps; index++) prefix[index + 1] = prefix[index] + (canMeet(person, index) ? 0 : 1);
    return prefix;
  });
  const cost = new Int32Array(steps).fill(people.length + 1);
  let best = people.length;
  for (let start = Math.max(0, input.firstStep ?? 0); start + durationSteps <= steps; start++) {
    let count = 0;
    for (const prefix of missing) if (prefix[start + durationSteps] - prefix[start] > 0) count++;
    cost[start] = count;
    if (count < best) best = count;
  }
  if (best >= people.length) return [];
  const slots: NearSlot[] = [];
  for (let start = 0; start < steps && slots.length < 3; start++) {
    if (cost[start] !== best || (start > 0 && cost[start - 1] === best)) continue;
    const unavailable = missing.flatMap((prefix, person) => (prefix[start + durationSteps] - prefix[start] > 0 ? [person] : []));
    slots.push({ startStep: start, unavailable });
  }
  return slots;
}

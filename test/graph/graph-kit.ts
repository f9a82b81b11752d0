import { ManualClock } from '../../src/clock';
import { startGraphEmulator, type RequestLogEntry } from '../../src/emulator';
import { createCalendarGateway, type CalendarGatewayOptions } from '../../src/graph';
import type { Caller, CalendarGateway } from '../../src/graph/calendar-gateway';
import { LocalTokenProvider } from '../../src/graph/local-token-provider';
import { adele, alex, isaiah, lynne, megan, patti } from '../support/demo-users';

/** A Wednesday, on a whole second so HTTP-date Retry-After headers are exact. */
export const testNow = new Date('2025-03-12T10:00:00Z');

export const callers = {
  alex: { userId: alex.aadObjectId },
  megan: { userId: megan.aadObjectId },
  adele: { userId: adele.aadObjectId },
  isaiah: { userId: isaiah.aadObjectId },
  patti: { userId: patti.aadObjectId },
  lynne: { userId: lynne.aadObjectId },
} satisfies Record<string, Caller>;

export type Emulator = Awaited<ReturnType<typeof startGraphEmulator>>;

export interface GraphKit {
  emulator: Emulator;
  clock: ManualClock;
  /** Every wait the retry middleware asked for, in order (the fake sleep moves the clock instead of waiting). */
  waits: number[];
  gateway: CalendarGateway;
  /** Another gateway on the same emulator, clock and wait recorder, with other options. */
  gatewayWith(options: Partial<CalendarGatewayOptions>): CalendarGateway;
  /** Requests the emulator saw since the last `reset()`. */
  requests(): RequestLogEntry[];
  /** Back to the seeded organisation, no faults, no request log, no recorded waits. */
  reset(): void;
  close(): Promise<void>;
}

/** One emulator per test file, on a free port, over real HTTP; the gateway under test talks to it like to Graph. */
export async function startGraphKit(options: { pageSize?: number } = {}): Promise<GraphKit> {
  const clock = new ManualClock(testNow);
  const emulator = await startGraphEmulator({ port: 0, clock, pageSize: options.pageSize });
  const waits: number[] = [];
  const sleep = (ms: number): Promise<void> => {
    waits.push(ms);
    clock.advance(ms);
    return Promise.resolve();
  };
  const gatewayWith = (overrides: Partial<CalendarGatewayOptions>): CalendarGateway =>
    createCalendarGateway({ baseUrl: emulator.baseUrl, tokenProvider: new LocalTokenProvider(), sleep, clock, random: () => 0.5, ...overrides });
  const kit: GraphKit = {
    emulator,
    clock,
    waits,
    gateway: gatewayWith({}),
    gatewayWith,
    requests: () => emulator.control.requests(),
    reset: () => {
      // A fresh gateway too: what it learnt (directory ids, the caller's profile) must not carry over between tests.
      kit.gateway = gatewayWith({});
      clock.set(testNow);
      emulator.control.reset();
      emulator.control.clearFaults();
      emulator.control.clearRequests();
      waits.length = 0;
    },
    close: () => emulator.close(),
  };
  return kit;
}

/** The id of one of an owner's calendars, straight from the emulator (no Graph call, nothing in the request log). */
export function calendarIdOf(kit: GraphKit, ownerAddress: string, name = 'Calendar'): string {
  const calendar = kit.emulator.control.calendarsOf(ownerAddress).find((candidate) => candidate.name === name);
  if (!calendar) throw new Error(`${ownerAddress} has no calendar "${name}"`);
  return calendar.id;
}

/** Requests that reached the emulator as HTTP requests (not inside a `$batch`). */
export function outerRequests(kit: GraphKit): RequestLogEntry[] {
  return kit.requests().filter((request) => !request.inBatch);
}

import { undiciTransport, type HttpTransport } from '../../src/graph/middleware/http-transport';
import { alex, patti } from '../support/demo-users';
import { callers, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

/** Watches the HTTP traffic the gateway sends (the real transport underneath), per mailbox of the URL. */
function trafficMeter() {
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  let overallPeak = 0;
  let overall = 0;
  const mailboxOf = (url: string): string => /\/users\/([^/?]+)/.exec(url)?.[1] ?? 'me';
  const network = undiciTransport();
  const metered: HttpTransport = async (input, init) => {
    const mailbox = decodeURIComponent(mailboxOf(input));
    inFlight.set(mailbox, (inFlight.get(mailbox) ?? 0) + 1);
    peak.set(mailbox, Math.max(peak.get(mailbox) ?? 0, inFlight.get(mailbox) ?? 0));
    overall += 1;
    overallPeak = Math.max(overallPeak, overall);
    try {
      return await network(input, init);
    } finally {
      inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
      overall -= 1;
    }
  };
  return { transport: metered, peak, overallPeak: () => overallPeak };
}

describe('per-mailbox concurrency', () => {
  it('keeps at most 4 requests in flight for one mailbox and queues the rest', async () => {
    kit.emulator.control.injectFault({ path: '/calendars$', latencyMs: 100 });
    const meter = trafficMeter();
    const gateway = kit.gatewayWith({ transport: meter.transport });

    const results = await Promise.all(Array.from({ length: 8 }, () => gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email })));

    expect(results.every((calendars) => calendars.some((calendar) => calendar.name === 'Project Phoenix'))).toBe(true);
    expect(meter.peak.get(alex.aadObjectId)).toBe(4);
    expect(kit.requests().filter((request) => request.path === `/users/${alex.aadObjectId}/calendars`)).toHaveLength(8);
    // The eight calls shared one directory lookup of Alex's address.
    expect(kit.requests().filter((request) => request.path === '/users')).toHaveLength(1);
  });

  it('does not make one mailbox wait for another', async () => {
    kit.emulator.control.injectFault({ path: '/calendars$', latencyMs: 100 });
    const meter = trafficMeter();
    const gateway = kit.gatewayWith({ transport: meter.transport });

    await Promise.all([
      ...Array.from({ length: 6 }, () => gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: alex.email })),
      ...Array.from({ length: 6 }, () => gateway.listCalendarsSharedBy(callers.megan, { ownerAddress: patti.email })),
    ]);

    expect(meter.peak.get(alex.aadObjectId)).toBe(4);
    expect(meter.peak.get(patti.aadObjectId)).toBe(4);
    expect(meter.overallPeak()).toBe(8);
  });

  it('counts /me calls against the caller and honours a custom limit', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendars$', latencyMs: 100 });
    const meter = trafficMeter();
    const gateway = kit.gatewayWith({ transport: meter.transport, maxConcurrentPerMailbox: 2 });

    await Promise.all(Array.from({ length: 5 }, () => gateway.listMyCalendars(callers.alex)));

    expect(meter.peak.get('me')).toBe(2);
  });
});

import { splitWindow } from '../../src/graph/availability';
import { alex, megan, patti } from '../support/demo-users';
import { callers, startGraphKit, type GraphKit } from './graph-kit';

describe('gateway: availability in one round trip', () => {
  let kit: GraphKit;
  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => kit.reset());

  const week = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-17T00:00:00Z'), intervalMinutes: 15 };

  it('reads getSchedule, my mailbox settings and my extra calendars in one $batch', async () => {
    const phoenix = kit.emulator.control.calendarsOf(alex.email).find((calendar) => calendar.name === 'Project Phoenix')?.id ?? '';
    const snapshot = await kit.gateway.readAvailability(callers.alex, { ...week, addresses: [alex.email, megan.email], extraCalendarIds: [phoenix] });
    expect(kit.requests().filter((entry) => !entry.inBatch).map((entry) => entry.path)).toEqual(['/$batch']);
    expect(snapshot.schedules.map((schedule) => [schedule.address, schedule.availabilityView.length])).toEqual([[alex.email, 672], [megan.email, 672]]);
    expect(snapshot.me).toMatchObject({ timeZone: 'Europe/Paris', workingHours: { startTime: '08:00:00.0000000' } });
    const events = snapshot.extraCalendars.get(phoenix);
    expect(events?.ok && events.value.map((event) => event.subject)).toEqual(expect.arrayContaining(['Phoenix kickoff']));
  });

  it('retries a throttled getSchedule inside the batch after the wait Graph asked for', async () => {
    kit.emulator.control.injectFault({ path: '^/me/calendar/getSchedule', status: 429, retryAfter: '3', times: 1 });
    const snapshot = await kit.gateway.readAvailability(callers.alex, { ...week, addresses: [patti.email], extraCalendarIds: [] });
    expect(snapshot.schedules[0].availabilityView).toHaveLength(672);
    expect(kit.waits).toEqual([3000]);
    expect(kit.requests().filter((entry) => entry.path === '/me/calendar/getSchedule').map((entry) => entry.status)).toEqual([429, 200]);
  });

  it('splits a window over 62 days, and 45 people by 20, and joins the views end to end', async () => {
    const windows = splitWindow(new Date('2025-01-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z'), 60);
    expect(windows).toHaveLength(2);
    expect(windows[0].end.getTime() - windows[0].start.getTime()).toBeLessThan(62 * 24 * 3600_000);
    expect(windows[1].start).toEqual(windows[0].end);
    const addresses = [alex.email, megan.email, ...Array.from({ length: 43 }, (_, index) => `someone${index}@partner.example.org`)];
    const snapshot = await kit.gateway.readAvailability(callers.megan, {
      addresses,
      start: new Date('2025-01-01T00:00:00Z'),
      end: new Date('2025-04-01T00:00:00Z'),
      intervalMinutes: 60,
      extraCalendarIds: [],
    });
    expect(kit.requests().filter((entry) => entry.path === '/me/calendar/getSchedule')).toHaveLength(6);
    expect(snapshot.schedules[0].availabilityView).toHaveLength(90 * 24);
    expect(snapshot.schedules[5].error).toContain('Unable to resolve');
  });

  it('matches several names and addresses in one $batch, with my time zone', async () => {
    const found = await kit.gateway.matchPeople(callers.alex, { queries: ['Megan', 'Zorro', 'pattif@example.com'], idQueries: [patti.aadObjectId] });
    expect(kit.requests().filter((entry) => !entry.inBatch)).toHaveLength(1);
    expect(found.myAddress).toBe(alex.email);
    expect(found.myTimeZone).toBe('Europe/Paris');
    const names = (query: string) => {
      const outcome = found.matches.get(query);
      return outcome?.ok ? outcome.value.map((person) => person.displayName) : 'failed';
    };
    expect([names('Megan'), names('Zorro'), names('pattif@example.com'), names(patti.aadObjectId)]).toEqual([['Megan Bowen'], [], ['Patti Fernandez'], ['Patti Fernandez']]);
  });
});

import { adele, alex, megan, patti } from '../support/demo-users';
import { calendarIdOf, callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

/** The emulator seeds events from Monday of the clock's week (2025-03-10) in each owner's zone: Monday to Friday. */
const thisWeek = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-15T00:00:00Z') };
const twoWeeks = { start: thisWeek.start, end: new Date('2025-03-24T00:00:00Z') };

describe('readAgenda', () => {
  it("reads the caller's own calendar with every detail, in the requested time zone, in order", async () => {
    const events = await kit.gateway.readAgenda(callers.alex, { ...thisWeek, timeZone: 'Europe/Paris' });

    expect(events.map((event) => event.subject)).toEqual([
      'Marketing stand-up',
      'Campaign brief review',
      'Lunch with Jordan (Partner)',
      'Doctor appointment',
      'Trade show setup',
      '1:1 with Megan',
    ]);
    expect(events[0]).toEqual({
      id: expect.any(String) as unknown,
      start: '2025-03-10T09:30:00.0000000',
      end: '2025-03-10T10:00:00.0000000',
      timeZone: 'Europe/Paris',
      isAllDay: false,
      showAs: 'busy',
      subject: 'Marketing stand-up',
      location: 'Microsoft Teams Meeting',
      isPrivate: false,
      organizer: 'Megan Bowen',
      bodyPreview: 'Daily check-in: yesterday, today, blockers.',
    });
    expect(events[3]).toMatchObject({ subject: 'Doctor appointment', isPrivate: true });
    expect(events[4]).toMatchObject({ isAllDay: true, showAs: 'workingElsewhere', start: '2025-03-13T00:00:00.0000000' });
  });

  it('gives times in the time zone asked for', async () => {
    const [first] = await kit.gateway.readAgenda(callers.alex, { ...thisWeek, timeZone: 'America/New_York' });
    expect(first).toMatchObject({ subject: 'Marketing stand-up', start: '2025-03-10T04:30:00.0000000', timeZone: 'America/New_York' });
  });

  it('asks Graph for that zone in Prefer, and takes a Windows zone name answered back as the same zone', async () => {
    const [windows] = await kit.gateway.readAgenda(callers.alex, { ...thisWeek, timeZone: 'Eastern Standard Time' });
    expect(kit.requests().at(-1)?.prefer).toBe('outlook.timezone="Eastern Standard Time"');
    expect(windows).toMatchObject({ subject: 'Marketing stand-up', start: '2025-03-10T04:30:00.0000000', timeZone: 'Eastern Standard Time' });
  });

  it("reads an owner's shared calendar with the caller's token, private items masked (read)", async () => {
    const phoenix = calendarIdOf(kit, alex.email, 'Project Phoenix');

    const events = await kit.gateway.readAgenda(callers.megan, { ownerAddress: alex.email, calendarId: phoenix, ...twoWeeks, timeZone: 'Europe/Paris' });

    expect(events.map((event) => event.subject)).toEqual(['Phoenix kickoff', 'Phoenix design review', undefined]);
    expect(events[0].bodyPreview).toContain('Kickoff of the Phoenix rebrand');
    expect(events[1].showAs).toBe('tentative');
    expect(events[2]).toMatchObject({ isPrivate: true, start: '2025-03-18T11:00:00.0000000' });
    expect(events[2].location).toBeUndefined();
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/users', `/users/${alex.aadObjectId}/calendars/${phoenix}/calendarView`]);
  });

  it("reads an owner's primary calendar at limitedRead: subject and location, no body", async () => {
    const events = await kit.gateway.readAgenda(callers.alex, { ownerAddress: adele.email, ...thisWeek, timeZone: 'Europe/Paris' });

    expect(events.map((event) => event.subject)).toEqual(['Store managers sync', undefined, 'Contract negotiation - Fabrikam']);
    expect(events[0]).toMatchObject({ location: 'Room 1.02 Vega', bodyPreview: undefined, organizer: undefined });
    expect(events[1].isPrivate).toBe(true);
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/users', `/users/${adele.aadObjectId}/calendar/calendarView`]);
  });

  it('reads free/busy only at freeBusyRead', async () => {
    const events = await kit.gateway.readAgenda(callers.megan, { ownerAddress: patti.email, ...thisWeek, timeZone: 'Europe/London' });

    expect(events).toHaveLength(2);
    expect(events.every((event) => event.subject === undefined && event.location === undefined)).toBe(true);
    expect(events[0]).toMatchObject({ start: '2025-03-10T10:00:00.0000000', showAs: 'busy' });
  });

  it("reads a shared calendar through the caller's own calendar-list entry", async () => {
    const entryId = kit.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId, calendarId: calendarIdOf(kit, alex.email, 'Project Phoenix') });

    const events = await kit.gateway.readAgenda(callers.megan, { calendarId: entryId, ...thisWeek, timeZone: 'Europe/Paris' });

    expect(events.map((event) => event.subject)).toEqual(['Phoenix kickoff', 'Phoenix design review']);
    expect(outerRequests(kit)[0].path).toBe(`/me/calendars/${entryId}/calendarView`);
  });

  it('asks only for the fields it maps, with the time zone in a Prefer header', async () => {
    await kit.gateway.readAgenda(callers.alex, { ...thisWeek, timeZone: 'Europe/Paris' });
    expect(outerRequests(kit)[0].query).toContain('$select=id,start,end,isAllDay,showAs,subject,location,sensitivity,organizer,bodyPreview');
  });

  it('refuses a window that ends before it starts, without calling Graph', async () => {
    await expect(kit.gateway.readAgenda(callers.alex, { start: thisWeek.end, end: thisWeek.start, timeZone: 'UTC' })).rejects.toMatchObject({ reason: 'invalidRequest' });
    expect(kit.requests()).toEqual([]);
  });
});

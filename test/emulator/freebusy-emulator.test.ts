import { adele, alex, isaiah, megan, patti } from '../support/demo-users';
import { graphAs, items, startEmu, text, type Emu } from './emulator-kit';

const utc = { prefer: 'outlook.timezone="UTC"' };

describe('emulator: what the free/busy view relies on', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it('getSchedule gives each person\'s own working hours and zone, the default ones otherwise', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/me/calendar/getSchedule', {
      schedules: [isaiah.email, patti.email, megan.email],
      startTime: { dateTime: '2026-11-24T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-11-25T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 60,
    }, utc);
    const [isaiahs, pattis, megans] = items(reply.body.value);
    expect(isaiahs.workingHours).toEqual({ daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], startTime: '09:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Eastern Standard Time' } });
    // Mailboxes keep the zone as Outlook stored it: a Windows name (Graph's default) or an IANA one.
    expect(pattis.workingHours).toMatchObject({ startTime: '09:00:00.0000000', endTime: '17:30:00.0000000', timeZone: { name: 'GMT Standard Time' } });
    expect(megans.workingHours).toMatchObject({ startTime: '08:00:00.0000000', endTime: '17:00:00.0000000' });
    // 24 hourly digits; Isaiah's demo 13:00-14:00 in New York is 18:00 UTC.
    expect(text(isaiahs.availabilityView)).toHaveLength(24);
    expect(text(isaiahs.availabilityView)[18]).toBe('2');
  });

  it('scheduleItems follow the reader\'s level: titles from limitedRead up, never for free/busy', async () => {
    const body = {
      schedules: [adele.email, megan.email],
      startTime: { dateTime: '2026-11-23T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-11-24T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    };
    const [adeles, megans] = items((await graphAs(emu.emulator, alex).post('/me/calendar/getSchedule', body, utc)).body.value);
    expect(items(adeles.scheduleItems)[0]).toMatchObject({ subject: 'Store managers sync', status: 'busy' });
    expect(items(megans.scheduleItems).every((item) => item.subject === undefined)).toBe(true);
  });

  it('POST /me/calendar/events creates the meeting once per transactionId and puts it in the attendees\' calendars', async () => {
    const meeting = {
      subject: 'Campaign sync',
      start: { dateTime: '2026-11-24T10:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2026-11-24T10:30:00', timeZone: 'Europe/Paris' },
      attendees: [{ type: 'required', emailAddress: { address: megan.email, name: 'Megan Bowen' } }],
      transactionId: 'tx-1',
    };
    const first = await graphAs(emu.emulator, alex).post('/me/calendar/events', meeting, utc);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ subject: 'Campaign sync', start: { dateTime: '2026-11-24T09:00:00.0000000', timeZone: 'UTC' }, isOrganizer: true });
    const again = await graphAs(emu.emulator, alex).post('/me/calendar/events', meeting, utc);
    expect(again.body.id).toBe(first.body.id);
    const view = await graphAs(emu.emulator, megan).get('/me/calendarView?startDateTime=2026-11-24T09:00:00Z&endDateTime=2026-11-24T09:30:00Z');
    expect(items(view.body.value).map((event) => [event.subject, event.showAs])).toEqual([['Campaign sync', 'tentative']]);
  });

  it('refuses a create in someone else\'s mailbox and a malformed one', async () => {
    const denied = await graphAs(emu.emulator, alex).post('/users/meganb@example.com/calendar/events', { subject: 'x' });
    expect(denied.status).toBe(403);
    const bad = await graphAs(emu.emulator, alex).post('/me/calendar/events', { subject: 'x', start: { dateTime: 'soon', timeZone: 'UTC' } });
    expect(bad.status).toBe(400);
  });

  it('getSchedule inside a $batch, as the bot sends it, can be throttled on its own', async () => {
    emu.emulator.control.injectFault({ path: '^/me/calendar/getSchedule', status: 429, retryAfter: '2', times: 1 });
    const inner = {
      id: '1',
      method: 'POST',
      url: '/me/calendar/getSchedule',
      headers: { 'Content-Type': 'application/json' },
      body: { schedules: [megan.email], startTime: { dateTime: '2026-11-24T00:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-11-24T01:00:00', timeZone: 'UTC' } },
    };
    const reply = await graphAs(emu.emulator, alex).post('/$batch', { requests: [inner, { ...inner, id: '2' }] });
    const [throttled, answered] = items(reply.body.responses);
    expect(throttled).toMatchObject({ id: '1', status: 429, headers: { 'Retry-After': '2' } });
    expect(answered).toMatchObject({ id: '2', status: 200 });
  });
});

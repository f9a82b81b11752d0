import { adele, alex, isaiah, lynne, megan } from '../support/demo-users';
import { graphAs, items, startEmu, text, type Emu } from './emulator-kit';

const paris = { prefer: 'outlook.timezone="Europe/Paris"' };
const mondayMorning = {
  startTime: { dateTime: '2026-11-23T08:00:00', timeZone: 'Europe/Paris' },
  endTime: { dateTime: '2026-11-23T12:00:00', timeZone: 'Europe/Paris' },
  availabilityViewInterval: 60,
};

describe('emulator: getSchedule', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it('gives free/busy to everyone inside through "My Organization", and an error entry for unknown people', async () => {
    const schedules = [alex.email, 'pattif@example.com', adele.email, 'nobody@example.com', 'jordan@partner.example.org'];
    const reply = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', { schedules, ...mondayMorning }, paris);
    expect(reply.status).toBe(200);
    const [alexs, pattis, adeles, nobody, jordan] = items(reply.body.value);
    expect(alexs).toEqual({
      scheduleId: alex.email,
      availabilityView: '0200',
      scheduleItems: [
        {
          isPrivate: false,
          status: 'busy',
          start: { dateTime: '2026-11-23T09:30:00.0000000', timeZone: 'Europe/Paris' },
          end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'Europe/Paris' },
        },
      ],
      workingHours: expect.objectContaining({ daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] }) as unknown,
    });
    // Patti works in London: her 10:00 is 11:00 in Paris.
    expect(pattis.availabilityView).toBe('0002');
    expect(adeles.availabilityView).toBe('0002');
    expect(nobody).toEqual({ scheduleId: 'nobody@example.com', error: { message: expect.stringContaining('Unable to resolve') as unknown, responseCode: '5009' } });
    expect(jordan.error.responseCode).toBe('5009');
  });

  it('adds subject and location from limitedRead up, but never of private items', async () => {
    const reply = await graphAs(emu.emulator, alex).post(
      '/me/calendar/getSchedule',
      {
        schedules: [adele.email],
        startTime: { dateTime: '2026-11-23T00:00:00', timeZone: 'Europe/Paris' },
        endTime: { dateTime: '2026-11-25T00:00:00', timeZone: 'Europe/Paris' },
      },
      paris,
    );
    const [adeles] = items(reply.body.value);
    expect(items(adeles.scheduleItems).map((item) => [item.subject, item.location, item.isPrivate])).toEqual([
      ['Store managers sync', 'Room 1.02 Vega', false],
      [undefined, undefined, true],
    ]);
    expect(text(adeles.availabilityView)).toHaveLength(96);
  });

  it('shows people their own private items in full', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/me/calendar/getSchedule', {
      schedules: [alex.email],
      startTime: { dateTime: '2026-11-25T00:00:00', timeZone: 'Europe/Paris' },
      endTime: { dateTime: '2026-11-26T00:00:00', timeZone: 'Europe/Paris' },
    });
    expect(items(reply.body.value)[0].scheduleItems[0]).toMatchObject({ subject: 'Doctor appointment', isPrivate: true, start: { timeZone: 'UTC' } });
  });

  it('codes out of office and working elsewhere, and leaves free items out', async () => {
    const range = (day: string): Record<string, unknown> => ({
      startTime: { dateTime: `${day}T00:00:00`, timeZone: 'Romance Standard Time' },
      endTime: { dateTime: `${day}T23:59:00`, timeZone: 'Romance Standard Time' },
      availabilityViewInterval: 720,
    });
    const thursday = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', { schedules: [alex.email], ...range('2026-11-26') });
    // Graph writes working elsewhere as 0 in the view; the item's status still says workingElsewhere.
    expect(items(thursday.body.value)[0]).toMatchObject({ availabilityView: '00', scheduleItems: [expect.objectContaining({ status: 'workingElsewhere' })] });
    const dayOff = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', { schedules: [alex.email], ...range('2026-12-02') });
    expect(items(dayOff.body.value)[0].availabilityView).toBe('33');
    const rota = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', { schedules: [lynne.email], ...range('2026-11-23') });
    expect(items(rota.body.value)[0]).toMatchObject({ availabilityView: '00', scheduleItems: [] });
  });

  it('answers an error entry when "My Organization" is set to none', async () => {
    await graphAs(emu.emulator, alex).patch('/me/calendar/calendarPermissions/RGVmYXVsdA==', { role: 'none' });
    const reply = await graphAs(emu.emulator, isaiah).post('/me/calendar/getSchedule', { schedules: [alex.email], ...mondayMorning });
    expect(reply.status).toBe(200);
    expect(items(reply.body.value)[0].error.responseCode).toBe('ErrorNoFreeBusyAccess');
  });

  it.each([
    ['more than 20 schedules', { schedules: Array.from({ length: 21 }, (_, i) => `person${i}@example.com`), ...mondayMorning }],
    ['a range over 62 days', { schedules: [alex.email], ...mondayMorning, endTime: { dateTime: '2027-01-25T08:00:00', timeZone: 'Europe/Paris' } }],
    ['an end before the start', { schedules: [alex.email], ...mondayMorning, endTime: { dateTime: '2026-11-22T08:00:00', timeZone: 'Europe/Paris' } }],
    ['an interval under 5 minutes', { schedules: [alex.email], ...mondayMorning, availabilityViewInterval: 1 }],
    ['an unknown time zone', { schedules: [alex.email], ...mondayMorning, startTime: { dateTime: '2026-11-23T08:00:00', timeZone: 'Mars/Olympus' } }],
    ['no schedules', { ...mondayMorning }],
  ])('refuses %s with 400', async (_case, body) => {
    const reply = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ErrorInvalidParameter');
  });

  it('accepts exactly 20 schedules and 62 days', async () => {
    const reply = await graphAs(emu.emulator, megan).post('/me/calendar/getSchedule', {
      schedules: Array.from({ length: 20 }, () => alex.email),
      ...mondayMorning,
      endTime: { dateTime: '2027-01-24T08:00:00', timeZone: 'Europe/Paris' },
      availabilityViewInterval: 1440,
    });
    expect(reply.status).toBe(200);
    expect(items(reply.body.value)).toHaveLength(20);
  });
});

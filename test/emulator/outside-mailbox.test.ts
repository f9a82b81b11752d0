import { alex, megan } from '../support/demo-users';
import { graphAs, items, startEmu, text, type Emu } from './emulator-kit';

const utc = { prefer: 'outlook.timezone="UTC"' };
const jordan = 'jordan@partner.example.org';

describe('emulator: a mailbox of another organisation that shared its calendar', () => {
  let emu: Emu;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it("Jordan's calendar is in Alex's list like an accepted share: Jordan as owner, no sharing on, titles but no private items", async () => {
    const list = items((await graphAs(emu.emulator, alex).get('/me/calendars')).body.value);
    const entry = list.find((calendar) => (calendar.owner as { address?: string }).address === jordan);
    expect(entry).toMatchObject({ name: 'Jordan Lee', canShare: false, canEdit: false, isDefaultCalendar: false, owner: { name: 'Jordan Lee', address: jordan } });
    const view = await graphAs(emu.emulator, alex).get(
      `/me/calendars/${text(entry?.id)}/calendarView?startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-11-30T00:00:00Z`,
      utc,
    );
    expect(view.status).toBe(200);
    const events = items(view.body.value);
    expect(events.map((event) => event.subject)).toEqual(['Partner pipeline review', 'Lunch with Alex (Contoso)', 'Webinar rehearsal', undefined]);
    expect(events[0]).toMatchObject({ start: { dateTime: '2026-11-23T09:00:00.0000000' }, showAs: 'busy' });
    expect(JSON.stringify(events)).not.toContain('Physiotherapy');
  });

  it('getSchedule answers for an outside address as Graph does for another tenant: an error, no availabilityView', async () => {
    const reply = await graphAs(emu.emulator, alex).post('/me/calendar/getSchedule', {
      schedules: [jordan, megan.email],
      startTime: { dateTime: '2026-11-23T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-11-24T00:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    }, utc);
    const [jordans, megans] = items(reply.body.value);
    expect(jordans.scheduleId).toBe(jordan);
    expect(jordans.error).toMatchObject({ responseCode: expect.any(String) as unknown });
    expect(jordans.availabilityView).toBeUndefined();
    expect(jordans.scheduleItems).toBeUndefined();
    expect(text(megans.availabilityView)).toHaveLength(48);
  });

  it('the outside mailbox is not in the directory, and nobody else sees its calendar', async () => {
    expect((await graphAs(emu.emulator, alex).get(`/users/${jordan}`)).status).toBe(404);
    const megans = items((await graphAs(emu.emulator, megan).get('/me/calendars')).body.value);
    expect(megans.some((calendar) => (calendar.owner as { address?: string }).address === jordan)).toBe(false);
  });
});

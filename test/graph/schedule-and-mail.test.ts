import { adele, megan } from '../support/demo-users';
import { callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit();
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

/** Monday 2025-03-10, a whole UTC day in hours. */
const monday = { start: new Date('2025-03-10T00:00:00Z'), end: new Date('2025-03-11T00:00:00Z'), intervalMinutes: 60 };

describe('getSchedule', () => {
  it("gives each person's free/busy at the detail the caller's role allows, and errors per person", async () => {
    const schedules = await kit.gateway.getSchedule(callers.alex, { addresses: [megan.email, adele.email, 'nobody@example.com'], ...monday });

    const [meganDay, adeleDay, nobody] = schedules;
    // Megan's stand-up is 09:30-10:00 Paris = 08:30-09:00 UTC: the 9th hour is busy.
    expect(meganDay).toMatchObject({ address: megan.email, availabilityView: '000000002000000000000000' });
    expect(meganDay.items).toEqual([{ status: 'busy', start: '2025-03-10T08:30:00.0000000', end: '2025-03-10T09:00:00.0000000', subject: undefined, isPrivate: false }]);
    // Alex has limitedRead on Adele's calendar: subjects show.
    expect(adeleDay.items).toEqual([expect.objectContaining({ subject: 'Store managers sync', start: '2025-03-10T10:00:00.0000000' })]);
    expect(nobody).toMatchObject({ address: 'nobody@example.com', availabilityView: '', items: [], error: expect.any(String) as unknown });
  });

  it('gives item times in the requested time zone', async () => {
    const [meganDay] = await kit.gateway.getSchedule(callers.alex, { addresses: [megan.email], ...monday, timeZone: 'Europe/Paris' });
    expect(meganDay.items[0].start).toBe('2025-03-10T09:30:00.0000000');
  });

  it('asks for at most 20 schedules per call', async () => {
    const addresses = Array.from({ length: 21 }, (_, index) => `ghost${index}@example.com`);

    const schedules = await kit.gateway.getSchedule(callers.alex, { addresses, ...monday });

    expect(schedules.map((schedule) => schedule.address)).toEqual(addresses);
    expect(outerRequests(kit).filter((request) => request.path === '/me/calendar/getSchedule')).toHaveLength(2);
  });

  it('refuses more than 62 days or an odd interval without calling Graph', async () => {
    const start = monday.start;
    await expect(
      kit.gateway.getSchedule(callers.alex, { addresses: [megan.email], start, end: new Date(start.getTime() + 63 * 86_400_000), intervalMinutes: 60 }),
    ).rejects.toMatchObject({ reason: 'invalidRequest' });
    await expect(kit.gateway.getSchedule(callers.alex, { addresses: [megan.email], ...monday, intervalMinutes: 2 })).rejects.toMatchObject({ reason: 'invalidRequest' });
    expect(kit.requests()).toEqual([]);
  });
});

describe('sendMail', () => {
  it("sends an HTML mail with an attachment from the caller's mailbox", async () => {
    const ics = Buffer.from('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n').toString('base64');

    await kit.gateway.sendMail(callers.alex, {
      to: [megan.email],
      subject: 'Project Phoenix is shared with you',
      html: '<p>Open it in Outlook.</p>',
      attachment: { name: 'phoenix.ics', contentType: 'text/calendar', base64: ics },
    });

    const [mail] = kit.emulator.control.sentMail(megan.email);
    expect(mail).toMatchObject({
      from: { address: 'alexw@example.com' },
      subject: 'Project Phoenix is shared with you',
      body: { contentType: 'html', content: '<p>Open it in Outlook.</p>' },
      attachments: [{ name: 'phoenix.ics', contentType: 'text/calendar', contentBytes: ics }],
    });
    expect(outerRequests(kit)).toEqual([expect.objectContaining({ method: 'POST', path: '/me/sendMail', status: 202 })]);
  });

  it('refuses an attachment of 3 MB or more, and a mail without recipients, without calling Graph', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024).toString('base64');
    await expect(
      kit.gateway.sendMail(callers.alex, { to: [megan.email], subject: 's', html: 'h', attachment: { name: 'a', contentType: 'text/plain', base64: big } }),
    ).rejects.toMatchObject({ reason: 'invalidRequest' });
    await expect(kit.gateway.sendMail(callers.alex, { to: [], subject: 's', html: 'h' })).rejects.toMatchObject({ reason: 'invalidRequest' });
    expect(kit.requests()).toEqual([]);
  });
});

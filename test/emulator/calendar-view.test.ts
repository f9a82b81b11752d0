import { alex, isaiah, megan } from '../support/demo-users';
import { calendarId, graphAs, items, startEmu, text, twoWeeks, type Emu, type Json } from './emulator-kit';

// Every reader gets the item's @odata.etag, whatever the role hides.
const times = ['@odata.etag', 'end', 'id', 'isAllDay', 'showAs', 'start'];
const limited = [...times, 'location', 'locations', 'subject'].sort();
const privateMask = [...times, 'sensitivity'].sort();

describe('emulator: calendarView filtered by the reader\'s role', () => {
  let emu: Emu;
  const alexsView = `/users/${alex.email}/calendar/calendarView?${twoWeeks}&$top=50`;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  const bySubject = (events: Json[], subject: string): Json => {
    const event = events.find((candidate) => text(candidate.subject) === subject);
    if (!event) throw new Error(`no event ${subject}`);
    return event;
  };
  /** The events as the owner sees them, to find the same ids in a reader's view. */
  async function ownerEvents(): Promise<Json[]> {
    return items((await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$top=50`)).body.value);
  }

  it('shows the owner every event, private ones included, with all details', async () => {
    const events = await ownerEvents();
    expect(events.map((event) => event.subject)).toEqual([
      'Marketing stand-up',
      'Campaign brief review',
      'Lunch with Jordan (Partner)',
      'Doctor appointment',
      'Trade show setup',
      '1:1 with Megan',
      'Quarterly planning',
      'Day off',
      'Dentist',
    ]);
    expect(bySubject(events, 'Doctor appointment')).toMatchObject({ sensitivity: 'private', body: { contentType: 'html' }, location: { displayName: 'Clinique Saint-Michel' } });
    expect(bySubject(events, 'Campaign brief review')).toMatchObject({
      organizer: { emailAddress: { address: 'alexw@example.com' } },
      attendees: [{ emailAddress: { address: 'meganb@example.com' } }, { emailAddress: { address: 'pattif@example.com' } }],
      categories: ['Blue category'],
      bodyPreview: 'Review the Q1 campaign brief and agree on the budget split.',
    });
  });

  it.each([
    ['freeBusyRead', times, times],
    ['limitedRead', limited, privateMask],
    ['read', 'all', privateMask],
    ['write', 'all', privateMask],
    ['delegateWithoutPrivateEventAccess', 'all', privateMask],
    ['delegateWithPrivateEventAccess', 'all', 'all'],
  ] as const)('a sharee with %s', async (role, normal, secret) => {
    const grant = await graphAs(emu.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: megan.email }, role });
    expect(grant.status).toBe(201);
    const owner = await ownerEvents();
    const reply = await graphAs(emu.emulator, megan).get(alexsView);
    expect(reply.status).toBe(200);
    const events = items(reply.body.value);
    expect(events.map((event) => event.id)).toEqual(owner.map((event) => event.id));
    const ownerBrief = bySubject(owner, 'Campaign brief review');
    const ownerDoctor = bySubject(owner, 'Doctor appointment');
    const brief = events.find((event) => event.id === ownerBrief.id);
    const doctor = events.find((event) => event.id === ownerDoctor.id);
    expect(normal === 'all' ? brief : Object.keys(brief ?? {}).sort()).toEqual(normal === 'all' ? ownerBrief : normal);
    expect(secret === 'all' ? doctor : Object.keys(doctor ?? {}).sort()).toEqual(secret === 'all' ? ownerDoctor : secret);
    expect(doctor?.start).toEqual(ownerDoctor.start);
  });

  it('refuses a reader with no role with 403, the default free/busy included', async () => {
    const reply = await graphAs(emu.emulator, isaiah).get(alexsView);
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ErrorAccessDenied');
  });

  it('opens the calendar to everyone inside once "My Organization" is raised to limitedRead', async () => {
    await graphAs(emu.emulator, alex).patch('/me/calendar/calendarPermissions/RGVmYXVsdA==', { role: 'limitedRead' });
    const events = items((await graphAs(emu.emulator, isaiah).get(alexsView)).body.value);
    expect(events.map((event) => event.subject)).toContain('Campaign brief review');
    expect(events.map((event) => event.subject)).not.toContain('Doctor appointment');
  });

  it('masks private events of a shared secondary calendar below private access', async () => {
    const phoenix = calendarId(emu.emulator, alex, 'Project Phoenix');
    const events = items((await graphAs(emu.emulator, megan).get(`/users/${alex.email}/calendars/${phoenix}/calendarView?${twoWeeks}`)).body.value);
    expect(events.map((event) => event.subject ?? '(private)')).toEqual(['Phoenix kickoff', 'Phoenix design review', '(private)']);
    expect(events[2].sensitivity).toBe('private');
  });

  it('answers /me/calendarView as the primary calendar\'s view', async () => {
    const short = await graphAs(emu.emulator, alex).get(`/me/calendarView?${twoWeeks}&$top=50`);
    expect(short.body.value).toEqual(await ownerEvents());
  });

  it.each([
    ['no endDateTime', 'startDateTime=2026-11-23T00:00:00Z'],
    ['a date that is not one', 'startDateTime=monday&endDateTime=2026-11-24T00:00:00Z'],
    ['an end before the start', 'startDateTime=2026-11-24T00:00:00Z&endDateTime=2026-11-23T00:00:00Z'],
  ])('refuses a window with %s', async (_case, window) => {
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${window}`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ErrorInvalidParameter');
  });

  it.each([
    [undefined, 'UTC', '2026-11-23T13:00:00.0000000'],
    ['outlook.timezone="Europe/Paris"', 'Europe/Paris', '2026-11-23T14:00:00.0000000'],
    ['outlook.timezone="America/New_York"', 'America/New_York', '2026-11-23T08:00:00.0000000'],
  ])('returns times in the Prefer time zone (%s)', async (prefer, zone, dateTime) => {
    const window = 'startDateTime=2026-11-23T12:00:00Z&endDateTime=2026-11-23T14:00:00Z';
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${window}`, prefer ? { prefer } : {});
    expect(items(reply.body.value).map((event) => event.subject)).toEqual(['Campaign brief review']);
    expect(reply.body.value[0].start).toEqual({ dateTime, timeZone: zone });
    expect(reply.headers.get('preference-applied')).toBe(`outlook.timezone="${zone}"`);
  });

  it('places all-day events at midnight in the owner\'s zone', async () => {
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$top=50`, { prefer: 'outlook.timezone="Europe/Paris"' });
    expect(bySubject(items(reply.body.value), 'Trade show setup')).toMatchObject({
      isAllDay: true,
      start: { dateTime: '2026-11-26T00:00:00.0000000' },
      end: { dateTime: '2026-11-27T00:00:00.0000000' },
    });
  });

  it('reads windows given with an offset', async () => {
    const window = `startDateTime=${encodeURIComponent('2026-11-23T14:00:00+01:00')}&endDateTime=${encodeURIComponent('2026-11-23T15:00:00+01:00')}`;
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${window}`);
    expect(items(reply.body.value).map((event) => event.subject)).toEqual(['Campaign brief review']);
  });

  it('projects $select (id always kept), after the role filter', async () => {
    const own = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$select=subject,start`);
    expect(Object.keys(items(own.body.value)[0]).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
    await graphAs(emu.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: megan.email }, role: 'freeBusyRead' });
    const shared = await graphAs(emu.emulator, megan).get(`${alexsView}&$select=subject,start`);
    expect(Object.keys(items(shared.body.value)[0]).sort()).toEqual(['@odata.etag', 'id', 'start']);
  });

  it('pages with $top and an absolute nextLink, in start order, and honours $orderby desc', async () => {
    const all = (await ownerEvents()).map((event) => event.id);
    const seen: Json[] = [];
    let link: string | undefined = `/me/calendar/calendarView?${twoWeeks}&$top=4&$orderby=start/dateTime`;
    let pages = 0;
    while (link && pages < 5) {
      const reply = await graphAs(emu.emulator, alex).get(link);
      seen.push(...items(reply.body.value).map((event) => event.id));
      link = reply.body['@odata.nextLink'] as unknown as string | undefined;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    const descending = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$top=50&$orderby=${encodeURIComponent('start/dateTime desc')}`);
    expect(items(descending.body.value).map((event) => event.id)).toEqual([...all].reverse());
  });

  it('pages by the emulator\'s page size when no $top is given', async () => {
    const window = 'startDateTime=2026-11-01T00:00:00Z&endDateTime=2026-12-31T00:00:00Z';
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${window}`);
    expect(items(reply.body.value)).toHaveLength(9);
    expect(reply.body['@odata.nextLink']).toBeUndefined();
    const small = await startEmu({ pageSize: 4 });
    try {
      const paged = await graphAs(small.emulator, alex).get(`/me/calendar/calendarView?${window}`);
      expect(items(paged.body.value)).toHaveLength(4);
      expect(text(paged.body['@odata.nextLink'])).toContain('$skiptoken=');
    } finally {
      await small.close();
    }
  });

  it('returns text bodies when the caller prefers them', async () => {
    const reply = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$top=50`, { prefer: 'outlook.body-content-type="text"' });
    expect(bySubject(items(reply.body.value), 'Doctor appointment').body).toEqual({ contentType: 'text', content: 'Bring the insurance card.' });
  });
});

import { alex, megan } from '../support/demo-users';
import { graphAs, items, startEmu, text, twoWeeks, type Emu, type Json } from './emulator-kit';

/** Follows a delta round to its end: every item and the deltaLink. */
async function round(emu: Emu, first: string, pageSize?: number): Promise<{ value: Json[]; pages: number; deltaLink: string }> {
  const graph = graphAs(emu.emulator, alex);
  const value: Json[] = [];
  let link: string | undefined = first;
  for (let pages = 1; link; pages += 1) {
    const reply = await graph.get(link, pageSize ? { prefer: `odata.maxpagesize=${pageSize}` } : {});
    expect(reply.status).toBe(200);
    value.push(...items(reply.body.value));
    if (reply.body['@odata.deltaLink']) return { value, pages, deltaLink: text(reply.body['@odata.deltaLink']) };
    link = text(reply.body['@odata.nextLink']);
    expect(link).toContain('$skiptoken=');
  }
  throw new Error('no deltaLink');
}

describe('emulator: calendarView/delta', () => {
  let emu: Emu;
  const primaryDelta = `/users/${alex.email}/calendar/calendarView/delta?${twoWeeks}`;
  beforeAll(async () => {
    emu = await startEmu();
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.emulator.control.reset());

  it('a first round lists the whole view page by page (Prefer: odata.maxpagesize) and ends with a deltaLink', async () => {
    const view = await graphAs(emu.emulator, alex).get(`/me/calendar/calendarView?${twoWeeks}&$top=100`);
    const first = await round(emu, primaryDelta, 4);
    expect(first.value.map((event) => event.id).sort()).toEqual(items(view.body.value).map((event) => event.id).sort());
    expect(first.pages).toBe(Math.ceil(first.value.length / 4));
    expect(first.deltaLink).toMatch(new RegExp(`^${emu.emulator.baseUrl.replace(/[.]/g, '\\.')}/users/.+/calendarView/delta\\?\\$deltatoken=`));
    // The link carries the window: no startDateTime needed again.
    expect(first.deltaLink).not.toContain('startDateTime');
  });

  it('the next round gives only what changed: an added, a changed and a @removed event', async () => {
    const graph = graphAs(emu.emulator, alex);
    const first = await round(emu, primaryDelta);
    expect((await round(emu, first.deltaLink)).value).toEqual([]);
    const [changed, removed] = first.value;
    expect((await graph.patch(`/me/events/${text(changed.id)}`, { subject: 'Moved to Thursday' })).status).toBe(200);
    expect((await graph.delete(`/me/events/${text(removed.id)}`)).status).toBe(204);
    const added = await graph.post('/me/events', { subject: 'New one', start: { dateTime: '2026-11-26T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-11-26T16:00:00', timeZone: 'UTC' } });
    const next = await round(emu, first.deltaLink);
    expect(next.value.find((event) => event.id === removed.id)).toEqual({ '@odata.type': '#microsoft.graph.event', id: removed.id, '@removed': { reason: 'deleted' } });
    expect(next.value.find((event) => event.id === changed.id)).toMatchObject({ subject: 'Moved to Thursday' });
    expect(next.value.find((event) => event.id === added.body.id)).toMatchObject({ subject: 'New one' });
    expect(next.value).toHaveLength(3);
    // The same link may be used again (a client that did not keep the newer one sees the same changes).
    expect((await round(emu, first.deltaLink)).value).toHaveLength(3);
    expect((await round(emu, next.deltaLink)).value).toEqual([]);
  });

  it('an unknown or forgotten token answers 410 syncStateNotFound; $select and $expand are refused; a reader without access gets 403', async () => {
    const graph = graphAs(emu.emulator, alex);
    const gone = await graph.get(`/users/${alex.email}/calendar/calendarView/delta?$deltatoken=forgotten`);
    expect(gone.status).toBe(410);
    expect(gone.body.error).toMatchObject({ code: 'syncStateNotFound' });
    expect((await graph.get(`${primaryDelta}&$select=subject`)).status).toBe(400);
    expect((await graph.get(`${primaryDelta}&$expand=singleValueExtendedProperties`)).status).toBe(400);
    expect((await graph.get(`/users/${alex.email}/calendar/calendarView/delta`)).status).toBe(400);
    expect((await graphAs(emu.emulator, megan).get(primaryDelta)).status).toBe(403);
  });
});

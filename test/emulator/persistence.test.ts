import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adele, alex, isaiah, lynne, megan, patti } from '../support/demo-users';
import { calendarId, graphAs, items, monday, startEmu, text, twoWeeks, type Emu } from './emulator-kit';

describe('emulator: state file, reset and seed', () => {
  let dir: string;
  let stateFile: string;
  const running: Emu[] = [];
  const start = async (): Promise<Emu> => {
    const emu = await startEmu({ stateFile });
    running.push(emu);
    return emu;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'emulator-state-'));
    stateFile = path.join(dir, 'nested', 'emulator-state.json');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emu) => emu.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps shares, aliases, policy and mail across a restart', async () => {
    const first = await start();
    expect(existsSync(stateFile)).toBe(true);
    await graphAs(first.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: megan.email }, role: 'write' });
    const entryId = first.emulator.control.addToCalendarList({ userId: megan.aadObjectId, ownerId: alex.aadObjectId });
    await graphAs(first.emulator, megan).patch(`/me/calendars/${entryId}`, { name: 'Alex (work)' });
    first.emulator.control.setPolicy('fabrikam.example.net', 'read');
    await graphAs(first.emulator, alex).post('/me/sendMail', { message: { subject: 'Hello', toRecipients: [{ emailAddress: { address: megan.email } }] } });
    await first.close();

    const second = await start();
    const permissions = await graphAs(second.emulator, alex).get('/me/calendar/calendarPermissions');
    expect(items(permissions.body.value).map((permission) => [permission.emailAddress.address, permission.role])).toContainEqual([megan.email, 'write']);
    expect((await graphAs(second.emulator, megan).get(`/me/calendars/${entryId}`)).body).toMatchObject({ name: 'Alex (work)', canEdit: true });
    const share = await graphAs(second.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: 'sam@fabrikam.example.net' }, role: 'read' });
    expect(share.status).toBe(201);
    expect(second.emulator.control.sentMail(megan.email).map((mail) => mail.subject)).toEqual(['Hello']);
  });

  it('resets to the seed, in memory and on disk', async () => {
    const first = await start();
    await graphAs(first.emulator, alex).post('/me/calendar/calendarPermissions', { emailAddress: { address: megan.email }, role: 'read' });
    const reset = await fetch(`${first.emulator.origin}/_emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect((await graphAs(first.emulator, alex).get('/me/calendar/calendarPermissions')).body.value).toHaveLength(1);
    await first.close();
    const second = await start();
    expect((await graphAs(second.emulator, alex).get('/me/calendar/calendarPermissions')).body.value).toHaveLength(1);
    expect(second.emulator.control.permissionsOf(adele.email).map((permission) => permission.address)).toEqual([null, alex.email]);
  });

  it('starts afresh from the seed when the state file is unreadable, keeping the bad one aside', async () => {
    const first = await start();
    await first.close();
    writeFileSync(stateFile, '{"version": 99');
    const second = await start();
    expect((await graphAs(second.emulator, alex).get('/me/calendars')).status).toBe(200);
    expect(readdirSync(path.dirname(stateFile)).some((name) => name.includes('.invalid-'))).toBe(true);
  });

  it('places the seeded events in the clock\'s week and the next, in the owner\'s time zone', async () => {
    const emu = await startEmu();
    running.push(emu);
    const events = items((await graphAs(emu.emulator, megan).get(`/me/calendar/calendarView?${twoWeeks}&$top=50`, { prefer: 'outlook.timezone="Europe/Paris"' })).body.value);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({ subject: 'Marketing stand-up', start: { dateTime: '2026-11-23T09:30:00.0000000' } });

    const later = await startEmu();
    running.push(later);
    later.clock.set(new Date(monday.getTime() + 7 * 24 * 3600_000 + 3 * 3600_000));
    later.emulator.control.reset();
    const nextWeek = items(
      (await graphAs(later.emulator, megan).get('/me/calendar/calendarView?startDateTime=2026-11-30T00:00:00Z&endDateTime=2026-12-01T00:00:00Z', { prefer: 'outlook.timezone="Europe/Paris"' })).body.value,
    );
    expect(nextWeek.map((event) => [event.subject, event.start.dateTime])).toEqual([['Marketing stand-up', '2026-11-30T09:30:00.0000000']]);
  });

  it('seeds between 15 and 40 events, private and all-day ones among them', async () => {
    const emu = await startEmu();
    running.push(emu);
    const seen: string[] = [];
    for (const owner of [alex, megan, adele, isaiah, patti, lynne]) {
      for (const calendar of emu.emulator.control.calendarsOf(owner.email)) {
        const reply = await graphAs(emu.emulator, owner).get(`/me/calendars/${calendar.id}/calendarView?${twoWeeks}&$top=100&$select=sensitivity,isAllDay`);
        seen.push(...items(reply.body.value).map((event) => `${text(event.sensitivity)}/${text(event.isAllDay)}`));
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(15);
    expect(seen.length).toBeLessThanOrEqual(40);
    expect(seen).toContain('private/false');
    expect(seen).toContain('normal/true');
    expect(calendarId(emu.emulator, alex, 'Team Offsite')).toMatch(/^AAMkA/);
  });
});

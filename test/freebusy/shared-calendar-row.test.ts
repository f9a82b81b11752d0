import type { AgendaEvent } from '../../src/graph/calendar-gateway';
import { rowFromSharedCalendars } from '../../src/freebusy/availability-model';

const grid = { start: new Date('2026-11-23T08:00:00Z'), stepMinutes: 60, steps: 6 };
const jordan = { address: 'jordan@partner.example.org', name: 'Jordan Lee', isInsideOrganization: false };

function event(start: string, end: string, showAs: string, extra: Partial<AgendaEvent> = {}): AgendaEvent {
  return { id: start, start: `2026-11-23T${start}:00.0000000`, end: `2026-11-23T${end}:00.0000000`, timeZone: 'UTC', isAllDay: false, showAs, isPrivate: false, ...extra };
}

describe('an outside person\'s row from the calendars they shared with the viewer', () => {
  it('free where nothing is, the strongest status where events overlap, across several shared calendars', () => {
    const row = rowFromSharedCalendars(grid, jordan, [
      [event('09:00', '11:00', 'tentative'), event('12:00', '13:00', 'free')],
      [event('10:00', '11:00', 'oof')],
    ]);
    expect(row.statuses).toEqual(['free', 'tentative', 'oof', 'free', 'free', 'free']);
    expect(row).toMatchObject({ sharedWithViewer: true, visibility: 'freeBusy' });
    expect(row.workingHours).toBeUndefined();
  });

  it('keeps a title only where Graph gave one, never of a private event', () => {
    const row = rowFromSharedCalendars(grid, jordan, [
      [event('08:00', '09:00', 'busy', { subject: 'Partner pipeline review' }), event('11:00', '12:00', 'busy', { subject: 'Physiotherapy', isPrivate: true })],
    ]);
    expect(row.items.map((item) => item.subject)).toEqual(['Partner pipeline review', undefined]);
    expect(row.visibility).toBe('details');
    expect(row.statuses).toEqual(['busy', 'free', 'free', 'busy', 'free', 'free']);
  });
});

import type { AgendaEvent } from '../../src/graph/calendar-gateway';
import { shareeLevel, visibleDetail } from '../../src/subscriptions/sharee-level';

const flags = (canEdit: boolean, canViewPrivateItems: boolean) => ({ canEdit, canViewPrivateItems });
const event = (fields: Partial<AgendaEvent>): AgendaEvent => ({ id: 'e', start: '', end: '', timeZone: 'UTC', isAllDay: false, showAs: 'busy', isPrivate: false, ...fields });

describe('what a sharee can know of their level', () => {
  it.each([
    ['the recorded role first', 'limitedRead', flags(true, true), 'limitedRead'],
    ['delegate when private items are visible', undefined, flags(true, true), 'delegate'],
    ['write when the calendar is editable', undefined, flags(true, false), 'write'],
    ['"can view" otherwise', undefined, flags(false, false), 'viewer'],
    ['"can view" for an unusable recorded role', 'custom', undefined, 'viewer'],
  ] as const)('takes %s', (_case, role, calendar, level) => {
    expect(shareeLevel(role, calendar)).toBe(level);
  });

  it('reads the detail level off the events Graph returned', () => {
    expect(visibleDetail([])).toBeUndefined();
    expect(visibleDetail([event({ isPrivate: true })])).toBeUndefined();
    expect(visibleDetail([event({})])).toBe('freeBusy');
    expect(visibleDetail([event({ subject: 'Sync', location: 'Room' })])).toBe('titles');
    expect(visibleDetail([event({ subject: 'Sync', organizer: 'Alex' })])).toBe('details');
  });
});

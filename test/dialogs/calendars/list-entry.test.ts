import { findListEntry, isPrimaryName } from '../../../src/dialogs/calendars/list-entry';
import type { CalendarSummary } from '../../../src/graph/calendar-gateway';
import type { Subscription } from '../../../src/subscriptions/subscription-store';

const entry = (id: string, name: string, owner = 'alexw@example.com', canShare = false): CalendarSummary => ({
  id,
  name,
  isDefault: false,
  canShare,
  canEdit: false,
  canViewPrivateItems: false,
  owner: { name: 'Alex Wilber', address: owner },
});
const subscription = (fields: Partial<Subscription> = {}): Subscription => ({
  id: 's1',
  userId: 'megan',
  ownerAddress: 'alexw@example.com',
  ownerName: 'Alex Wilber',
  calendarId: 'phoenix',
  calendarName: 'Project Phoenix',
  source: 'subscribe',
  createdAt: '',
  ...fields,
});

describe('findListEntry', () => {
  const own = entry('mine', 'Project Phoenix', 'meganb@example.com', true);
  const phoenix = entry('e-phoenix', 'Alex Wilber - Project Phoenix');
  const primary = entry('e-primary', 'Alex Wilber');

  it('finds the entry named as Outlook names it, never the owner\'s other calendars or mine', () => {
    expect(findListEntry([own, primary, phoenix], subscription(), { isPrimary: false, followed: [] })?.id).toBe('e-phoenix');
    expect(findListEntry([own, primary], subscription(), { isPrimary: false, followed: [] })).toBeUndefined();
  });

  it('finds a primary calendar by its owner\'s name, and only for a primary calendar', () => {
    const followedPrimary = subscription({ calendarName: 'Calendar' });
    expect(findListEntry([phoenix, primary], followedPrimary, { isPrimary: true, followed: [] })?.id).toBe('e-primary');
    expect(findListEntry([primary], subscription(), { isPrimary: false, followed: [] })).toBeUndefined();
  });

  it('prefers the recorded entry, then the alias, and skips entries other subscriptions own', () => {
    const renamed = entry('e-phoenix', 'Phoenix');
    expect(findListEntry([renamed], subscription({ listEntryId: 'e-phoenix' }), { isPrimary: false, followed: [] })?.id).toBe('e-phoenix');
    expect(findListEntry([renamed], subscription({ alias: 'Phoenix' }), { isPrimary: false, followed: [] })?.id).toBe('e-phoenix');
    const other = subscription({ id: 's2', listEntryId: 'e-phoenix' });
    expect(findListEntry([phoenix], subscription(), { isPrimary: false, followed: [other] })).toBeUndefined();
  });

  it('refuses to guess between two entries of the same name', () => {
    expect(findListEntry([phoenix, entry('e-2', 'Alex Wilber - Project Phoenix')], subscription(), { isPrimary: false, followed: [] })).toBeUndefined();
  });

  it.each([['Calendar', true], ['Calendrier', true], ['Project Phoenix', false]])('knows whether %s is a primary calendar name', (name, primary) => {
    expect(isPrimaryName(name)).toBe(primary);
  });
});

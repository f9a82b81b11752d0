import { filterEvent, scheduleShowsDetails, visibleEventProperties, type AccessLevel } from '../../src/emulator/role-filter';

const event = {
  id: 'e1',
  subject: 'Doctor',
  body: { contentType: 'text', content: 'x' },
  location: { displayName: 'Clinic' },
  start: { dateTime: '2026-11-23T09:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-11-23T10:00:00.0000000', timeZone: 'UTC' },
  showAs: 'busy',
  isAllDay: false,
  sensitivity: 'normal',
  attendees: [],
};

const keys = (level: AccessLevel, sensitivity: 'normal' | 'private'): string[] => Object.keys(filterEvent({ ...event, sensitivity }, level, sensitivity)).sort();

describe('what each role sees of an event', () => {
  it.each([
    ['freeBusyRead', 'normal', ['end', 'id', 'isAllDay', 'showAs', 'start']],
    ['freeBusyRead', 'private', ['end', 'id', 'isAllDay', 'showAs', 'start']],
    ['limitedRead', 'normal', ['end', 'id', 'isAllDay', 'location', 'showAs', 'start', 'subject']],
    ['limitedRead', 'private', ['end', 'id', 'isAllDay', 'sensitivity', 'showAs', 'start']],
    ['read', 'private', ['end', 'id', 'isAllDay', 'sensitivity', 'showAs', 'start']],
    ['write', 'private', ['end', 'id', 'isAllDay', 'sensitivity', 'showAs', 'start']],
    ['delegateWithoutPrivateEventAccess', 'private', ['end', 'id', 'isAllDay', 'sensitivity', 'showAs', 'start']],
  ] as const)('%s on a %s event', (level, sensitivity, expected) => {
    expect(keys(level, sensitivity)).toEqual(expected);
  });

  it.each(['read', 'write', 'delegateWithoutPrivateEventAccess', 'delegateWithPrivateEventAccess', 'owner'] as const)('%s sees every detail of a normal event', (level) => {
    expect(visibleEventProperties(level, 'normal')).toBe('all');
  });

  it('shows private events in full only to the owner and private-access delegates', () => {
    expect(visibleEventProperties('owner', 'private')).toBe('all');
    expect(visibleEventProperties('delegateWithPrivateEventAccess', 'private')).toBe('all');
    expect(visibleEventProperties('delegateWithoutPrivateEventAccess', 'private')).not.toBe('all');
  });

  it('gives getSchedule details from limitedRead up, never of private items to others', () => {
    expect(scheduleShowsDetails('freeBusyRead', 'normal')).toBe(false);
    expect(scheduleShowsDetails('limitedRead', 'normal')).toBe(true);
    expect(scheduleShowsDetails('read', 'private')).toBe(false);
    expect(scheduleShowsDetails('owner', 'private')).toBe(true);
  });
});

import { agendaCard } from '../../../src/dialogs/calendars/agenda-view';
import { agendaWindow } from '../../../src/dialogs/calendars/agenda-window';
import type { Caller } from '../../../src/dialogs/caller';
import type { AgendaEvent } from '../../../src/graph/calendar-gateway';
import { translatorFor } from '../../../src/i18n';
import type { Subscription } from '../../../src/subscriptions/subscription-store';
import { cardText } from '../../support/cards';

const caller: Caller = { userId: 'megan', tenantId: 't', name: 'Megan Bowen', mri: '29:megan', locale: 'en', t: translatorFor('en') };
const subscription: Subscription = {
  id: 'sub-1',
  userId: 'megan',
  ownerAddress: 'alexw@example.com',
  ownerName: 'Alex Wilber',
  calendarId: 'cal',
  calendarName: 'Calendar',
  role: 'delegateWithPrivateEventAccess',
  source: 'invitation',
  createdAt: '2026-11-01T00:00:00.000Z',
};
const window = agendaWindow('week', new Date('2026-11-23T09:00:00Z'), 'Europe/Paris');

function event(fields: Partial<AgendaEvent>): AgendaEvent {
  return { id: 'e', start: '2026-11-24T09:00:00.0000000', end: '2026-11-24T10:00:00.0000000', timeZone: 'Europe/Paris', isAllDay: false, showAs: 'busy', isPrivate: false, ...fields };
}

describe('agendaCard', () => {
  it('never shows a private event\'s details, even when Graph returned them to a delegate', () => {
    const private_ = event({ subject: 'Doctor appointment', location: 'Clinique', bodyPreview: 'Bring the card', organizer: 'Alex Wilber', isPrivate: true });
    const text = cardText(agendaCard(caller, { subscription, window, zone: 'Europe/Paris', events: [private_] }));
    expect(text).toContain('Private appointment');
    expect(text).not.toMatch(/Doctor|Clinique|Bring the card/);
    expect(text).toContain("Alex Wilber's calendar · Delegate with private events");
  });

  it('converts times Graph gave in another zone, and labels all-day and overnight events', () => {
    const events = [
      event({ id: 'utc', subject: 'Call', start: '2026-11-24T08:00:00.0000000', end: '2026-11-24T08:30:00.0000000', timeZone: 'UTC' }),
      event({ id: 'off', subject: 'Day off', isAllDay: true, showAs: 'oof', start: '2026-11-25T00:00:00.0000000', end: '2026-11-27T00:00:00.0000000' }),
      event({ id: 'late', subject: 'Release', start: '2026-11-27T22:00:00.0000000', end: '2026-11-28T01:00:00.0000000' }),
    ];
    const text = cardText(agendaCard(caller, { subscription, window, zone: 'Europe/Paris', events }));
    expect(text).toMatch(/Tuesday, November 24\n09:00 – 09:30\nCall/);
    expect(text).toMatch(/Wednesday, November 25\nAll day, until Thursday, November 26\nDay off\nOut of office/);
    expect(text).toMatch(/22:00 – 01:00 \(\+1\)\nRelease/);
  });

  it('shows an event that began before the window on its first day, and drops one after it', () => {
    const events = [
      event({ id: 'before', subject: 'Conference', isAllDay: true, start: '2026-11-21T00:00:00.0000000', end: '2026-11-24T00:00:00.0000000' }),
      event({ id: 'after', subject: 'Next week', start: '2026-11-30T09:00:00.0000000', end: '2026-11-30T10:00:00.0000000' }),
    ];
    const text = cardText(agendaCard(caller, { subscription, window, zone: 'Europe/Paris', events }));
    expect(text).toMatch(/Monday, November 23\n[^\n]*\nConference/);
    expect(text).not.toContain('Next week');
  });
});

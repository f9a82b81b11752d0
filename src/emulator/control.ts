import { accessTo, primaryCalendarOf } from './calendar-access';
import type { FaultRegistry, FaultSpec } from './faults';
import type { GraphDispatcher, RequestLogEntry } from './graph-dispatcher';
import type { DirectoryUser } from './org-schema';
import { calendarRoles, type CalendarRole } from './sharing-rules';
import { exchangeId, type CapturedMessage, type EmulatorState, type StoredCalendar, type StoredEvent, type StoredPermission } from './state';
import { resolveTimeZone } from './time-zone';
import type { EmulatorStore } from './state-store';

export type { FaultSpec, RequestLogEntry, CapturedMessage, DirectoryUser, CalendarRole };

export interface CalendarListRequest {
  /** The sharee: object id, userPrincipalName or mail. */
  userId: string;
  /** The calendar's owner: object id, userPrincipalName or mail. */
  ownerId: string;
  /** The owner's calendar id; the owner's primary calendar when absent. */
  calendarId?: string;
}

/** Test and demo hooks, the same as the /_emulator HTTP routes. Nothing here exists in real Graph. */
export interface EmulatorControl {
  /** Back to the demo organisation's seed, around the clock's current week. */
  reset(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  faults(): FaultSpec[];
  /**
   * What Outlook does when a sharee opens a sharing invitation (Graph cannot): adds the owner's
   * calendar to the sharee's calendar list. Needs a current share; returns the new entry's id.
   */
  addToCalendarList(request: CalendarListRequest): string;
  /** Captured sendMail messages, optionally only those addressed (to, cc or bcc) to one address. */
  sentMail(to?: string): CapturedMessage[];
  /** Every handled /v1.0 request, $batch inner requests included. */
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** Caps what the organisation lets its people share with a domain outside; domain "*" sets the default. */
  setPolicy(domain: string, maxRole: CalendarRole): void;
  /** What listing the calendars of someone who shares none answers (see EmulatorState.unsharedCalendarList); reset restores 403. */
  setUnsharedCalendarList(answer: EmulatorState['unsharedCalendarList']): void;
  getUser(idOrAddress: string): DirectoryUser | undefined;
  /** The owner's calendars (ids and names), for tests that need an id without a Graph call. */
  calendarsOf(ownerId: string): StoredCalendar[];
  /** The stored permissions of one of the owner's calendars (primary when absent). */
  permissionsOf(ownerId: string, calendarId?: string): StoredPermission[];
  /** Adds events (occurrences of a series included) to one of the owner's calendars; returns their ids. */
  addEvents(ownerId: string, events: NewEmulatorEvent[]): string[];
  /** Changes a mailbox's time zone (a Windows name as Outlook stores it, or IANA), in memory only. */
  setMailboxTimeZone(userId: string, timeZone: string): void;
}

/** An event a test adds; times are instants (ISO 8601 with offset). */
export interface NewEmulatorEvent {
  calendarId?: string;
  subject: string;
  start: string;
  end: string;
  isAllDay?: boolean;
  showAs?: StoredEvent['showAs'];
  sensitivity?: StoredEvent['sensitivity'];
  location?: string;
  body?: string;
  categories?: string[];
  /** The zone it was created in; the owner's when absent. */
  timeZone?: string;
  seriesMasterId?: string;
  originalStart?: string;
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

export function createControl(store: EmulatorStore, faults: FaultRegistry, dispatcher: GraphDispatcher): EmulatorControl {
  const user = (idOrAddress: string): DirectoryUser => {
    const found = store.findUser(idOrAddress);
    if (!found) throw new ControlError(404, `No user '${idOrAddress}' in the directory`);
    return found;
  };
  const calendarOf = (owner: DirectoryUser, calendarId?: string): StoredCalendar => {
    if (calendarId === undefined) return primaryCalendarOf(store.state, owner.id);
    const calendar = store.state.calendars.find((candidate) => candidate.id === calendarId && candidate.ownerId === owner.id);
    if (!calendar) throw new ControlError(404, `${owner.mail} has no calendar '${calendarId}'`);
    return calendar;
  };

  return {
    reset: () => store.reset(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    addToCalendarList(request) {
      const sharee = user(request.userId);
      const owner = user(request.ownerId);
      const calendar = calendarOf(owner, request.calendarId);
      if (sharee.id === owner.id) throw new ControlError(400, 'A calendar is already in its owner\'s list');
      if (!accessTo(store.state, calendar, sharee).canOpen) {
        throw new ControlError(403, `${owner.mail} has not shared "${calendar.name}" with ${sharee.mail}`);
      }
      const existing = store.state.calendarList.find((entry) => entry.userId === sharee.id && entry.calendarId === calendar.id);
      if (existing) return existing.id;
      const id = exchangeId('calendar-list', `${sharee.id}:${calendar.id}`);
      // Outlook names the added calendar after its owner, like "Alex Wilber - Project Phoenix".
      const name = calendar.isDefault ? owner.displayName : `${owner.displayName} - ${calendar.name}`;
      store.change((state) => state.calendarList.push({ id, userId: sharee.id, ownerId: owner.id, calendarId: calendar.id, name, color: 'auto' }));
      return id;
    },
    sentMail(to) {
      const address = to?.trim().toLowerCase();
      const all = store.state.mail;
      if (!address) return all.map((message) => ({ ...message }));
      return all
        .filter((message) =>
          [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients].some((r) => r.emailAddress.address.toLowerCase() === address),
        )
        .map((message) => ({ ...message }));
    },
    requests: () => dispatcher.log.map((entry) => ({ ...entry })),
    clearRequests: () => {
      dispatcher.log.length = 0;
    },
    setPolicy(domain, maxRole) {
      if (!(calendarRoles as readonly string[]).includes(maxRole)) throw new ControlError(400, `Unknown role '${String(maxRole)}'`);
      const key = domain.trim().toLowerCase();
      store.change((state) => {
        if (key === '*') state.policy.defaultExternal = maxRole;
        else state.policy.domains[key] = maxRole;
      });
    },
    setUnsharedCalendarList(answer) {
      store.change((state) => {
        state.unsharedCalendarList = answer;
      });
    },
    getUser: (idOrAddress) => store.findUser(idOrAddress),
    calendarsOf: (ownerId) => store.state.calendars.filter((calendar) => calendar.ownerId === user(ownerId).id).map((calendar) => ({ ...calendar })),
    permissionsOf(ownerId, calendarId) {
      const calendar = calendarOf(user(ownerId), calendarId);
      return store.state.permissions.filter((permission) => permission.calendarId === calendar.id).map((permission) => ({ ...permission }));
    },
    addEvents(ownerId, events) {
      const owner = user(ownerId);
      const stored: StoredEvent[] = events.map((event) => {
        const calendar = calendarOf(owner, event.calendarId);
        const id = exchangeId('event', `added:${store.state.sequence}:${event.subject}:${event.start}`);
        store.change((state) => {
          state.sequence += 1;
        });
        return {
          id,
          calendarId: calendar.id,
          subject: event.subject,
          body: event.body ?? '',
          start: new Date(event.start).toISOString(),
          end: new Date(event.end).toISOString(),
          originalTimeZone: event.timeZone ?? resolveTimeZone(owner.timeZone) ?? 'UTC',
          isAllDay: event.isAllDay ?? false,
          showAs: event.showAs ?? 'busy',
          sensitivity: event.sensitivity ?? 'normal',
          location: event.location ?? null,
          categories: event.categories ?? [],
          organizer: { name: owner.displayName, address: owner.mail },
          attendees: [],
          isOnlineMeeting: false,
          createdDateTime: store.clock.now().toISOString(),
          ...(event.seriesMasterId ? { seriesMasterId: event.seriesMasterId, originalStart: new Date(event.originalStart ?? event.start).toISOString() } : {}),
        };
      });
      store.change((state) => state.events.push(...stored));
      return stored.map((event) => event.id);
    },
    setMailboxTimeZone(userId, timeZone) {
      if (!resolveTimeZone(timeZone)) throw new ControlError(400, `Unknown time zone '${timeZone}'`);
      user(userId).timeZone = timeZone;
    },
  };
}

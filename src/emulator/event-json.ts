import { createHash } from 'node:crypto';
import type { DirectoryUser } from './org-schema';
import type { StoredEvent } from './state';
import { toDateTimeTimeZone } from './time-zone';

export type BodyContentType = 'html' | 'text';

/** Graph returns HTML bodies unless the caller prefers `outlook.body-content-type="text"`. */
export function preferredBodyType(prefer: string | undefined): BodyContentType {
  return /outlook\.body-content-type\s*=\s*"?text"?/i.test(prefer ?? '') ? 'text' : 'html';
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function locationJson(displayName: string | null): Record<string, unknown> {
  if (!displayName) return { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} };
  return { displayName, locationType: 'default', uniqueId: displayName, uniqueIdType: 'private', address: {}, coordinates: {} };
}

/** Every property of an event as its owner sees it; readers get a filtered copy (role-filter.ts). */
export function eventJson(event: StoredEvent, owner: DirectoryUser, zone: string, bodyType: BodyContentType): Record<string, unknown> {
  const isOrganizer = event.organizer.address === owner.mail;
  const location = locationJson(event.location);
  const changeKey = changeKeyOf(event);
  return {
    '@odata.etag': weakETag(changeKey),
    id: event.id,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime ?? event.createdDateTime,
    changeKey,
    categories: event.categories,
    originalStartTimeZone: event.originalTimeZone,
    originalEndTimeZone: event.originalTimeZone,
    // Unique per event, as in Exchange (the id's first bytes are shared by every event of a mailbox).
    iCalUId: `040000008200E00074C5B7101A82E008${createHash('sha1').update(event.id).digest('hex').slice(0, 32).toUpperCase()}`,
    reminderMinutesBeforeStart: event.isAllDay ? 1080 : 15,
    isReminderOn: true,
    hasAttachments: false,
    subject: event.subject,
    bodyPreview: event.body.replace(/\s+/g, ' ').trim().slice(0, 255),
    importance: 'normal',
    sensitivity: event.sensitivity,
    isAllDay: event.isAllDay,
    isCancelled: false,
    isOrganizer,
    responseRequested: true,
    seriesMasterId: event.seriesMasterId ?? null,
    ...(event.originalStart ? { originalStart: event.originalStart } : {}),
    showAs: event.showAs,
    type: event.seriesMasterId ? 'occurrence' : 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.isOnlineMeeting ? 'teamsForBusiness' : 'unknown',
    onlineMeeting: event.isOnlineMeeting ? { joinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(event.id)}` } : null,
    allowNewTimeProposals: true,
    isDraft: false,
    hideAttendees: false,
    recurrence: event.recurrence ?? null,
    responseStatus: { response: isOrganizer ? 'organizer' : 'accepted', time: '0001-01-01T00:00:00Z' },
    body: bodyType === 'text' ? { contentType: 'text', content: event.body } : { contentType: 'html', content: `<html><body>${escapeHtml(event.body)}</body></html>` },
    start: toDateTimeTimeZone(new Date(event.start), zone),
    end: toDateTimeTimeZone(new Date(event.end), zone),
    location,
    locations: event.location ? [location] : [],
    attendees: event.attendees.map((attendee) => ({
      type: 'required',
      status: { response: 'none', time: '0001-01-01T00:00:00Z' },
      emailAddress: { name: attendee.name, address: attendee.address },
    })),
    organizer: { emailAddress: { name: event.organizer.name, address: event.organizer.address } },
  };
}

/** Outlook's `@odata.etag`: the item's changeKey as a weak entity tag, what `If-Match` may send back. */
export function weakETag(changeKey: string): string {
  return `W/"${changeKey}"`;
}

/** Changes with every change of the event, as Exchange's does: what If-Match compares. */
export function changeKeyOf(event: StoredEvent): string {
  return createHash('sha1').update(JSON.stringify(event)).digest('base64').slice(0, 24);
}

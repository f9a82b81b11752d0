import { appActingOn, type CalendarGateway, type ExportEvent } from '../graph/calendar-gateway';

/**
 * The seam between published feeds and Graph: how a feed reads its owner's calendar when no one is
 * in a turn. A subscriber's fetch is background work, so it reads with the product's own identity
 * acting on the owner's mailbox (`appActingOn`), never with a user's delegated token.
 */
export interface FeedCalendarSource {
  readEvents(params: { ownerUserId: string; calendarId: string; start: Date; end: Date; timeZone: string }): Promise<ExportEvent[]>;
}

/** The feed source over a CalendarGateway: `/users/{owner}/calendars/{id}/calendarView` with the app identity. */
export function gatewayFeedSource(gateway: Pick<CalendarGateway, 'readCalendarExport'>): FeedCalendarSource {
  return {
    readEvents: ({ ownerUserId, calendarId, start, end, timeZone }) =>
      gateway.readCalendarExport(appActingOn(ownerUserId), { ownerId: ownerUserId, calendarId, start, end, timeZone }),
  };
}

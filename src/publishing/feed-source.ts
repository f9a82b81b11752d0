import type { CalendarGateway, ExportEvent } from '../graph/calendar-gateway';

/**
 * THE seam between published feeds and Graph: how a feed reads its owner's calendar when no one is
 * in a turn. Today it is the same gateway the share maintenance jobs use, with the owner's id as the
 * caller (the emulator's tokens locally); the application identity ("Work that runs without the
 * user") replaces it here, and only here.
 */
export interface FeedCalendarSource {
  readEvents(params: { ownerUserId: string; calendarId: string; start: Date; end: Date; timeZone: string }): Promise<ExportEvent[]>;
}

/** The feed source over a CalendarGateway: `/users/{owner}/calendars/{id}/calendarView`. */
export function gatewayFeedSource(gateway: Pick<CalendarGateway, 'readCalendarExport'>): FeedCalendarSource {
  return {
    readEvents: ({ ownerUserId, calendarId, start, end, timeZone }) =>
      gateway.readCalendarExport({ userId: ownerUserId }, { ownerId: ownerUserId, calendarId, start, end, timeZone }),
  };
}

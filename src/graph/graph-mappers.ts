import type {
  Calendar,
  CalendarPermission as GraphCalendarPermission,
  Event,
  ScheduleInformation,
  User,
  WorkingHours as WorkingHoursJson,
} from '@microsoft/microsoft-graph-types';
import type { AgendaEvent, CalendarPermission, CalendarSummary, Person, PersonSchedule, WorkingHours } from './calendar-gateway';

/** Graph's fields each mapper reads: the `$select` of the matching request, so nothing unused is fetched. */
export const selectFields = {
  user: ['id', 'displayName', 'mail', 'userPrincipalName', 'userType'],
  calendar: ['id', 'name', 'isDefaultCalendar', 'canShare', 'canEdit', 'canViewPrivateItems', 'owner'],
  permission: ['id', 'role', 'allowedRoles', 'emailAddress', 'isInsideOrganization', 'isRemovable'],
  event: ['id', 'start', 'end', 'isAllDay', 'showAs', 'subject', 'location', 'sensitivity', 'organizer', 'bodyPreview'],
} as const;

/** A directory user as a person; guests are in the directory but outside the organization. */
export function toPerson(user: User): Person | undefined {
  const address = user.mail ?? user.userPrincipalName;
  if (!address) return undefined;
  return {
    id: user.id ?? undefined,
    displayName: user.displayName ?? address,
    address,
    isInsideOrganization: user.userType !== 'Guest',
  };
}

export function toCalendarSummary(calendar: Calendar): CalendarSummary {
  return {
    id: calendar.id ?? '',
    name: calendar.name ?? '',
    isDefault: calendar.isDefaultCalendar ?? false,
    canShare: calendar.canShare ?? false,
    canEdit: calendar.canEdit ?? false,
    canViewPrivateItems: calendar.canViewPrivateItems ?? false,
    owner: { name: calendar.owner?.name ?? '', address: calendar.owner?.address ?? '' },
  };
}

/** "My Organization" is the entry without an address; it is never removable and always inside. */
export function toCalendarPermission(permission: GraphCalendarPermission): CalendarPermission {
  const address = permission.emailAddress?.address || null;
  const isMyOrganization = address === null;
  return {
    id: permission.id ?? '',
    role: permission.role ?? 'none',
    allowedRoles: permission.allowedRoles ?? [],
    recipient: { name: permission.emailAddress?.name ?? '', address },
    isMyOrganization,
    isInsideOrganization: permission.isInsideOrganization ?? isMyOrganization,
    isRemovable: permission.isRemovable ?? !isMyOrganization,
  };
}

/** Fields the caller's role hides come back empty or absent; both become `undefined`. */
export function toAgendaEvent(event: Event, requestedTimeZone: string): AgendaEvent {
  return {
    id: event.id ?? '',
    start: event.start?.dateTime ?? '',
    end: event.end?.dateTime ?? '',
    timeZone: event.start?.timeZone ?? requestedTimeZone,
    isAllDay: event.isAllDay ?? false,
    showAs: event.showAs ?? 'unknown',
    subject: event.subject || undefined,
    location: event.location?.displayName || undefined,
    isPrivate: event.sensitivity === 'private' || event.sensitivity === 'confidential',
    organizer: event.organizer?.emailAddress?.name || event.organizer?.emailAddress?.address || undefined,
    bodyPreview: event.bodyPreview || undefined,
  };
}

export function toPersonSchedule(address: string, schedule: ScheduleInformation | undefined): PersonSchedule {
  if (!schedule) return { address, availabilityView: '', items: [], error: 'No schedule returned' };
  return {
    address,
    availabilityView: schedule.availabilityView ?? '',
    items: (schedule.scheduleItems ?? []).map((item) => ({
      status: item.status ?? 'unknown',
      start: item.start?.dateTime ?? '',
      end: item.end?.dateTime ?? '',
      subject: item.subject || undefined,
      isPrivate: item.isPrivate ?? undefined,
    })),
    error: schedule.error?.message ?? undefined,
    workingHours: toWorkingHours(schedule.workingHours),
  };
}

export function toWorkingHours(hours: WorkingHoursJson | null | undefined): WorkingHours | undefined {
  if (!hours?.daysOfWeek || !hours.startTime || !hours.endTime) return undefined;
  return { daysOfWeek: hours.daysOfWeek.map(String), startTime: hours.startTime, endTime: hours.endTime, timeZone: hours.timeZone?.name ?? undefined };
}

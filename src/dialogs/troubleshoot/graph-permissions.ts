import { appActingOn, type CalendarGateway, type CalendarPermission, type CalendarSummary, type Outcome } from '../../graph/calendar-gateway';
import { reasonOf, settle, type Settled } from '../../troubleshoot/check-report';
import { sameAddress, type ShareRecord } from '../../troubleshoot/sharing-records';
import { levelName, reasonText, type Speaker } from './case-text';

/** One of a person's own calendars, with its permissions as Graph reports them. */
export interface CalendarPermissionsInGraph {
  calendar: CalendarSummary;
  permissions: Outcome<CalendarPermission[]>;
}

export type PermissionsInGraph = Settled<CalendarPermissionsInGraph[]>;

export type PermissionsGateway = Pick<CalendarGateway, 'listMyCalendars' | 'listPermissionsForCalendars'>;

/**
 * Every permission on the person's own calendars, shares made in Outlook included. Only the owner can
 * list a calendar's permissions, so this reads with the application identity acting on their mailbox
 * (`appActingOn`), never with the helpdesk member's token; the helpdesk check is done before.
 */
export async function permissionsInGraph(gateway: PermissionsGateway, person: { id: string; address: string }): Promise<PermissionsInGraph> {
  const app = appActingOn(person.id);
  const calendars = await settle(gateway.listMyCalendars(app));
  if (!calendars.ok) return calendars;
  // Shared calendars the person added to their own list belong to others: their owners hold those permissions.
  const own = calendars.value.filter((calendar) => !calendar.owner.address || sameAddress(calendar.owner.address, person.address));
  const byCalendar = await gateway.listPermissionsForCalendars(app, { calendarIds: own.map((calendar) => calendar.id) });
  return {
    ok: true,
    value: own.map((calendar) => ({ calendar, permissions: byCalendar.get(calendar.id) ?? { ok: false, error: new Error('missing') } })),
  };
}

/** The lines of the diagnose card's "in Outlook" section: one per permission, saying where it was made. */
export function permissionLines(speaker: Speaker, found: PermissionsInGraph, shares: ShareRecord[]): string[] {
  const { t } = speaker;
  if (!found.ok) return [t('troubleshoot:helpdesk.graph.failed', { reasonText: reasonText(t, reasonOf(found.error)) })];
  const lines = found.value.flatMap(({ calendar, permissions }) => {
    if (!permissions.ok) return [t('troubleshoot:helpdesk.graph.unreadable', { calendar: calendar.name, reasonText: reasonText(t, reasonOf(permissions.error)) })];
    return permissions.value.map((permission) => {
      const level = levelName(t, permission.role);
      if (permission.isMyOrganization || !permission.recipient.address) return t('troubleshoot:helpdesk.graph.organization', { calendar: calendar.name, level });
      const address = permission.recipient.address;
      const viaAssistant = shares.some((share) => sameAddress(share.recipientAddress, address) && share.calendarName === calendar.name);
      return t(viaAssistant ? 'troubleshoot:helpdesk.graph.viaAssistant' : 'troubleshoot:helpdesk.graph.inOutlook', {
        calendar: calendar.name,
        recipient: `${permission.recipient.name || address} <${address}>`,
        level,
      });
    });
  });
  return lines.length > 0 ? lines : [t('troubleshoot:helpdesk.graph.none')];
}

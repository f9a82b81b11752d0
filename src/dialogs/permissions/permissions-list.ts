import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarPermission, Outcome, Person } from '../../graph/calendar-gateway';
import type { CalendarRead } from '../../graph/calendar-reads';
import { isGraphError } from '../../graph/graph-error';
import { roleLabel } from '../../sharing/roles';
import type { Caller } from '../caller';
import { button, commandButton } from '../share/card-kit';
import type { ShareFeatureDeps } from '../share/feature-deps';
import { offeredCalendarsMaxAgeMs } from '../share/share-form';
import { failureText } from '../share/share-status';
import type { RecentListings } from './recent-listings';

/** The share dialogs' deps, and what the list last showed each person. */
export type PermissionsDeps = ShareFeatureDeps & { recent: RecentListings };

/** How many entries one calendar shows, so the card stays well under Teams' size limit. */
const maxEntriesPerCalendar = 30;

export function recipientName(caller: Caller, permission: CalendarPermission): string {
  if (permission.isMyOrganization || !permission.recipient.address) return caller.t('permissions:organization');
  return permission.recipient.name || permission.recipient.address;
}

/**
 * /permissions: for each of the caller's calendars, who has access and at what level (Graph's
 * list, "My Organization" included), with Change and, where Exchange allows it, Revoke. The
 * permissions are always read again; `reuseCalendars` (the list drawn again after a click) takes
 * the calendars from the listing of the last minute, when there is one.
 */
export async function permissionsCard(deps: PermissionsDeps, caller: Caller, options: { reuseCalendars?: boolean } = {}): Promise<AdaptiveCardJson | undefined> {
  return (await drawPermissions(deps, caller, options)).card;
}

/**
 * The list, and `lookUp` (a recipient to tell of a change) resolved in the same `$batch` as the
 * permissions: the redraw after a change costs one round trip with it.
 */
export async function drawPermissions(
  deps: PermissionsDeps,
  caller: Caller,
  options: { reuseCalendars?: boolean; lookUp?: string },
): Promise<{ card?: AdaptiveCardJson; person?: Outcome<Person> }> {
  const { t } = caller;
  const owner = { userId: caller.userId };
  const known = options.reuseCalendars ? deps.recent.calendars(caller.userId) : undefined;
  const calendars = known ?? (await deps.gateway.listMyCalendars(owner, { maxAgeMs: offeredCalendarsMaxAgeMs })).filter((calendar) => calendar.canShare);
  if (calendars.length === 0 && options.lookUp === undefined) return {};
  const reads: Record<string, CalendarRead> = Object.fromEntries(calendars.map((calendar) => [calendar.id, { read: 'permissions', calendarId: calendar.id }]));
  // Calendar ids are Graph's opaque ids: a key they cannot take keeps the person apart.
  if (options.lookUp !== undefined) reads[personKey] = { read: 'person', address: options.lookUp };
  const read = await deps.gateway.readTogether(owner, reads);
  const person = options.lookUp === undefined ? undefined : (read[personKey] as Outcome<Person>);
  if (calendars.length === 0) return { person };
  const outcomes = new Map(calendars.map((calendar) => [calendar.id, read[calendar.id] as Outcome<CalendarPermission[]>]));
  // Nothing readable (Graph down, or throttling the whole request): the error says why, and when to try again.
  const failures = [...outcomes.values()].flatMap((outcome) => (outcome.ok ? [] : [outcome.error]));
  if (failures.length === calendars.length) throw failures[0];
  deps.recent.remember(
    caller.userId,
    calendars,
    new Map([...outcomes].flatMap(([id, outcome]) => (outcome.ok ? [[id, outcome.value] as const] : []))),
  );
  const waiting = (await deps.invitations.listActiveForOwner(caller.userId)).filter((invitation) => invitation.status === 'pending');
  // Someone outside who got a personal subscription link (no code) has nothing to answer: the link is the share.
  const linkSent = (invitation: (typeof waiting)[number]) => !invitation.recipient.isInsideOrganization && invitation.channel === 'email' && !invitation.code;
  const pending = new Map(waiting.map((invitation) => [`${invitation.calendar.id}|${invitation.recipient.address}`, linkSent(invitation) ? 'publish:entry.linkSent' : 'permissions:invitationPending']));
  const sections = calendars.map((calendar) => {
    const outcome = outcomes.get(calendar.id);
    if (!outcome?.ok) {
      const reason = outcome && isGraphError(outcome.error) ? outcome.error.reason : undefined;
      return { name: calendar.name, entries: [], problem: t('permissions:unreadable', { reason: failureText(caller, reason) }), empty: '' };
    }
    const hidden = outcome.value.length - maxEntriesPerCalendar;
    const entries = outcome.value.slice(0, maxEntriesPerCalendar).map((permission) => {
      const address = permission.recipient.address?.toLowerCase();
      const notes = [
        ...(address && !permission.isInsideOrganization ? [t('permissions:external')] : []),
        ...(address && pending.has(`${calendar.id}|${address}`) ? [t(pending.get(`${calendar.id}|${address}`)!)] : []),
      ];
      const ids = { calendarId: calendar.id, permissionId: permission.id };
      return {
        title: t('permissions:entry', { name: recipientName(caller, permission), level: roleLabel(t, permission.role) }),
        detail: [permission.recipient.address ?? t('permissions:organizationDetail'), ...notes].join(' · '),
        buttons: [
          button(t('permissions:change'), Verb.PermissionsChange, ids),
          ...(permission.isRemovable ? [button(t('permissions:revoke'), Verb.PermissionsRevoke, ids, 'destructive')] : []),
        ],
      };
    });
    // The template's subtle line under the calendar's name: "nobody", or how many are not shown.
    const note = entries.length === 0 ? t('permissions:none') : hidden > 0 ? t('permissions:truncated', { shown: entries.length, more: hidden }) : '';
    return { name: calendar.isDefault ? t('share:form.primary', { name: calendar.name }) : calendar.name, entries, problem: '', empty: note };
  });
  const links = deps.publishedLinks ? await deps.publishedLinks(caller) : [];
  if (links.length > 0) sections.push({ name: t('publish:section'), entries: links, problem: '', empty: '' });
  const card = renderCard('permissions-list', {
    title: t('permissions:title'),
    intro: t('permissions:intro'),
    calendars: sections,
    buttons: [button(t('permissions:history'), Verb.PermissionsHistory), commandButton(t('permissions:share'), 'share')],
  });
  return { card, person };
}

const personKey = ' person';

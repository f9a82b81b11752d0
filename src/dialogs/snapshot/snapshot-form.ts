import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarSummary } from '../../graph/calendar-gateway';
import type { DetailLevel } from '../../ical/ics-event';
import type { SharingPolicy } from '../../sharing/sharing-policy';
import { snapshotRanges, type SnapshotRange } from '../../snapshot/snapshot-range';
import type { Caller } from '../caller';
import { cardReply, textReply, type Reply } from '../reply';
import { button } from '../share/card-kit';
import type { SnapshotFeatureDeps } from './snapshot-deps';

export const detailLevels: readonly DetailLevel[] = ['freeBusyRead', 'limitedRead', 'read'];

export interface SnapshotPrefill {
  calendarId?: string;
  range?: SnapshotRange;
  from?: string;
  to?: string;
  level?: DetailLevel;
  workingHoursOnly?: boolean;
  people?: string;
  error?: string;
}

/** "Availability only: ..." as a choice. */
export function levelChoice(caller: Caller, level: DetailLevel): { title: string; value: string } {
  return { title: `${caller.t(`snapshot:levels.${level}.label`)}: ${caller.t(`snapshot:levels.${level}.explanation`)}`, value: level };
}

/** The policy for people outside, in one sentence: the default cap and the domains that differ. */
export function policyNote(caller: Caller, policy: SharingPolicy): string {
  const { t } = caller;
  const level = (role: DetailLevel) => t(`snapshot:levels.${role}.label`);
  const domains = Object.entries(policy.domains).map(([domain, role]) => t('snapshot:policy.domain', { domain, level: level(role) }));
  const base = t('snapshot:policy.external', { level: level(policy.defaultExternal) });
  return domains.length > 0 ? `${base} ${t('snapshot:policy.except', { domains: domains.join(', ') })}` : base;
}

/** The caller's own calendars (those they can share): the only ones they may send or publish. */
export async function ownCalendars(deps: Pick<SnapshotFeatureDeps, 'gateway'>, caller: Caller): Promise<CalendarSummary[]> {
  return (await deps.gateway.listMyCalendars({ userId: caller.userId })).filter((calendar) => calendar.canShare);
}

/** /snapshot: the form, with the caller's own calendars. */
export async function openSnapshotForm(deps: SnapshotFeatureDeps, caller: Caller, prefill: SnapshotPrefill = {}): Promise<Reply[]> {
  const calendars = await ownCalendars(deps, caller);
  if (calendars.length === 0) return [textReply(caller.t('snapshot:form.noCalendars'))];
  return [cardReply(snapshotFormCard(deps, caller, calendars, prefill))];
}

export function snapshotFormCard(deps: SnapshotFeatureDeps, caller: Caller, calendars: Array<{ id: string; name: string; isDefault: boolean }>, prefill: SnapshotPrefill): AdaptiveCardJson {
  const { t } = caller;
  const chosen = calendars.find((calendar) => calendar.id === prefill.calendarId) ?? calendars.find((calendar) => calendar.isDefault) ?? calendars[0];
  return renderCard('snapshot-form', {
    title: t('snapshot:form.title'),
    intro: t('snapshot:form.intro'),
    calendarLabel: t('snapshot:form.calendarLabel'),
    calendarValue: chosen.id,
    calendars: calendars.map((calendar) => ({ id: calendar.id, name: calendar.isDefault ? t('share:form.primary', { name: calendar.name }) : calendar.name })),
    rangeLabel: t('snapshot:form.rangeLabel'),
    rangeValue: prefill.range ?? 'next7',
    ranges: snapshotRanges.map((range) => ({ title: t(`snapshot:ranges.${range}`), value: range })),
    fromLabel: t('snapshot:form.fromLabel'),
    fromValue: prefill.from ?? '',
    toLabel: t('snapshot:form.toLabel'),
    toValue: prefill.to ?? '',
    datesHelp: t('snapshot:form.datesHelp'),
    levelLabel: t('snapshot:form.levelLabel'),
    levelValue: prefill.level ?? 'limitedRead',
    levels: detailLevels.map((level) => levelChoice(caller, level)),
    workingHoursLabel: t('snapshot:form.workingHours'),
    workingHoursValue: prefill.workingHoursOnly ? 'true' : 'false',
    peoplePicker: deps.directory !== undefined,
    peoplePickerLabel: t('snapshot:form.peoplePickerLabel'),
    peopleLabel: t(deps.directory ? 'snapshot:form.peopleFallbackLabel' : 'snapshot:form.peopleLabel'),
    peoplePlaceholder: t('snapshot:form.peoplePlaceholder'),
    emails: prefill.people ?? '',
    policyNote: policyNote(caller, deps.policy),
    error: prefill.error ?? '',
    buttons: [button(t('snapshot:form.preview'), Verb.SnapshotPreview, {}, 'positive')],
  });
}

import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { DetailLevel } from '../../ical/ics-event';
import { roleRank } from '../../sharing/roles';
import { externalCap } from '../../sharing/sharing-policy';
import type { SkippedRecipient } from '../../sharing/share-draft';
import type { BuiltSnapshot, SnapshotOwner, SnapshotProblem } from '../../snapshot/snapshot-builder';
import type { SnapshotDraft, SnapshotRecipient } from '../../snapshot/snapshot-draft';
import { rangeTitle } from '../../snapshot/snapshot-mail';
import { snapshotRanges } from '../../snapshot/snapshot-range';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { button, shareNoticeCard } from '../share/card-kit';
import { lookUpPicked, lookUpRecipient, maxRecipients, splitPeople, type Lookup } from '../share/recipient-lookup';
import type { SnapshotFeatureDeps } from './snapshot-deps';
import { detailLevels, ownCalendars, snapshotFormCard, type SnapshotPrefill } from './snapshot-form';

const formSchema = z.object({
  calendarId: z.string().min(1).max(1024),
  range: z.enum(snapshotRanges).catch('next7'),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  level: z.enum(['freeBusyRead', 'limitedRead', 'read']).catch('limitedRead'),
  workingHours: z.union([z.string(), z.boolean()]).optional(),
  people: z.string().max(8000).optional(),
  emails: z.string().max(2000).optional(),
});

export function ownerOf(caller: Caller): SnapshotOwner {
  return { userId: caller.userId, name: caller.name, locale: caller.locale, t: caller.t, timeZone: caller.timeZone };
}

const levelLabel = (caller: Caller, level: DetailLevel): string => caller.t(`snapshot:levels.${level}.label`);

/** The strictest of the level asked and the caps of the recipients outside. */
export function levelFor(requested: DetailLevel, recipients: SnapshotRecipient[]): DetailLevel {
  return recipients.reduce<DetailLevel>((level, recipient) => (recipient.policyCap && roleRank(recipient.policyCap) < roleRank(level) ? recipient.policyCap : level), requested);
}

/** The form was filled: look the people up, hold outsiders to the policy, count the events, show the preview. */
export async function previewFromForm(deps: SnapshotFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const parsed = formSchema.safeParse(data);
  const calendars = await ownCalendars(deps, caller);
  if (calendars.length === 0) return { replies: [{ type: 'text', text: caller.t('snapshot:form.noCalendars') }] };
  const again = (prefill: SnapshotPrefill): ActionResult => ({ card: snapshotFormCard(deps, caller, calendars, prefill) });
  if (!parsed.success) return again({ error: caller.t('snapshot:form.invalid') });
  const form = parsed.data;
  const prefill: SnapshotPrefill = {
    calendarId: form.calendarId, range: form.range, from: form.from, to: form.to, level: form.level,
    workingHoursOnly: form.workingHours === true || form.workingHours === 'true', people: form.emails,
  };
  const calendar = calendars.find((candidate) => candidate.id === form.calendarId);
  if (!calendar) return again({ ...prefill, error: caller.t('snapshot:form.notYourCalendar') });

  const typed = splitPeople(form.emails ?? '');
  const picked = (form.people ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (typed.length + picked.length === 0) return again({ ...prefill, error: caller.t('snapshot:form.noRecipients') });
  if (typed.length + picked.length > maxRecipients) return again({ ...prefill, error: caller.t('snapshot:form.tooManyRecipients', { max: maxRecipients }) });
  const graphCaller = { userId: caller.userId };
  const lookups: Lookup[] = [];
  for (const id of picked) lookups.push(await lookUpPicked(deps, graphCaller, id));
  for (const input of typed) lookups.push(await lookUpRecipient(deps, graphCaller, input));
  const recipients = new Map<string, SnapshotRecipient>();
  const skipped: SkippedRecipient[] = [];
  for (const lookup of lookups) {
    if (lookup.kind === 'skipped') skipped.push(lookup.skipped);
    else {
      const { person } = lookup;
      const policyCap = person.isInsideOrganization ? undefined : externalCap(deps.policy, person.address);
      recipients.set(person.address.toLowerCase(), { address: person.address, name: person.displayName, isInsideOrganization: person.isInsideOrganization, policyCap });
    }
  }
  if (recipients.size === 0) return again({ ...prefill, error: skippedText(caller, skipped) || caller.t('snapshot:form.noRecipients') });
  const list = [...recipients.values()];
  const draft = await deps.drafts.create({
    ownerUserId: caller.userId,
    calendar: { id: calendar.id, name: calendar.name },
    range: form.range,
    dates: { from: form.from, to: form.to },
    requestedLevel: form.level,
    level: levelFor(form.level, list),
    workingHoursOnly: prefill.workingHoursOnly ?? false,
    recipients: list,
    skipped,
  });
  return previewOf(deps, caller, draft, calendars);
}

/** Builds the snapshot of a draft and shows its preview, or the limit it passes with smaller choices. */
export async function previewOf(deps: SnapshotFeatureDeps, caller: Caller, draft: SnapshotDraft, calendars?: Awaited<ReturnType<typeof ownCalendars>>): Promise<ActionResult> {
  const built = await deps.builder.build(ownerOf(caller), draft);
  if (!built.ok) {
    if (built.problem.kind === 'range') {
      const all = calendars ?? (await ownCalendars(deps, caller));
      const prefill: SnapshotPrefill = { calendarId: draft.calendar.id, range: draft.range, ...draft.dates, level: draft.requestedLevel, workingHoursOnly: draft.workingHoursOnly, people: draft.recipients.map((r) => r.address).join(', ') };
      return { card: snapshotFormCard(deps, caller, all, { ...prefill, error: caller.t(`snapshot:rangeProblems.${built.problem.problem}`) }) };
    }
    return { card: limitCard(caller, draft, built.problem) };
  }
  return { card: previewCard(caller, draft, built.snapshot) };
}

function skippedText(caller: Caller, skipped: SkippedRecipient[]): string {
  return skipped.map((entry) => caller.t(`share:skipped.${entry.reason}`, { input: entry.input })).join(' ');
}

export function recipientText(caller: Caller, recipient: SnapshotRecipient): string {
  const name = recipient.name && recipient.name !== recipient.address ? `${recipient.name} (${recipient.address})` : recipient.address;
  return recipient.isInsideOrganization ? name : `${name} · ${caller.t('snapshot:preview.outside')}`;
}

function previewCard(caller: Caller, draft: SnapshotDraft, snapshot: BuiltSnapshot): AdaptiveCardJson {
  const { t } = caller;
  const capped = draft.recipients.filter((recipient) => recipient.policyCap && roleRank(recipient.policyCap) < roleRank(draft.requestedLevel));
  const notes = [
    ...capped.map((recipient) => t('snapshot:preview.capped', { name: recipient.name, level: levelLabel(caller, recipient.policyCap!) })),
    ...(draft.level !== draft.requestedLevel ? [t('snapshot:preview.lowered', { level: levelLabel(caller, draft.level) })] : []),
    ...(draft.recipients.some((recipient) => !recipient.isInsideOrganization) ? [t('snapshot:preview.externalCopy')] : []),
    ...(draft.skipped.length > 0 ? [skippedText(caller, draft.skipped)] : []),
  ];
  return renderCard('snapshot-preview', {
    title: t('snapshot:preview.title'),
    facts: [
      { title: t('snapshot:preview.calendar'), value: draft.calendar.name },
      { title: t('snapshot:preview.range'), value: `${t(`snapshot:ranges.${draft.range}`)}: ${rangeTitle(caller.locale, snapshot.window)}` },
      { title: t('snapshot:preview.level'), value: levelLabel(caller, draft.level) },
      { title: t('snapshot:preview.workingHours'), value: t(draft.workingHoursOnly ? 'snapshot:preview.yes' : 'snapshot:preview.no') },
      { title: t('snapshot:preview.events'), value: String(snapshot.count) },
      { title: t('snapshot:preview.recipients'), value: draft.recipients.map((recipient) => recipientText(caller, recipient)).join(', ') },
    ],
    notes,
    warning: snapshot.count === 0 ? t('snapshot:preview.empty') : '',
    buttons: [button(t('snapshot:preview.send'), Verb.SnapshotSend, { draftId: draft.id }, 'positive'), button(t('snapshot:preview.cancel'), Verb.SnapshotCancel, { draftId: draft.id })],
  });
}

const shorter: Record<SnapshotDraft['range'], Array<SnapshotDraft['range']>> = { next30: ['next7'], dates: ['next7', 'today'], next7: ['tomorrow', 'today'], tomorrow: [], today: [] };

/** Over a limit: what it is, and buttons for a shorter range or less detail. Nothing has been sent. */
export function limitCard(caller: Caller, draft: SnapshotDraft, problem: Exclude<SnapshotProblem, { kind: 'range' }>): AdaptiveCardJson {
  const { t } = caller;
  const megabytes = 'bytes' in problem ? (problem.bytes / (1024 * 1024)).toFixed(1) : '';
  const lessDetail = detailLevels.filter((level) => roleRank(level) < roleRank(draft.level));
  return shareNoticeCard({
    title: t('snapshot:limits.title'),
    paragraphs: [t(`snapshot:limits.${problem.kind}`, { count: problem.count, max: 'max' in problem ? problem.max : 0, size: megabytes }), t('snapshot:limits.nothingSent')],
    buttons: [
      ...shorter[draft.range].map((range) => button(t('snapshot:limits.range', { range: t(`snapshot:ranges.${range}`) }), Verb.SnapshotAdjust, { draftId: draft.id, range })),
      ...lessDetail.map((level) => button(t('snapshot:limits.level', { level: levelLabel(caller, level) }), Verb.SnapshotAdjust, { draftId: draft.id, level })),
      button(t('snapshot:preview.cancel'), Verb.SnapshotCancel, { draftId: draft.id }),
    ],
  });
}

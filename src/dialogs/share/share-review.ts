import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Caller as GraphCaller, CalendarPermission, CalendarSummary, Outcome, Person } from '../../graph/calendar-gateway';
import type { CalendarRead } from '../../graph/calendar-reads';
import { roleChoice, roleLabel, type ShareRole } from '../../sharing/roles';
import type { DraftRecipient, ShareDraft, SkippedRecipient } from '../../sharing/share-draft';
import { allowedRolesFor, closestAllowedRole } from '../../sharing/sharing-policy';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { button, lastDayOf } from './card-kit';
import { accessRequestRef, parseCardData, reviewInput, type ReviewInput } from './card-data';
import type { ShareFeatureDeps } from './feature-deps';
import { addressRecipient, isAddressEntry, lookUpPicked, lookUpRecipient, maxRecipients, splitPeople, type Lookup } from './recipient-lookup';
import { shareableCalendars, shareFormCard } from './share-form';

type ReviewDeps = Pick<ShareFeatureDeps, 'outsidersGetLinks'>;

const dayMs = 24 * 3600_000;
/** Shares end at most two years ahead: a longer one is really "no end date". */
const maxEndDays = 731;

/**
 * The form was sent: resolve the people, apply the rules to each, and show what will happen
 * before anything is written. The choices are kept server-side as a draft.
 */
export async function reviewShare(deps: ShareFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const input = parseCardData(reviewInput, data);
  const accessRequestId = parseCardData(accessRequestRef, data)?.accessRequestId;
  const calendars = await shareableCalendars(deps, caller);
  const again = (error: string, from?: ReviewInput): ActionResult => ({
    card: shareFormCard(deps, caller, calendars, { calendarId: from?.calendarId, people: from?.emails, role: from?.role, error, accessRequestId }),
  });
  if (!input) return again(t('share:errors.incomplete'));
  const calendar = calendars.find((candidate) => candidate.id === input.calendarId);
  if (!calendar) return again(t('share:errors.notYourCalendar'), input);
  const expiresAt = endOf(input.endDate, deps.clock.now());
  if (expiresAt === null) return again(t('share:errors.badEndDate'), input);

  const typed = splitPeople(input.emails);
  const picked = input.people.split(',').map((id) => id.trim()).filter(Boolean);
  if (typed.length + picked.length === 0) return again(t('share:errors.noRecipients'), input);
  if (typed.length + picked.length > maxRecipients) return again(t('share:errors.tooMany', { max: maxRecipients }), input);

  const { lookups, permissions } = await lookUpAll(deps, { userId: caller.userId }, calendar.id, picked, typed);

  const recipients: DraftRecipient[] = [];
  const skipped: SkippedRecipient[] = [];
  for (const lookup of lookups) {
    if (lookup.kind === 'skipped') {
      skipped.push(lookup.skipped);
      continue;
    }
    const recipient = draftRecipient(deps, calendar, lookup.person, input.role);
    const address = recipient.address;
    if (address === calendar.owner.address.toLowerCase()) skipped.push({ input: lookup.person.address, reason: 'self' });
    else if (recipient.allowed.length === 0) skipped.push({ input: lookup.person.address, reason: 'noRole' });
    else if (!recipients.some((known) => known.address === address)) {
      const current = permissions.find((permission) => permission.recipient.address?.toLowerCase() === address);
      recipients.push({ ...recipient, ...(current && { currentRole: current.role }) });
    }
  }
  if (recipients.length === 0) return again([t('share:errors.noValidRecipients'), ...skipped.map((item) => skippedLine(caller, item))].join(' '), input);

  const draft = await deps.drafts.create({
    ownerUserId: caller.userId,
    owner: { name: caller.name || calendar.owner.name, address: calendar.owner.address },
    calendar: { id: calendar.id, name: calendar.name, isDefault: calendar.isDefault },
    requestedRole: input.role,
    ...(input.endDate && expiresAt && { endDate: input.endDate, expiresAt }),
    recipients,
    skipped,
  });
  return { card: reviewCard(deps, caller, draft, '', accessRequestId) };
}

/**
 * The people of the form and the calendar's current permissions: typed addresses are resolved in
 * the same `$batch` as the permissions, names and picked people searched meanwhile. In form order.
 */
async function lookUpAll(
  deps: ShareFeatureDeps,
  graphCaller: GraphCaller,
  calendarId: string,
  picked: string[],
  typed: string[],
): Promise<{ lookups: Lookup[]; permissions: CalendarPermission[] }> {
  const reads: Record<string, CalendarRead> = { permissions: { read: 'permissions', calendarId } };
  typed.forEach((entry, index) => {
    if (isAddressEntry(entry)) reads[`person ${index}`] = { read: 'person', address: entry };
  });
  const [read, pickedLookups, typedLookups] = await Promise.all([
    deps.gateway.readTogether(graphCaller, reads),
    Promise.all(picked.map((id) => lookUpPicked(deps, graphCaller, id))),
    Promise.all(typed.map((entry) => (isAddressEntry(entry) ? Promise.resolve(undefined) : lookUpRecipient(deps, graphCaller, entry)))),
  ]);
  if (!read.permissions.ok) throw read.permissions.error;
  const lookups = typed.map((entry, index) => typedLookups[index] ?? addressRecipient(entry, read[`person ${index}`] as Outcome<Person>));
  return { lookups: [...pickedLookups, ...lookups], permissions: read.permissions.value as CalendarPermission[] };
}

function draftRecipient(deps: ShareFeatureDeps, calendar: CalendarSummary, person: Person, wanted: ShareRole): DraftRecipient {
  const allowed = allowedRolesFor(person, calendar, deps.policy);
  return {
    address: person.address.toLowerCase(),
    name: person.displayName || person.address,
    ...(person.id && person.isInsideOrganization && { userId: person.id }),
    isInsideOrganization: person.isInsideOrganization,
    allowed: allowed.roles,
    proposed: closestAllowedRole(wanted, allowed.roles),
    ...(allowed.policyCap && { policyCap: allowed.policyCap }),
  };
}

/**
 * The end of the chosen day (UTC): access lasts through that day. Undefined without a date; null
 * when the day is past or more than two years away.
 */
function endOf(endDate: string, now: Date): string | undefined | null {
  if (!endDate) return undefined;
  const start = Date.parse(`${endDate}T00:00:00Z`);
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start) || start < today || start > today + maxEndDays * dayMs) return null;
  return new Date(start + dayMs).toISOString();
}

function skippedLine(caller: Caller, item: SkippedRecipient): string {
  return caller.t(`share:skipped.${item.reason}`, { input: item.input });
}

/**
 * How the person will hear of the share: people inside get a Teams card (an email with a code when
 * the bot cannot reach them there); people outside cannot use our Teams bot, so they get a personal
 * subscription link by email, or a code when the organisation turned links off.
 */
function reachFor(deps: ReviewDeps, caller: Caller, recipient: DraftRecipient): string {
  if (recipient.isInsideOrganization) return caller.t('share:review.reachTeams');
  return caller.t(deps.outsidersGetLinks ? 'share:review.reachLink' : 'share:review.reachOutlook');
}

/** Notes under one recipient: how they are reached, why a level is not offered, what they have today. */
function notesFor(deps: ReviewDeps, caller: Caller, draft: ShareDraft, recipient: DraftRecipient): Array<{ text: string; color: string }> {
  const { t } = caller;
  const notes: Array<{ text: string; color: string }> = [{ text: reachFor(deps, caller, recipient), color: 'Default' }];
  if (!recipient.isInsideOrganization) {
    notes.push({ text: t('share:review.external', { cap: roleLabel(t, recipient.policyCap ?? 'freeBusyRead') }), color: 'Warning' });
  }
  if (recipient.proposed !== draft.requestedRole) {
    const why = recipient.isInsideOrganization ? 'share:review.notDelegable' : 'share:review.notForExternal';
    notes.push({ text: `${t(why)} ${t('share:review.proposed', { level: roleLabel(t, recipient.proposed) })}`, color: 'Warning' });
  }
  if (recipient.currentRole) notes.push({ text: t('share:review.alreadyHasAccess', { level: roleLabel(t, recipient.currentRole) }), color: 'Default' });
  return notes;
}

/**
 * What will happen, per recipient, with only the levels the rules allow them. `accessRequestId`:
 * the request the share answers, carried to the confirmation (which checks it).
 */
export function reviewCard(deps: ReviewDeps, caller: Caller, draft: ShareDraft, warning = '', accessRequestId?: string): AdaptiveCardJson {
  const { t } = caller;
  return renderCard('share-review', {
    title: t('share:review.title'),
    intro: t('share:review.intro', { calendar: draft.calendar.name }),
    recipients: draft.recipients.map((recipient, index) => ({
      heading: recipient.name === recipient.address ? recipient.address : `${recipient.name} (${recipient.address})`,
      notes: notesFor(deps, caller, draft, recipient),
      inputId: `role_${index}`,
      levelLabel: t('share:review.levelLabel'),
      proposed: recipient.proposed,
      choices: recipient.allowed.map((role) => roleChoice(t, role)),
    })),
    skippedTitle: draft.skipped.length > 0 ? t('share:review.skippedTitle') : '',
    skipped: draft.skipped.map((item) => skippedLine(caller, item)),
    endLine: draft.expiresAt ? t('share:review.endsOn', { date: lastDayOf(caller.locale, draft.expiresAt) }) : t('share:review.noEnd'),
    whatHappens: t('share:review.whatHappens'),
    warning,
    buttons: [
      button(t('share:review.confirm'), Verb.ShareConfirm, { draftId: draft.id, ...(accessRequestId && { accessRequestId }) }, 'positive'),
      button(t('share:review.cancel'), Verb.ShareCancel, { draftId: draft.id }),
    ],
  });
}

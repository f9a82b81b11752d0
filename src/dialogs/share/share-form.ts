import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarSummary } from '../../graph/calendar-gateway';
import { offeredRoles, roleChoice, type ShareRole } from '../../sharing/roles';
import type { Caller } from '../caller';
import { cardReply, textReply, type Reply } from '../reply';
import { button } from './card-kit';
import type { ShareFeatureDeps } from './feature-deps';
import { addressesIn, wordsOf } from '../../text/user-text';

/** What the form starts with: a calendar, people (names or addresses), a level, an error to show. */
export interface FormPrefill {
  calendarId?: string;
  people?: string;
  role?: ShareRole;
  error?: string;
  /** The access request this share answers (opened from its card). */
  accessRequestId?: string;
}

const defaultRole: ShareRole = 'read';

/**
 * How old a listing of the caller's calendars a form may offer: calendars are rarely added, and one
 * deleted meanwhile only makes the share fail with a clear message. Our own calendar writes clear it.
 */
export const offeredCalendarsMaxAgeMs = 60_000;

/** The caller's own calendars, the only ones they can share. */
export async function shareableCalendars(deps: ShareFeatureDeps, caller: Caller): Promise<CalendarSummary[]> {
  const calendars = await deps.gateway.listMyCalendars({ userId: caller.userId }, { maxAgeMs: offeredCalendarsMaxAgeMs });
  return calendars.filter((calendar) => calendar.canShare);
}

/**
 * Who a request names, to fill the form in: addresses anywhere, else the words after "with" /
 * "avec" ("share my calendar with Megan"), else the arguments of `/share Megan Bowen` themselves.
 */
export function peopleIn(text: string): string {
  const addresses = addressesIn(text);
  if (addresses.length > 0) return addresses.join(', ');
  const words = wordsOf(text);
  const named = namedAfterWith(words);
  if (named) return named;
  const aboutSharing = /\b(share|sharing|partager|partage|calendar|calendrier|agenda|my|mon|mes)\b/i.test(text);
  return words.length > 0 && words.length <= 3 && !aboutSharing ? words.join(' ') : '';
}

/** The words after the last "with" / "avec", when they are few enough to be a name. */
function namedAfterWith(words: string[]): string | undefined {
  const at = words.map((word) => word.toLowerCase()).lastIndexOf('with');
  const index = Math.max(at, words.map((word) => word.toLowerCase()).lastIndexOf('avec'));
  if (index < 0 || index === words.length - 1) return undefined;
  const named = words.slice(index + 1).join(' ');
  if (named.length > 80) return undefined;
  let end = named.length;
  while (end > 0 && '.!?'.includes(named[end - 1])) end--;
  return named.slice(0, end).trim() || undefined;
}

/** /share: the form, with the caller's shareable calendars and every level explained. */
export async function openShareForm(deps: ShareFeatureDeps, caller: Caller, prefill: FormPrefill = {}): Promise<Reply[]> {
  const calendars = await shareableCalendars(deps, caller);
  if (calendars.length === 0) return [textReply(caller.t('share:form.noCalendars'))];
  return [cardReply(shareFormCard(deps, caller, calendars, prefill))];
}

/** The form's words depend on the language (and whether the people picker is there) only: looked up once each. */
const formTexts = new Map<string, ReturnType<typeof formTextsFor>>();

function formTextsFor(t: Caller['t'], peoplePicker: boolean) {
  return {
    title: t('share:form.title'),
    intro: t('share:form.intro'),
    calendarLabel: t('share:form.calendarLabel'),
    peoplePickerLabel: t('share:form.peoplePickerLabel'),
    peopleLabel: t(peoplePicker ? 'share:form.peopleFallbackLabel' : 'share:form.peopleLabel'),
    peoplePlaceholder: t('share:form.peoplePlaceholder'),
    roleLabel: t('share:form.roleLabel'),
    roles: offeredRoles.map((role) => roleChoice(t, role)),
    roleRules: t('share:form.roleRules'),
    endDateLabel: t('share:form.endDateLabel'),
    endDateHelp: t('share:form.endDateHelp'),
    review: t('share:form.review'),
  };
}

export function shareFormCard(deps: ShareFeatureDeps, caller: Caller, calendars: CalendarSummary[], prefill: FormPrefill): AdaptiveCardJson {
  const { t } = caller;
  const peoplePicker = deps.directory !== undefined;
  const key = `${caller.locale}|${peoplePicker}`;
  const texts = formTexts.get(key) ?? formTextsFor(t, peoplePicker);
  formTexts.set(key, texts);
  const primary = calendars.find((calendar) => calendar.isDefault) ?? calendars[0];
  const chosen = calendars.find((calendar) => calendar.id === prefill.calendarId) ?? primary;
  const tomorrow = new Date(deps.clock.now().getTime() + 24 * 3600_000).toISOString().slice(0, 10);
  const { review, ...words } = texts;
  return renderCard('share-form', {
    ...words,
    calendarValue: chosen.id,
    calendars: calendars.map((calendar) => ({ id: calendar.id, name: calendar.isDefault ? t('share:form.primary', { name: calendar.name }) : calendar.name })),
    peoplePicker,
    emails: prefill.people ?? '',
    roleValue: prefill.role ?? defaultRole,
    minDate: tomorrow,
    error: prefill.error ?? '',
    buttons: [button(review, Verb.ShareReview, prefill.accessRequestId ? { accessRequestId: prefill.accessRequestId } : {}, 'positive')],
  });
}

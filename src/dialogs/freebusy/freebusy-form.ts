import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarSummary } from '../../graph/calendar-gateway';
import type { FreeBusyQuery, PartOfDay, WindowSpec } from '../../freebusy/request-parser';
import type { Caller } from '../caller';
import { addDays, isLocalDate, localDateOf, pickTimeZone } from '../calendars/time-zone';
import { button } from '../share/card-kit';
import type { FreeBusyDeps } from './freebusy-deps';

export const windowChoices = ['today', 'tomorrow', 'thisWeek', 'nextWeek', 'date'] as const;
export type WindowChoice = (typeof windowChoices)[number];
export const durationChoices = [15, 30, 45, 60, 90, 120] as const;
export const defaultDuration = 30;

/** What the form shows: its fields, and an error to explain. */
export interface FormState {
  names: string;
  window: WindowChoice;
  date?: string;
  part: PartOfDay | 'all';
  duration: number;
  calendarIds: string[];
  error?: string;
}

const text = z.string().max(2000).optional().default('');

/** The form's inputs as they come back: untrusted, so every field is checked and bounded. */
export const searchInputSchema = z.object({
  people: text,
  names: text,
  window: z.enum(windowChoices).optional().default('thisWeek'),
  date: text,
  part: z.enum(['all', 'morning', 'afternoon']).optional().default('all'),
  duration: z.coerce.number().int().min(5).max(480).optional().default(defaultDuration),
  calendars: text,
});
export type SearchInput = z.infer<typeof searchInputSchema>;

/** The window a form names, or undefined when a date is asked for and missing or impossible. */
export function windowSpecOf(choice: WindowChoice, date: string | undefined): WindowSpec | undefined {
  if (choice !== 'date') return { kind: choice };
  if (!date || !isLocalDate(date)) return undefined;
  return { kind: 'date', year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** A parsed sentence as the form's fields, to prefill it when the sentence did not say enough. */
export function formStateOf(query: FreeBusyQuery, today: string): FormState {
  const window = query.window;
  const kind: WindowChoice = !window ? 'thisWeek' : window.kind === 'weekday' || window.kind === 'date' ? 'date' : window.kind;
  let date: string | undefined;
  if (window?.kind === 'date') {
    const pad = (value: number): string => String(value).padStart(2, '0');
    date = `${window.year ?? today.slice(0, 4)}-${pad(window.month)}-${pad(window.day)}`;
  } else if (window?.kind === 'weekday' && isLocalDate(today)) {
    // "jeudi": the next Thursday, today included, as the search would take it.
    date = addDays(today, (window.weekday - new Date(`${today}T00:00:00Z`).getUTCDay() + 7) % 7);
  }
  return { names: query.people.join(', '), window: kind, date, part: query.partOfDay ?? 'all', duration: query.durationMinutes ?? defaultDuration, calendarIds: [] };
}

/** A calendar of the viewer's list as the form names it: "Project Phoenix", or "Adele Vance (shared with you)". */
function calendarTitle(caller: Caller, calendar: CalendarSummary, myAddress: string): string {
  const shared = calendar.owner.address && calendar.owner.address.toLowerCase() !== myAddress.toLowerCase();
  return shared ? caller.t('freebusy:form.sharedCalendar', { name: calendar.name, owner: calendar.owner.name || calendar.owner.address }) : calendar.name;
}

/** The search form: people (picker and typed), when, how long, and which of my calendars count. */
export async function formCard(deps: FreeBusyDeps, caller: Caller, state: FormState): Promise<AdaptiveCardJson> {
  const { t } = caller;
  const [me, calendars] = await Promise.all([deps.gateway.getMe(caller), deps.gateway.listMyCalendars(caller)]);
  const extra = calendars.filter((calendar) => !calendar.isDefault);
  const today = localDateOf(deps.clock.now(), pickTimeZone(me.timeZone, caller.timeZone));
  return renderCard('freebusy-form', {
    title: t('freebusy:form.title'),
    intro: t('freebusy:form.intro'),
    error: state.error ?? '',
    peoplePicker: deps.peoplePicker,
    peoplePickerLabel: t('freebusy:form.peoplePickerLabel'),
    namesLabel: t(deps.peoplePicker ? 'freebusy:form.namesFallbackLabel' : 'freebusy:form.namesLabel'),
    namesPlaceholder: t('freebusy:form.namesPlaceholder'),
    names: state.names,
    windowLabel: t('freebusy:form.windowLabel'),
    windowValue: state.window,
    windows: windowChoices.map((value) => ({ value, title: t(`freebusy:windows.${value}`) })),
    dateLabel: t('freebusy:form.dateLabel'),
    dateValue: state.date ?? '',
    minDate: today,
    partLabel: t('freebusy:form.partLabel'),
    partValue: state.part,
    parts: ['all', 'morning', 'afternoon'].map((value) => ({ value, title: t(`freebusy:parts.${value}`) })),
    durationLabel: t('freebusy:form.durationLabel'),
    durationValue: String(state.duration),
    durations: durationChoices.map((minutes) => ({ value: String(minutes), title: t('freebusy:durations.minutes', { minutes }) })),
    hasCalendars: extra.length > 0,
    calendarsLabel: t('freebusy:form.calendarsLabel'),
    calendarsValue: state.calendarIds.filter((id) => extra.some((calendar) => calendar.id === id)).join(','),
    calendars: extra.map((calendar) => ({ value: calendar.id, title: calendarTitle(caller, calendar, me.address) })),
    calendarsHelp: t('freebusy:form.calendarsHelp'),
    buttons: [button(t('freebusy:form.search'), Verb.FreeBusySearch, {}, 'positive')],
  });
}

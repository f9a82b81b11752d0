import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { FreeBusyAnswer } from '../../freebusy/free-busy-search';
import { outlookComposeLink } from '../../freebusy/outlook-link';
import { renderAvailabilityPicture } from '../../freebusy/picture';
import type { Proposal } from '../../freebusy/proposal-store';
import { daysOf, type SearchWindow } from '../../freebusy/window';
import { pickTimeZone } from '../calendars/time-zone';
import type { Caller } from '../caller';
import { button } from '../share/card-kit';
import type { FormState } from './freebusy-form';
import { dayRange, shortDay, slotLabel } from './time-format';

export interface ResultView {
  answer: FreeBusyAnswer;
  window: SearchWindow;
  proposal: Proposal;
  /** Names of the extra calendars counted, by id. */
  calendarNames: Map<string, string>;
  form: FormState;
}

const legendStatuses = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown', 'offHours', 'common'] as const;

function seenText(caller: Caller, view: ResultView, row: number): string {
  const { t } = caller;
  const person = view.answer.grid.rows[row];
  const parts: string[] = [];
  if (person.attendee.isViewer) {
    parts.push(view.calendarNames.size > 0 ? t('freebusy:seen.youWithCalendars', { n: view.calendarNames.size }) : t('freebusy:seen.you'));
  } else if (person.visibility === 'unknown') {
    parts.push(t(person.attendee.isInsideOrganization ? 'freebusy:seen.unknownInside' : 'freebusy:seen.unknownOutside'));
  } else parts.push(t(person.visibility === 'details' ? 'freebusy:seen.details' : 'freebusy:seen.freeBusy'));
  const hours = person.workingHours;
  const zone = hours?.timeZone ? pickTimeZone(hours.timeZone) : undefined;
  if (hours && zone && zone !== view.answer.zone) {
    parts.push(t('freebusy:seen.hours', { start: hours.startTime.slice(0, 5), end: hours.endTime.slice(0, 5), zone }));
  }
  return parts.join(' · ');
}

/** What a screen reader says instead of the picture: the window, the people and the common free times. */
function altText(caller: Caller, view: ResultView, slotTexts: string[]): string {
  const { t } = caller;
  const names = view.answer.grid.rows.map((row) => row.attendee.name).join(', ');
  const range = dayRange(caller.locale, view.window.firstDay, view.window.lastDay);
  const slots = slotTexts.length > 0 && view.answer.slots.common.length > 0 ? t('freebusy:alt.slots', { slots: slotTexts.join('; ') }) : t('freebusy:alt.noSlot');
  return t('freebusy:alt.text', { range, zone: view.answer.zone, names, slots }).slice(0, 1500);
}

/** The answer: the picture, what is seen of each person, the proposed slots with their two buttons. */
export function resultCard(caller: Caller, view: ResultView): AdaptiveCardJson {
  const { t, locale } = caller;
  const { answer, proposal } = view;
  const durationMs = proposal.durationMinutes * 60_000;
  const attendees = proposal.attendees.map((attendee) => attendee.address);
  const commonCount = answer.slots.common.length;
  const slotTexts = proposal.slots.map((start) => slotLabel(locale, start, new Date(start.getTime() + durationMs), answer.zone));
  const names = answer.grid.rows.map((row) => (row.attendee.isViewer ? t('freebusy:picture.you', { name: row.attendee.name }) : row.attendee.name));
  const picture = renderAvailabilityPicture({
    grid: answer.grid,
    days: daysOf(view.window),
    zone: answer.zone,
    working: answer.working,
    common: answer.common,
    slots: commonCount > 0 ? answer.slots.common : answer.slots.nearest.map((slot) => slot.startStep),
    durationSteps: answer.durationSteps,
    labels: {
      everyone: t('freebusy:picture.everyone'),
      names,
      day: (day) => shortDay(locale, day),
      legend: legendStatuses.map((status) => ({ status, text: t(`freebusy:legend.${status}`) })),
    },
  });

  const slots = proposal.slots.map((start, index) => {
    const near = index >= commonCount ? answer.slots.nearest[index - commonCount] : undefined;
    const missing = near ? near.unavailable.map((person) => answer.grid.rows[answer.knownRows[person]].attendee.name).join(', ') : '';
    return {
      label: slotTexts[index],
      missing: missing ? t('freebusy:slots.missing', { names: missing }) : '',
      openTitle: t('freebusy:slots.open'),
      outlookUrl: outlookComposeLink({ subject: t('freebusy:book.defaultSubject'), start, end: new Date(start.getTime() + durationMs), attendees }),
      bookTitle: t('freebusy:slots.book'),
      bookVerb: Verb.FreeBusyBook,
      bookData: { verb: Verb.FreeBusyBook, proposalId: proposal.id, slot: index },
    };
  });
  const unknown = answer.unknownRows.map((row) => answer.grid.rows[row].attendee.name);
  const unread = answer.unreadCalendars.map((id) => view.calendarNames.get(id) ?? id);
  const counted = [...view.calendarNames.entries()].filter(([id]) => !answer.unreadCalendars.includes(id)).map(([, name]) => name);
  const notes = [
    t('freebusy:notes.zone', { zone: answer.zone }),
    ...(counted.length > 0 ? [t('freebusy:notes.counted', { names: counted.join(', ') })] : []),
    ...(unread.length > 0 ? [t('freebusy:notes.unread', { names: unread.join(', ') })] : []),
    ...(unknown.length > 0 ? [t('freebusy:notes.unknown', { names: unknown.join(', ') })] : []),
  ];
  const others = answer.grid.rows.filter((row) => !row.attendee.isViewer).map((row) => row.attendee.name);
  return renderCard('freebusy-result', {
    title: t('freebusy:result.title', { names: others.join(', ') }),
    subtitle: t('freebusy:result.subtitle', { range: dayRange(locale, view.window.firstDay, view.window.lastDay), minutes: proposal.durationMinutes }),
    image: `data:image/png;base64,${picture.png.toString('base64')}`,
    altText: altText(caller, view, slotTexts.slice(0, commonCount)),
    people: answer.grid.rows.map((row, index) => ({ name: row.attendee.name, seen: seenText(caller, view, index) })),
    notes,
    slotsTitle: commonCount > 0 ? t('freebusy:slots.title', { n: commonCount }) : slots.length > 0 ? t('freebusy:slots.noneNearest') : t('freebusy:slots.none'),
    slots,
    buttons: [button(t('freebusy:result.change'), Verb.FreeBusyForm, { names: view.form.names, window: view.form.window, date: view.form.date ?? '', part: view.form.part, duration: view.form.duration })],
  });
}

import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { CalendarRole, CalendarSummary, Person } from '../../graph/calendar-gateway';
import { currentRole, shareeLevel } from '../../subscriptions/sharee-level';
import type { Subscription } from '../../subscriptions/subscription-store';
import { button, firstNameOf, noticeCard } from '../calendars/card-kit';
import { displayNameOf, levelLabel } from '../calendars/subscription-view';
import type { Caller } from '../caller';
import { maxPeopleShown } from './owner-lookup';

/**
 * "Whose calendar?": the Teams people picker, and a typed name or address for clients without one
 * (the Agents Playground, older clients).
 */
export function ownerCard(caller: Caller, options: { value?: string; error?: string } = {}): AdaptiveCardJson {
  const { t } = caller;
  return renderCard('subscribe-owner', {
    title: t('subscribe:owner.title'),
    intro: t('subscribe:owner.intro'),
    pickerLabel: t('subscribe:owner.pickerLabel'),
    typedLabel: t('subscribe:owner.typedLabel'),
    placeholder: t('subscribe:owner.placeholder'),
    find: t('subscribe:owner.find'),
    value: options.value ?? '',
    error: options.error ?? '',
  });
}

/** Several people match a name: one button each, carrying only their address. */
export function peopleCard(caller: Caller, query: string, people: Person[]): AdaptiveCardJson {
  const { t } = caller;
  const shown = people.slice(0, maxPeopleShown);
  return renderCard('subscribe-people', {
    title: t('subscribe:people.title', { query }),
    intro: t('subscribe:people.intro'),
    note: people.length > shown.length ? t('subscribe:people.tooMany', { count: shown.length }) : '',
    people: shown.map((person) => ({ title: `${person.displayName} (${person.address})`, address: person.address })),
  });
}

/**
 * The owner's calendars shared with the caller, to tick, each with the level Graph showed (`shown`, by
 * calendar id) or the one recorded; those already followed say so.
 */
export function pickCard(
  caller: Caller,
  input: { owner: Person; calendars: CalendarSummary[]; shown: Map<string, CalendarRole>; followed: Subscription[]; warning?: string },
): AdaptiveCardJson {
  const { t } = caller;
  const choices = input.calendars.map((calendar) => {
    const existing = input.followed.find((subscription) => subscription.calendarId === calendar.id);
    const level = levelLabel(caller, shareeLevel(currentRole(existing?.role, input.shown.get(calendar.id)), calendar));
    const name = existing ? displayNameOf(existing) : calendar.name;
    const key = existing ? 'subscribe:pick.alreadyFollowed' : 'subscribe:pick.choice';
    return { title: t(key, { name, level }), value: calendar.id };
  });
  const notFollowed = input.calendars.filter((calendar) => !input.followed.some((s) => s.calendarId === calendar.id));
  return renderCard('subscribe-pick', {
    title: t('subscribe:pick.title', { owner: input.owner.displayName }),
    intro: t('subscribe:pick.intro'),
    warning: input.warning ?? '',
    choices,
    // One calendar not followed yet: tick it, so saving is one click.
    selected: notFollowed.length === 1 ? notFollowed[0].id : '',
    save: t('subscribe:pick.save'),
    ownerAddress: input.owner.address,
  });
}

/** Nothing shared: say so plainly, and offer to ask the owner. */
export function nothingSharedCard(caller: Caller, owner: Person): AdaptiveCardJson {
  const { t } = caller;
  return noticeCard({
    title: t('subscribe:nothing.title', { owner: owner.displayName }),
    paragraphs: [t('subscribe:nothing.text', { owner: owner.displayName })],
    buttons: [button(t('subscribe:nothing.ask', { firstName: firstNameOf(owner.displayName) }), Verb.RequestAccess, { ownerAddress: owner.address })],
  });
}

/** After saving: what is followed now, and where to go next. */
export function doneCard(caller: Caller, saved: Subscription[], nothingNew: boolean): AdaptiveCardJson {
  const { t } = caller;
  const only = saved.length === 1 ? saved[0] : undefined;
  return noticeCard({
    title: t('subscribe:done.title', { names: saved.map(displayNameOf).join(', ') }),
    paragraphs: [nothingNew ? t('subscribe:done.again') : t('subscribe:done.text'), ...(only ? [t('subscribe:done.outlook')] : [])],
    buttons: [
      ...(only
        ? [
            button(t('subscribe:done.agenda'), Verb.ShowAgenda, { subscriptionId: only.id, range: 'week' }),
            button(t('calendars:outlook.add'), Verb.CheckOutlookList, { subscriptionId: only.id }),
            button(t('subscribe:done.alias'), Verb.AskAlias, { subscriptionId: only.id }),
          ]
        : []),
      button(t('subscribe:done.list'), Verb.ShowCalendars),
    ],
  });
}

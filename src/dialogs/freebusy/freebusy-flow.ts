import { isGraphError } from '../../graph/graph-error';
import { searchFreeBusy } from '../../freebusy/free-busy-search';
import { parseFreeBusyRequest, type PartOfDay, type WindowSpec } from '../../freebusy/request-parser';
import { resolveWindow } from '../../freebusy/window';
import type { Caller } from '../caller';
import { localDateOf, pickTimeZone } from '../calendars/time-zone';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { cardReply, type Reply } from '../reply';
import type { FreeBusyDeps } from './freebusy-deps';
import { formCard, formStateOf, searchInputSchema, windowSpecOf, type FormState } from './freebusy-form';
import { maxPeople, resolvePeople, splitTyped, type PeopleProblem } from './people-resolution';
import { resultCard } from './result-card';

interface SearchRequest {
  typed: string[];
  pickedIds: string[];
  spec: WindowSpec;
  part?: PartOfDay;
  duration: number;
  calendarIds: string[];
}

/** /freebusy: from a sentence or the form to the picture and the proposed slots. */
export class FreeBusyFlow {
  constructor(private readonly deps: FreeBusyDeps) {}

  /** A sentence that names people searches at once; one that does not opens the form with what it said. */
  async start(caller: Caller, args: string): Promise<Reply[]> {
    try {
      const query = parseFreeBusyRequest(args, { locale: caller.locale });
      const state = formStateOf(query, localDateOf(this.deps.clock.now(), pickTimeZone(caller.timeZone)));
      if (query.people.length === 0) return [cardReply(await formCard(this.deps, caller, state))];
      const spec = query.window ?? { kind: 'thisWeek' };
      const request: SearchRequest = { typed: query.people, pickedIds: [], spec, part: query.partOfDay, duration: state.duration, calendarIds: [] };
      const result = await this.search(caller, request, state);
      return result.card ? [cardReply(result.card)] : (result.replies ?? []);
    } catch (error) {
      if (isGraphError(error)) return errorReplies(caller, error);
      throw error;
    }
  }

  /** The form again, with the fields of the last search (choices only: who is asked is typed again or picked). */
  async reopen(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const input = searchInputSchema.safeParse(raw);
    const data = input.success ? input.data : searchInputSchema.parse({});
    const state: FormState = { names: data.names, window: data.window, date: data.date || undefined, part: data.part, duration: data.duration, calendarIds: [] };
    try {
      return { card: await formCard(this.deps, caller, state) };
    } catch (error) {
      if (isGraphError(error)) return { replies: errorReplies(caller, error) };
      throw error;
    }
  }

  /** The form was submitted. */
  async submit(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const parsed = searchInputSchema.safeParse(raw);
    if (!parsed.success) return { card: await formCard(this.deps, caller, { ...formStateOf({ people: [] }, ''), error: caller.t('freebusy:form.invalid') }) };
    const data = parsed.data;
    const calendarIds = splitIds(data.calendars);
    const state: FormState = { names: data.names, window: data.window, date: data.date || undefined, part: data.part, duration: data.duration, calendarIds };
    const spec = windowSpecOf(data.window, data.date || undefined);
    if (!spec) return { card: await formCard(this.deps, caller, { ...state, error: caller.t('freebusy:form.needDate') }) };
    const request: SearchRequest = {
      typed: splitTyped(data.names),
      pickedIds: splitIds(data.people),
      spec,
      part: data.part === 'all' ? undefined : data.part,
      duration: data.duration,
      calendarIds,
    };
    try {
      return await this.search(caller, request, state);
    } catch (error) {
      if (isGraphError(error)) return { replies: errorReplies(caller, error) };
      throw error;
    }
  }

  private async search(caller: Caller, request: SearchRequest, state: FormState): Promise<ActionResult> {
    const { t } = caller;
    const again = async (error: string): Promise<ActionResult> => ({ card: await formCard(this.deps, caller, { ...state, error }) });
    if (request.typed.length === 0 && request.pickedIds.length === 0) return again(t('freebusy:form.needPeople'));
    const resolved = await resolvePeople(this.deps, caller, { typed: request.typed, pickedIds: request.pickedIds });
    if (resolved.problems.length > 0) return again(resolved.problems.map((problem) => problemText(caller, problem)).join(' '));
    if (resolved.people.length === 0) return again(t('freebusy:form.onlyYou'));

    const zone = pickTimeZone(resolved.viewerTimeZone, caller.timeZone);
    const window = resolveWindow(request.spec, request.part, this.deps.clock.now(), zone);
    if (!window) return again(t('freebusy:form.windowOver'));
    // Only calendars of the viewer's own list count: an id typed into the card data is checked against it.
    const calendars = request.calendarIds.length > 0 ? await this.deps.gateway.listMyCalendars(caller) : [];
    const extra = calendars.filter((calendar) => !calendar.isDefault && request.calendarIds.includes(calendar.id));
    const answer = await searchFreeBusy(this.deps.gateway, caller, {
      viewer: resolved.viewer,
      people: resolved.people,
      window,
      durationMinutes: request.duration,
      extraCalendarIds: extra.map((calendar) => calendar.id),
    });
    const stepMs = answer.grid.stepMinutes * 60_000;
    const starts = [...answer.slots.common, ...answer.slots.nearest.map((slot) => slot.startStep)];
    const proposal = await this.deps.proposals.create({
      userId: caller.userId,
      attendees: resolved.people.map((person) => ({ address: person.address, name: person.name })),
      slots: starts.map((step) => new Date(window.start.getTime() + step * stepMs)),
      durationMinutes: request.duration,
      timeZone: answer.zone,
    });
    const calendarNames = new Map(extra.map((calendar) => [calendar.id, calendar.name]));
    return { card: resultCard(caller, { answer, window, proposal, calendarNames, form: state }) };
  }
}

function splitIds(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0 && id.length <= 200)
    .slice(0, 60);
}

function problemText(caller: Caller, problem: PeopleProblem): string {
  const { t } = caller;
  if (problem.reason === 'ambiguous') return t('freebusy:people.ambiguous', { input: problem.input, names: (problem.candidates ?? []).join(', ') });
  if (problem.reason === 'tooMany') return t('freebusy:people.tooMany', { n: Number(problem.input), max: maxPeople });
  return t(`freebusy:people.${problem.reason}`, { input: problem.input });
}

import { z } from 'zod';
import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import { isGraphError } from '../../graph/graph-error';
import type { Proposal } from '../../freebusy/proposal-store';
import type { Caller } from '../caller';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { button } from '../share/card-kit';
import type { FreeBusyDeps } from './freebusy-deps';
import { slotLabel } from './time-format';

const bookingData = z.object({
  proposalId: z.string().min(1).max(100),
  slot: z.coerce.number().int().min(0).max(20),
  subject: z.string().max(255).optional(),
});

type Loaded = { ok: true; proposal: Proposal; slot: number; start: Date; end: Date; subject?: string } | { ok: false; result: ActionResult };

/** Creating the meeting of a proposed slot, after a confirmation card; only the person the slots were proposed to may. */
export class MeetingBooking {
  constructor(private readonly deps: FreeBusyDeps) {}

  async ask(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await this.load(caller, raw);
    if (!loaded.ok) return loaded.result;
    if (loaded.proposal.booked) return { card: this.doneCard(caller, loaded.proposal, true) };
    return { card: this.confirmCard(caller, loaded) };
  }

  async confirm(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await this.load(caller, raw);
    if (!loaded.ok) return loaded.result;
    const { proposal, slot } = loaded;
    if (proposal.booked) return { card: this.doneCard(caller, proposal, true) };
    const subject = loaded.subject?.trim() || caller.t('freebusy:book.defaultSubject');
    try {
      const event = await this.deps.gateway.createMeeting(caller, {
        subject,
        start: loaded.start,
        end: loaded.end,
        timeZone: proposal.timeZone,
        attendees: proposal.attendees,
        // A second click or a retry after a lost answer gives back this meeting, never a second one.
        transactionId: `${proposal.id}-${slot}`,
      });
      const first = await this.deps.proposals.markBooked(proposal.id, slot, event.id);
      const saved = (await this.deps.proposals.get(proposal.id)) ?? proposal;
      return { card: this.doneCard(caller, saved, !first) };
    } catch (error) {
      if (!isGraphError(error)) throw error;
      return { card: this.confirmCard(caller, loaded, errorReplies(caller, error).map((reply) => (reply.type === 'text' ? reply.text : '')).join(' ')) };
    }
  }

  async cancel(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await this.load(caller, raw);
    if (!loaded.ok) return loaded.result;
    return { card: renderCard('freebusy-confirm', { title: caller.t('freebusy:book.cancelled'), facts: [], askSubject: false, paragraphs: [caller.t('freebusy:book.cancelledHint')], warning: '', buttons: [] }) };
  }

  private async load(caller: Caller, raw: Record<string, unknown>): Promise<Loaded> {
    const parsed = bookingData.safeParse(raw);
    const gone = (key: string): Loaded => ({ ok: false, result: { replies: [textReply(caller.t(key))] } });
    if (!parsed.success) return gone('freebusy:book.gone');
    const proposal = await this.deps.proposals.get(parsed.data.proposalId);
    if (!proposal) return gone('freebusy:book.gone');
    // The card may have been forwarded: only the person it was made for books from it.
    if (proposal.userId !== caller.userId) return gone('freebusy:book.notYours');
    const start = proposal.slots[parsed.data.slot];
    if (!start) return gone('freebusy:book.gone');
    const end = new Date(start.getTime() + proposal.durationMinutes * 60_000);
    return { ok: true, proposal, slot: parsed.data.slot, start, end, subject: parsed.data.subject };
  }

  private facts(caller: Caller, proposal: Proposal, start: Date, end: Date): Array<{ title: string; value: string }> {
    const { t } = caller;
    return [
      { title: t('freebusy:book.when'), value: slotLabel(caller.locale, start, end, proposal.timeZone) },
      { title: t('freebusy:book.who'), value: proposal.attendees.map((attendee) => attendee.name).join(', ') },
    ];
  }

  private confirmCard(caller: Caller, loaded: Extract<Loaded, { ok: true }>, warning = ''): AdaptiveCardJson {
    const { t } = caller;
    const data = { proposalId: loaded.proposal.id, slot: loaded.slot };
    return renderCard('freebusy-confirm', {
      title: t('freebusy:book.confirmTitle'),
      facts: this.facts(caller, loaded.proposal, loaded.start, loaded.end),
      askSubject: true,
      subjectLabel: t('freebusy:book.subjectLabel'),
      subject: loaded.subject ?? t('freebusy:book.defaultSubject'),
      paragraphs: [t('freebusy:book.confirmText')],
      warning,
      buttons: [button(t('freebusy:book.create'), Verb.FreeBusyBookConfirm, data, 'positive'), button(t('freebusy:book.cancel'), Verb.FreeBusyBookCancel, data)],
    });
  }

  private doneCard(caller: Caller, proposal: Proposal, already: boolean): AdaptiveCardJson {
    const { t } = caller;
    const slot = proposal.booked?.slot ?? 0;
    const start = proposal.slots[slot];
    const end = new Date(start.getTime() + proposal.durationMinutes * 60_000);
    return renderCard('freebusy-confirm', {
      title: t(already ? 'freebusy:book.already' : 'freebusy:book.done'),
      facts: this.facts(caller, proposal, start, end),
      askSubject: false,
      paragraphs: [t('freebusy:book.doneText')],
      warning: '',
      buttons: [],
    });
  }
}

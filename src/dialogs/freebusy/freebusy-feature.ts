import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { Verb } from '../../cards/verbs';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import { ProposalStore } from '../../freebusy/proposal-store';
import type { DatabaseSchema } from '../../storage/schema';
import type { Feature } from '../feature';
import { textReply } from '../reply';
import { MeetingBooking } from './booking';
import { BookingToolView } from './booking-tool-view';
import type { FreeBusyDeps } from './freebusy-deps';
import { FreeBusyFlow } from './freebusy-flow';

/** Free/busy at a glance: /freebusy (/disponibilites), its form, the slots and the meeting they book. */
export function freeBusyFeature(deps: FreeBusyDeps): Feature & { bookingToolView: BookingToolView } {
  const flow = new FreeBusyFlow(deps);
  const booking = new MeetingBooking(deps);
  const bookingToolView = new BookingToolView(deps);
  return {
    bookingToolView,
    commands: { freebusy: (caller, args) => flow.start(caller, args) },
    actions: {
      [Verb.FreeBusySearch]: (caller, data) => flow.submit(caller, data),
      [Verb.FreeBusyForm]: (caller, data) => flow.reopen(caller, data),
      [Verb.FreeBusyBook]: (caller, data) => booking.ask(caller, data),
      [Verb.FreeBusyBookConfirm]: (caller, data) => booking.confirm(caller, data),
      [Verb.FreeBusyBookCancel]: (caller, data) => booking.cancel(caller, data),
      // Sent as new messages, so the troubleshooting card and its "did this fix it?" stay where they are.
      [Verb.BookingToolView]: async (caller) => ({ replies: [...(await bookingToolView.show(caller)), textReply(caller.t('freebusy:bookingTool.followUp'))] }),
    },
  };
}

export interface FreeBusyFeatureOptions {
  db: Kysely<DatabaseSchema>;
  gateway: CalendarGateway;
  clock: Clock;
  logger: Logger;
}

export function createFreeBusyFeature(options: FreeBusyFeatureOptions): ReturnType<typeof freeBusyFeature> {
  return freeBusyFeature({ gateway: options.gateway, proposals: new ProposalStore(options.db, options.clock), peoplePicker: true, clock: options.clock, logger: options.logger });
}

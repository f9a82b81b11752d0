import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { ProposalStore } from '../../freebusy/proposal-store';

/** What the free/busy feature needs, built once at start-up. */
export interface FreeBusyDeps {
  gateway: Pick<CalendarGateway, 'getMe' | 'listMyCalendars' | 'matchPeople' | 'readAvailability' | 'createMeeting'>;
  proposals: ProposalStore;
  /** Whether the Teams people picker can be offered (it needs a directory behind the bot). */
  peoplePicker: boolean;
  clock: Clock;
  logger: Logger;
}

import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway, CalendarRole } from '../../graph/calendar-gateway';
import type { AccessRequestStore } from '../../subscriptions/access-request-store';
import type { SubscriptionStore } from '../../subscriptions/subscription-store';
import type { Notifier } from '../notifier';

/** What the /subscribe and /calendars features need, passed in by app-runtime. */
export interface SubscriptionFeatureDeps {
  gateway: CalendarGateway;
  subscriptions: SubscriptionStore;
  accessRequests: AccessRequestStore;
  notifier: Notifier;
  clock: Clock;
  logger?: Logger;
  /** Shares granted to the user that still wait for their answer (the share flow's invitations), offered in /calendars. */
  pendingInvitations?: (userId: string) => Promise<PendingInvitation[]>;
}

/** An invitation to a calendar the user has not answered yet: accepting it makes it a subscription. */
export interface PendingInvitation {
  invitationId: string;
  ownerName: string;
  ownerAddress: string;
  calendarId: string;
  calendarName: string;
  role: CalendarRole;
}

import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
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
}

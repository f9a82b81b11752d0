import type { CalendarGateway } from './calendar-gateway';
import { createGraphClient, type GraphClientOptions } from './graph-client-factory';
import { GraphApi } from './graph-api';
import { GraphBatch } from './graph-batch';
import { GraphCalendarGateway } from './graph-calendar-gateway';

export type * from './calendar-gateway';
export type * from './calendar-reads';
export { appActingOn, isAppCaller, userActing } from './calendar-gateway';
export type * from './event-gateway';
export { GraphError, isGraphError, type GraphErrorReason } from './graph-error';
export type { GraphLogger } from './graph-logger';
export { LocalTokenProvider } from './local-token-provider';
export { probeGraph } from './graph-reachability';

export type CalendarGatewayOptions = GraphClientOptions;

/**
 * The calendar gateway over Microsoft Graph (or the local emulator, by `baseUrl`), with one Graph client
 * shared by all calls: build it once at start-up.
 */
export function createCalendarGateway(options: CalendarGatewayOptions): CalendarGateway {
  const { client, baseUrl, retryPolicy, clock, logger } = createGraphClient(options);
  const api = new GraphApi(client, baseUrl, clock, logger);
  return new GraphCalendarGateway({ api, batch: new GraphBatch(api, retryPolicy), clock }, retryPolicy);
}

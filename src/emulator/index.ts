import type { KeyObject } from 'node:crypto';
import pino from 'pino';
import { systemClock, type Clock } from '../clock';
import { createControl, type EmulatorControl } from './control';
import demoOrgData from './demo-org.json';
import { FaultRegistry } from './faults';
import { GraphDispatcher } from './graph-dispatcher';
import { startHttpServer } from './http-server';
import { loadDemoOrg, parseDemoOrg } from './org-schema';
import { batchRoutes } from './routes/batch';
import { calendarViewRoutes } from './routes/calendar-view';
import { calendarViewDeltaRoutes } from './routes/calendar-view-delta';
import { calendarRoutes } from './routes/calendars';
import { calendarFolderRoutes } from './routes/calendar-folders';
import { eventRoutes } from './routes/events';
import { mailRoutes } from './routes/mail';
import { permissionRoutes } from './routes/permissions';
import { scheduleRoutes } from './routes/schedule';
import { userRoutes } from './routes/users';
import { teamworkRoutes } from './routes/teamwork';
import { teamworkOf, type TeamworkState } from './teamwork-state';
import { EmulatorStore } from './state-store';
import { EntraGraphAuth } from './entra/graph-authorization';
import type { Route } from './router';

export type { EmulatorControl, CalendarListRequest, FaultSpec, RequestLogEntry, CapturedMessage } from './control';
export { emulatorToken } from './token';

export interface EmulatorOptions {
  /** 0 or undefined: a random free port. */
  port?: number;
  /** Demo organisation JSON; default src/emulator/demo-org.json. */
  orgFile?: string;
  /** When set, state is loaded from and saved to this JSON file after each change; undefined keeps it in memory. */
  stateFile?: string;
  /** Seeded events are placed relative to clock.now() (this week and next). */
  clock?: Clock;
  /** Default page size of collections (default 10), to exercise @odata.nextLink. */
  pageSize?: number;
  logger?: pino.Logger;
  /** Accept only tokens from this Entra emulator, checked like Graph does (issue 9's production path). */
  entra?: { publicKey: KeyObject; tenantId: string };
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** origin + '/v1.0' */
  baseUrl: string;
  /** In-process control: the same operations as the /_emulator HTTP routes. */
  control: EmulatorControl;
  /** Set in entra mode: limits the app identity to some mailboxes, as an Exchange management scope does. */
  entraAuth?: EntraGraphAuth;
  /** The Teams app catalog and installations: publish the app, block it for someone. */
  teamwork: TeamworkState;
  close(): Promise<void>;
}

/** Every Graph route the emulator answers (the metadata suite checks that each one is exercised). */
export const graphRoutes: readonly Route[] = [...userRoutes, ...calendarRoutes, ...permissionRoutes, ...calendarViewRoutes, ...calendarViewDeltaRoutes, ...scheduleRoutes, ...mailRoutes, ...batchRoutes, ...eventRoutes, ...calendarFolderRoutes, ...teamworkRoutes];

/**
 * Starts a local Microsoft Graph v1.0 emulator on 127.0.0.1 with Exchange Online's calendar-sharing
 * rules, seeded with the demo organisation. Tokens are `emulatorToken(aadObjectId)`.
 */
export async function startGraphEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const org = options.orgFile ? loadDemoOrg(options.orgFile) : parseDemoOrg(demoOrgData, 'src/emulator/demo-org.json');
  const store = new EmulatorStore({ org, clock: options.clock ?? systemClock, stateFile: options.stateFile, logger });
  const faults = new FaultRegistry();
  // Injected latency is the only real wait; pending ones are dropped on close so nothing outlives the emulator.
  const timers = new Set<NodeJS.Timeout>();
  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const entraAuth = options.entra && new EntraGraphAuth({ ...options.entra, clock: options.clock ?? systemClock });
  const dispatcher = new GraphDispatcher({ store, faults, routes: [...graphRoutes], pageSize: options.pageSize ?? 10, logger, delay, entra: entraAuth });
  const control = createControl(store, faults, dispatcher);
  const server = await startHttpServer({ port: options.port ?? 0, dispatcher, control, store, logger });
  logger.info({ baseUrl: `${server.origin}/v1.0` }, 'Graph emulator listening');
  return {
    origin: server.origin,
    baseUrl: `${server.origin}/v1.0`,
    control,
    entraAuth,
    teamwork: teamworkOf(store),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}

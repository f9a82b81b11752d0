import { ManualClock } from '../../src/clock';
import { emulatorToken, startGraphEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';
import type { DemoUser } from '../support/demo-users';

/** Monday 23 November 2026, 10:00 in Paris: "this week" runs from the 23rd to the 29th. */
export const monday = new Date('2026-11-23T09:00:00Z');

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/** Graph JSON, loosely typed so tests can walk into it; shapes are asserted with toEqual/toMatchObject. */
export interface Json {
  [key: string]: Json;
}

/** A JSON value as text: strings as they are, anything else as JSON. */
export function text(json: Json | undefined): string {
  return typeof json === 'string' ? json : JSON.stringify(json);
}

/** A body without its `@odata.context`, which names the URL it was read from: to compare one item read two ways. */
export function withoutContext(json: Json): Json {
  const rest = { ...json };
  delete rest['@odata.context'];
  return rest;
}

/** A JSON array (a collection's `value`) as a list. */
export function items(json: Json | undefined): Json[] {
  if (!Array.isArray(json)) throw new Error(`expected an array, got ${JSON.stringify(json)}`);
  return json as Json[];
}

export interface Emu {
  emulator: RunningEmulator;
  clock: ManualClock;
  close(): Promise<void>;
}

/** An emulator on a random port with a manual clock, as every test here uses. */
export async function startEmu(options: EmulatorOptions = {}): Promise<Emu> {
  const clock = new ManualClock(monday);
  const emulator = await startGraphEmulator({ clock, ...options });
  return { emulator, clock, close: () => emulator.close() };
}

async function send(url: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Json };
}

/** Plain-fetch Graph calls as one signed-in user (or with a raw Authorization header). */
export function graphAs(emulator: RunningEmulator, who: DemoUser | { authorization?: string }) {
  const authorization = 'aadObjectId' in who ? `Bearer ${emulatorToken(who.aadObjectId)}` : who.authorization;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(authorization ? { authorization } : {}),
    'content-type': 'application/json',
    ...extra,
  });
  const url = (path: string): string => (path.startsWith('http') ? path : `${emulator.baseUrl}${path}`);
  return {
    get: (path: string, extra?: Record<string, string>) => send(url(path), { headers: headers(extra) }),
    post: (path: string, body: unknown, extra?: Record<string, string>) => send(url(path), { method: 'POST', headers: headers(extra), body: JSON.stringify(body) }),
    patch: (path: string, body: unknown) => send(url(path), { method: 'PATCH', headers: headers(), body: JSON.stringify(body) }),
    delete: (path: string) => send(url(path), { method: 'DELETE', headers: headers() }),
  };
}

/** The id of an owner's calendar by name, from the control (no Graph call). */
export function calendarId(emulator: RunningEmulator, owner: DemoUser, name = 'Calendar'): string {
  const calendar = emulator.control.calendarsOf(owner.email).find((candidate) => candidate.name === name);
  if (!calendar) throw new Error(`${owner.email} has no calendar ${name}`);
  return calendar.id;
}

/** A calendarView window covering this week and next. */
export const twoWeeks = 'startDateTime=2026-11-23T00:00:00Z&endDateTime=2026-12-07T00:00:00Z';

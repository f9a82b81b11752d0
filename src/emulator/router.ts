import { GraphApiError, type GraphRequest, type GraphResponse } from './graph-http';
import type { DirectoryUser } from './org-schema';
import type { EmulatorStore } from './state-store';

export interface RouteContext {
  request: GraphRequest;
  params: Record<string, string>;
  caller: DirectoryUser;
  store: EmulatorStore;
  pageSize: number;
  /** Runs another request through the whole pipeline (auth, faults, log): what $batch needs. */
  dispatch: (request: GraphRequest) => Promise<GraphResponse>;
}

export type RouteHandler = (context: RouteContext) => GraphResponse | Promise<GraphResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Segments after /v1.0 with `:name` placeholders; `/me` is expanded to `/users/{caller}` first. */
  pattern: string;
  handler: RouteHandler;
}

/** Both ways Graph names a calendar: the primary as `/calendar`, any one as `/calendars/{id}`. */
export function calendarPatterns(suffix: string): string[] {
  return [`/users/:user/calendar${suffix}`, `/users/:user/calendars/:calendar${suffix}`];
}

export function routesFor(method: Route['method'], patterns: string[], handler: RouteHandler): Route[] {
  return patterns.map((pattern) => ({ method, pattern, handler }));
}

const split = (pattern: string): string[] => pattern.split('/').filter((segment) => segment.length > 0);

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index++) {
    const expected = pattern[index];
    if (expected.startsWith(':')) params[expected.slice(1)] = segments[index];
    else if (expected.toLowerCase() !== segments[index].toLowerCase()) return undefined;
  }
  return params;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Finds the route for a method and path, or throws Graph's answer for an unknown segment or method. */
export function matchRoute(routes: Route[], method: string, segments: string[]): RouteMatch {
  let pathKnown = false;
  for (const route of routes) {
    const params = matchSegments(split(route.pattern), segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    pathKnown = true;
  }
  if (pathKnown) throw new GraphApiError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
  throw new GraphApiError(400, 'BadRequest', `Resource not found for the segment '${unknownSegment(routes, segments)}'.`);
}

/** The first segment no route knows at that position, as Graph names it in its message. */
function unknownSegment(routes: Route[], segments: string[]): string {
  const patterns = routes.map((route) => split(route.pattern));
  for (let length = 1; length <= segments.length; length++) {
    const prefix = segments.slice(0, length);
    const known = patterns.some((pattern) => pattern.length >= length && matchSegments(pattern.slice(0, length), prefix) !== undefined);
    if (!known) return segments[length - 1];
  }
  return segments[segments.length - 1] ?? '';
}

/**
 * The CalDAV side of a two-way sync, over tsdav (no hand-written WebDAV XML): discovery the standard
 * way (RFC 6764 `/.well-known/caldav`, then current-user-principal and calendar-home-set), calendars,
 * objects with their ETags, changes by sync-collection (RFC 6578) where the server has it, else by
 * ctag then an ETag listing, and writes with `If-Match` / `If-None-Match`.
 */
import { createDAVClient, type DAVCalendar, type DAVResponse } from 'tsdav';
import { CalDavError, problemOfStatus } from './caldav-error';

export interface CalDavCredentials {
  serverUrl: string;
  userName: string;
  password: string;
  /** The calendar a sync already knows: the account is not discovered again, requests go straight to it. */
  calendarUrl?: string;
}

export interface CalDavCalendar {
  url: string;
  name: string;
  ctag?: string;
  syncToken?: string;
  /** Whether the server offers the sync-collection report on this calendar. */
  syncCollection: boolean;
}

export interface CalDavObjectRef {
  href: string;
  etag: string;
}

export interface CalDavObject extends CalDavObjectRef {
  data: string;
}

export type CalDavChanges =
  | { kind: 'unchanged'; state: CollectionState }
  | { kind: 'delta'; state: CollectionState; changed: CalDavObjectRef[]; deleted: string[] }
  | { kind: 'full'; state: CollectionState; objects: CalDavObjectRef[] };

export interface CollectionState {
  ctag?: string;
  syncToken?: string;
}

type DavClient = Awaited<ReturnType<typeof createDAVClient>>;

const unquoteEtag = (etag: string | undefined): string => etag ?? '';
const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && '_cdata' in value) return String((value as { _cdata: unknown })._cdata);
  if (value && typeof value === 'object' && '_text' in value) return String((value as { _text: unknown })._text);
  return undefined;
};

/**
 * tsdav answers a refused REPORT with one response carrying the status, not a throw: an empty listing
 * must never be read from a 401 or a 404 (it would look like every event was deleted).
 */
function failIfRequestFailed(responses: DAVResponse[]): void {
  const failed = responses.find((response) => response.status !== undefined && response.status >= 400 && !response.href?.endsWith('.ics'));
  if (failed) throw new CalDavError(problemOfStatus(failed.status), `CalDAV ${failed.status}`, failed.status);
}

/** A connected CalDAV account. `requests` counts HTTP round trips (the bench reports it). */
export class CalDavClient {
  requests = 0;

  private constructor(
    private readonly dav: DavClient,
    private readonly serverUrl: string,
    private readonly counter: { count: number },
  ) {}

  /**
   * Discovers the account (well-known, principal, calendar home) unless the calendar is already known;
   * refused credentials and unreachable servers become `CalDavError`s (on the first request to the calendar when not discovered).
   */
  static async connect(credentials: CalDavCredentials, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<CalDavClient> {
    const counter = { count: 0 };
    const base = options.fetch ?? fetch;
    const timeoutMs = options.timeoutMs ?? 20_000;
    let lastStatus: number | undefined;
    const counting: typeof fetch = async (input, init) => {
      counter.count += 1;
      try {
        const response = await base(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
        lastStatus = response.status;
        return response;
      } catch (error) {
        throw new CalDavError('unreachable', `CalDAV server unreachable: ${(error as Error).message}`);
      }
    };
    let dav: DavClient;
    try {
      dav = await createDAVClient({
        serverUrl: credentials.serverUrl,
        credentials: { username: credentials.userName, password: credentials.password },
        authMethod: 'Basic',
        defaultAccountType: credentials.calendarUrl ? undefined : 'caldav',
        fetch: counting,
      });
    } catch (error) {
      if (error instanceof CalDavError) throw error;
      if (lastStatus === 401 || lastStatus === 403) throw new CalDavError('credentialsRefused', 'The CalDAV server refused the user name or password', lastStatus);
      throw new CalDavError('notCalDav', `No CalDAV account found at this address: ${(error as Error).message}`, lastStatus);
    }
    const client = new CalDavClient(dav, credentials.serverUrl, counter);
    return client;
  }

  /** Requests sent so far (discovery included). */
  get roundTrips(): number {
    return this.counter.count;
  }

  async listCalendars(): Promise<CalDavCalendar[]> {
    const calendars = await this.guard(() => this.dav.fetchCalendars());
    return calendars
      .filter((calendar) => !calendar.components || calendar.components.includes('VEVENT'))
      .map((calendar) => ({
        url: calendar.url,
        name: typeof calendar.displayName === 'string' && calendar.displayName ? calendar.displayName : decodeURIComponent(new URL(calendar.url).pathname.split('/').filter(Boolean).pop() ?? calendar.url),
        ctag: calendar.ctag,
        syncToken: calendar.syncToken,
        syncCollection: Array.isArray(calendar.reports) && calendar.reports.includes('syncCollection'),
      }));
  }

  /** The calendar's ctag and sync-token: one PROPFIND; a 404 means the calendar was deleted. */
  async collectionState(calendarUrl: string): Promise<CollectionState> {
    const responses = await this.guard(() =>
      this.dav.propfind({ url: calendarUrl, props: { 'cs:getctag': {}, 'd:sync-token': {} }, depth: '0' }),
    );
    const response = responses[0];
    if (!response || (response.status && response.status >= 400)) throw new CalDavError(problemOfStatus(response?.status ?? 404), 'Calendar not found', response?.status);
    return { ctag: text(response.props?.getctag), syncToken: text(response.props?.syncToken) };
  }

  /**
   * What changed since `since`: nothing (same ctag or sync-token: one request), the changed and deleted
   * hrefs (sync-collection), or every href with its ETag (listing, when the server has no usable token).
   */
  async changesSince(calendarUrl: string, since: CollectionState): Promise<CalDavChanges> {
    // The state is read before the changes: a change made in between is seen again next time, never lost.
    const state = await this.collectionState(calendarUrl);
    if ((since.syncToken && since.syncToken === state.syncToken) || (!state.syncToken && since.ctag && since.ctag === state.ctag)) return { kind: 'unchanged', state };
    if (since.syncToken && state.syncToken) {
      try {
        const responses = await this.guard(() => this.dav.syncCollection({ url: calendarUrl, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: since.syncToken }));
        failIfRequestFailed(responses);
        const changed: CalDavObjectRef[] = [];
        const deleted: string[] = [];
        for (const response of responses) {
          if (!response.href || !response.href.endsWith('.ics')) continue;
          const href = this.absolute(response.href);
          if (response.status === 404) deleted.push(href);
          else changed.push({ href, etag: unquoteEtag(text(response.props?.getetag)) });
        }
        return { kind: 'delta', state, changed, deleted };
      } catch (error) {
        // An expired token (403/409 valid-sync-token): list everything instead.
        if (!(error instanceof CalDavError) || error.problem === 'unreachable') throw error;
      }
    }
    return { kind: 'full', state, objects: await this.listObjects(calendarUrl) };
  }

  /** Every object's href and ETag: one calendar-query REPORT. */
  async listObjects(calendarUrl: string): Promise<CalDavObjectRef[]> {
    const responses = await this.guard(() =>
      this.dav.calendarQuery({
        url: calendarUrl,
        props: { 'd:getetag': {} },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' } } } },
        depth: '1',
      }),
    );
    return this.refsOf(responses);
  }

  /** The objects at `hrefs`, with their data: one calendar-multiget REPORT per 200. */
  async fetchObjects(calendarUrl: string, hrefs: string[]): Promise<CalDavObject[]> {
    const objects: CalDavObject[] = [];
    for (let start = 0; start < hrefs.length; start += 200) {
      const chunk = hrefs.slice(start, start + 200).map((href) => new URL(href, this.serverUrl).pathname);
      const responses = await this.guard(() =>
        this.dav.calendarMultiGet({ url: calendarUrl, props: { 'd:getetag': {}, 'c:calendar-data': {} }, objectUrls: chunk, depth: '1' }),
      );
      failIfRequestFailed(responses);
      for (const response of responses) {
        const data = text(response.props?.calendarData);
        if (!response.href || data === undefined || (response.status && response.status >= 400)) continue;
        objects.push({ href: this.absolute(response.href), etag: unquoteEtag(text(response.props?.getetag)), data });
      }
    }
    return objects;
  }

  /** Creates an object; refuses to overwrite one already there. Returns its ETag when the server gives it. */
  async create(calendarUrl: string, fileName: string, data: string): Promise<CalDavObjectRef> {
    const calendar: DAVCalendar = { url: calendarUrl };
    const response = await this.guard(() => this.dav.createCalendarObject({ calendar, filename: fileName, iCalString: data, headers: { 'If-None-Match': '*', 'Content-Type': 'text/calendar; charset=utf-8' } }));
    this.check(response);
    const href = new URL(fileName, calendarUrl.endsWith('/') ? calendarUrl : `${calendarUrl}/`).href;
    return { href, etag: response.headers.get('etag') ?? (await this.etagOf(calendarUrl, href)) };
  }

  /** Replaces an object only if it still has `etag` (412 → `preconditionFailed`). */
  async update(calendarUrl: string, href: string, etag: string, data: string): Promise<CalDavObjectRef> {
    const response = await this.guard(() => this.dav.updateCalendarObject({ calendarObject: { url: href, etag, data }, headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }));
    this.check(response);
    return { href, etag: response.headers.get('etag') ?? (await this.etagOf(calendarUrl, href)) };
  }

  /** Deletes an object only if it still has `etag`; one already gone is fine. */
  async delete(href: string, etag: string): Promise<void> {
    const response = await this.guard(() => this.dav.deleteCalendarObject({ calendarObject: { url: href, etag } }));
    if (response.status === 404) return;
    this.check(response);
  }

  private async etagOf(calendarUrl: string, href: string): Promise<string> {
    const [object] = await this.fetchObjects(calendarUrl, [href]);
    return object?.etag ?? '';
  }

  private refsOf(responses: DAVResponse[]): CalDavObjectRef[] {
    failIfRequestFailed(responses);
    return responses
      .filter((response) => response.href?.endsWith('.ics') && !(response.status && response.status >= 400))
      .map((response) => ({ href: this.absolute(response.href as string), etag: unquoteEtag(text(response.props?.getetag)) }));
  }

  private absolute(href: string): string {
    return new URL(href, this.serverUrl).href;
  }

  private check(response: Response): void {
    if (!response.ok) throw new CalDavError(problemOfStatus(response.status), `CalDAV ${response.status}`, response.status);
  }

  /** tsdav throws plain Errors with the status in the text; ours keep their problem. */
  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof CalDavError) throw error;
      const status = Number(/\b([45]\d\d)\b/.exec((error as Error).message)?.[1] ?? 0);
      throw new CalDavError(status ? problemOfStatus(status) : 'serverError', (error as Error).message, status || undefined);
    }
  }
}

import { GraphApiError, type GraphRequest } from './graph-http';

/** OData system query options as Graph reads them: `$top` and `top` are the same option. */
export function queryOption(request: GraphRequest, name: string): string | undefined {
  return request.query.get(`$${name}`) ?? request.query.get(name) ?? undefined;
}

/** Outlook items (calendars, events, permissions) always come with their id, whatever `$select` says. */
export const outlookAlwaysReturns = ['id'] as const;

/**
 * Keeps only the `$select`ed properties, and the annotations (`@odata.etag`). Directory objects (users)
 * return nothing else, not even `id`; Outlook items add `alwaysReturned` (`outlookAlwaysReturns`).
 */
export function applySelect<T extends Record<string, unknown>>(request: GraphRequest, item: T, alwaysReturned: readonly string[] = []): Record<string, unknown> {
  const select = queryOption(request, 'select');
  if (!select) return item;
  const wanted = new Set([...select.split(',').map((name) => name.trim()).filter(Boolean), ...alwaysReturned]);
  return Object.fromEntries(Object.entries(item).filter(([key]) => wanted.has(key) || key.startsWith('@odata.')));
}

const maxPageSize = 1000;

function pageSizeOf(request: GraphRequest, defaultPageSize: number): number {
  const top = queryOption(request, 'top');
  if (top === undefined) return defaultPageSize;
  const value = Number(top);
  if (!Number.isInteger(value) || value < 1) {
    throw new GraphApiError(400, 'BadRequest', `Invalid value '${top}' for $top query option found.`);
  }
  return Math.min(value, maxPageSize);
}

function offsetOf(request: GraphRequest): number {
  const token = queryOption(request, 'skiptoken');
  if (token !== undefined) {
    const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!match) throw new GraphApiError(400, 'BadRequest', 'The $skiptoken is not valid.');
    return Number(match[1]);
  }
  const skip = queryOption(request, 'skip');
  return skip !== undefined && /^\d+$/.test(skip) ? Number(skip) : 0;
}

/** Graph leaves `$`, `,`, `'` and parentheses readable in the links it builds. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

function nextLink(request: GraphRequest, offset: number): string {
  const params: string[] = [];
  for (const [key, value] of request.query) {
    if (['$skiptoken', 'skiptoken', '$skip', 'skip'].includes(key)) continue;
    params.push(`${key}=${encodeQueryValue(value)}`);
  }
  params.push(`$skiptoken=${Buffer.from(`offset:${offset}`, 'utf8').toString('base64url')}`);
  return `${request.serviceRoot}${request.path}?${params.join('&')}`;
}

/**
 * One page of a collection: at most `$top` (or the default page size) items, and an absolute
 * `@odata.nextLink` carrying a `$skiptoken` while more remain.
 */
export function page<T>(request: GraphRequest, items: T[], defaultPageSize: number): { value: T[]; '@odata.nextLink'?: string } {
  const size = pageSizeOf(request, defaultPageSize);
  const offset = offsetOf(request);
  const value = items.slice(offset, offset + size);
  if (offset + size < items.length) return { value, '@odata.nextLink': nextLink(request, offset + size) };
  return { value };
}

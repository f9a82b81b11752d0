/**
 * Graph's `@odata.context`: where in the service model a body comes from, `{base}/$metadata#{path}`.
 * Built from the matched route, as Graph builds it from the request URL: keys as `('…')` on the segment they
 * address, a collection as its path (`users('{id}')/calendars`), one entity as the path of its set with
 * `/$entity` (`users/$entity`, `users('{id}')/calendars/$entity`), `$select` in parentheses after the last set.
 */

/** Segments whose answer is a complex value or a primitive, not an entity: no `/$entity`. */
const valueSegments = new Set(['mailboxsettings', 'timezone']);

/** Actions and functions answer a collection of a named type, not a path of the model. */
const operationContexts: Record<string, string> = {
  getschedule: 'Collection(microsoft.graph.scheduleInformation)',
  delta: 'Collection(microsoft.graph.event)',
};

/** Routes whose body is no OData payload: the batch envelope, and actions that answer 202 without a body. */
const withoutContext = new Set(['$batch', 'sendmail']);

const keyLiteral = (value: string): string => `('${encodeURIComponent(value).replace(/'/g, "''")}')`;

export interface ContextInput {
  /** The service root the client used, e.g. `http://127.0.0.1:5990/v1.0`. */
  serviceRoot: string;
  /** The matched route pattern, e.g. `/users/:user/calendars/:calendar`. */
  pattern: string;
  params: Record<string, string>;
  /** The `$select` value, if any. */
  select?: string;
  body: Record<string, unknown>;
}

/** The `@odata.context` Graph puts on this answer, or undefined when Graph puts none. */
export function odataContext({ serviceRoot, pattern, params, select, body }: ContextInput): string | undefined {
  const segments = pattern.split('/').filter((segment) => segment.length > 0);
  const last = segments[segments.length - 1] ?? '';
  if (withoutContext.has(last.toLowerCase())) return undefined;
  const operation = operationContexts[last.toLowerCase()];
  if (operation) return `${serviceRoot}/$metadata#${operation}`;

  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith(':')) parts[parts.length - 1] += keyLiteral(params[segment.slice(1)] ?? '');
    else parts.push(segment);
  }
  const addressesOneItem = last.startsWith(':');
  // One item of a set is named by its set: users('a')/calendars('b') → users('a')/calendars/$entity.
  if (addressesOneItem) parts[parts.length - 1] = parts[parts.length - 1].replace(/\('.*'\)$/, '');
  const path = parts.join('/');
  const lastName = (addressesOneItem ? segments[segments.length - 2] : last) ?? '';
  if (valueSegments.has(lastName.toLowerCase())) return `${serviceRoot}/$metadata#${path}`;
  const selected = select ? `(${select.split(',').map((name) => name.trim()).filter(Boolean).join(',')})` : '';
  const isCollection = Array.isArray(body.value);
  return `${serviceRoot}/$metadata#${path}${selected}${isCollection ? '' : '/$entity'}`;
}

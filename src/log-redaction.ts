/**
 * Deep redaction of log lines: every key that names a credential, at any depth and in any case
 * (authorization, cookie, set-cookie, client_secret, *token*, assertion, password...), and every
 * string that carries one (a `Bearer ...` header, a JWT, `code=`/`access_token=`/`client_secret=`
 * in a URL or form). Errors become plain objects (type, message, stack, own fields, cause), so what a
 * library hangs on them (err.request.headers...) goes through the same rules. Pure: it copies.
 */
const sensitiveKey = /authorization|cookie|token|secret|password|passwd|assertion|api[-_]?key|credential|signature/i;
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const jwtLike = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const secretParam = /((?:^|[?&#\s;,])(?:access_token|id_token|refresh_token|token|code|client_secret|client_assertion|assertion|password|sig|signature|api[-_]?key)=)[^&#\s"';,]+/gi;
const maxDepth = 8;
export const censor = '[redacted]';

export function redactText(text: string): string {
  return text.replace(bearer, `$1 ${censor}`).replace(jwtLike, censor).replace(secretParam, `$1${censor}`);
}

export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  if (value instanceof Error) return redactDeep(errorFields(value), depth, seen);
  if (value instanceof Map) return redactDeep(Object.fromEntries(value), depth + 1, seen);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactDeep(toJSON.call(value) as unknown, depth + 1, seen);
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = sensitiveKey.test(key) && field !== undefined && field !== null ? censor : redactDeep(field, depth + 1, seen);
  }
  return copy;
}

/** What pino's error serializer would keep, as a plain object: type, message, stack, own fields, cause. */
function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  for (const [key, field] of Object.entries(error)) fields[key] = field;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}

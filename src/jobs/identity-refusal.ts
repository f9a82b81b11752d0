import { isGraphError, type GraphError } from '../graph/graph-error';

/**
 * The app identity got no token (none configured, credential refused, Entra down) or Graph refused
 * it (401, 403: a missing role, a mailbox outside the management scope). Background work parks on
 * these instead of recording them as the operation's result.
 */
export function isIdentityRefusal(error: unknown): boolean {
  return isGraphError(error) && ['unauthenticated', 'consentRequired', 'forbidden'].includes(error.reason);
}

/** What a parked job shows as its reason: Graph's own code when we have one (AppIdentityNotConfigured...), else the reason. */
export function refusalReason(error: GraphError): string {
  if (error.code && /^App/.test(error.code)) return error.code;
  return error.reason;
}

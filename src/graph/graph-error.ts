/** Why a calendar call failed, in the terms the dialogs explain to the user. */
export type GraphErrorReason =
  | 'notFound'
  | 'forbidden'
  | 'alreadyExists'
  | 'invalidRequest'
  | 'throttled'
  | 'unavailable'
  | 'consentRequired'
  | 'unauthenticated'
  | 'timeout';

export interface GraphErrorDetails {
  status?: number;
  /** Graph's own error code (`ErrorAccessDenied`...), for logs. */
  code?: string;
  /** How long to wait before trying again, when Graph said so (or when we gave up waiting). */
  retryAfterMs?: number;
  /** The `client-request-id` the call went out with and the `request-id` Graph answered: what Microsoft support asks for. */
  clientRequestId?: string;
  requestId?: string;
}

/** The one error every gateway call throws. Its message is for logs, never for users, and never holds a token. */
export class GraphError extends Error {
  readonly reason: GraphErrorReason;
  readonly status?: number;
  readonly code?: string;
  readonly retryAfterMs?: number;
  /** Set once the call is known (see GraphErrorDetails); logged with the error. */
  clientRequestId?: string;
  requestId?: string;

  constructor(reason: GraphErrorReason, message: string, details: GraphErrorDetails = {}) {
    super(message);
    this.name = 'GraphError';
    this.reason = reason;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterMs = details.retryAfterMs;
    this.clientRequestId = details.clientRequestId;
    this.requestId = details.requestId;
  }
}

export function isGraphError(error: unknown): error is GraphError {
  return error instanceof GraphError;
}

const alreadyExistsCodes = new Set(['ErrorItemAlreadyExists', 'ErrorFolderExists', 'ErrorDuplicateSharingRecipient', 'NameAlreadyExists']);

export interface FailedGraphResponse {
  status: number;
  code?: string;
  message?: string;
  method: string;
  /** Path after the version segment, e.g. `/me/calendars/{id}/calendarPermissions`. */
  path: string;
  retryAfterMs?: number;
  clientRequestId?: string;
  requestId?: string;
}

/** Maps a Graph error answer to a reason, once, from status + code + message + what was attempted. */
export function graphErrorFromResponse(failure: FailedGraphResponse): GraphError {
  const { status, code, method, path } = failure;
  const details: GraphErrorDetails = { status, code, retryAfterMs: failure.retryAfterMs, clientRequestId: failure.clientRequestId, requestId: failure.requestId };
  const message = `Graph ${method} ${pathForLog(path)} failed: ${status} ${code ?? ''} ${failure.message ?? ''}`.trim();
  return new GraphError(reasonFor(failure), message, details);
}

function reasonFor({ status, code }: FailedGraphResponse): GraphErrorReason {
  if (code && alreadyExistsCodes.has(code)) return 'alreadyExists';
  if (status === 401) return 'unauthenticated';
  // Exchange's 403 does not say why (no code for the sharing policy, wording that changes): the layer that knows
  // what was attempted explains a refused share (src/sharing/share-refusal.ts).
  if (status === 403) return 'forbidden';
  if (status === 404 || code === 'ErrorInvalidRecipients') return 'notFound';
  if (status === 409) return 'alreadyExists';
  if (status === 408) return 'timeout';
  if (status === 429) return 'throttled';
  if (status >= 500 || status <= 0) return 'unavailable';
  return 'invalidRequest';
}

/** Query strings may hold search text; logs keep the path only. */
export function pathForLog(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

/**
 * A failure of the token provider. Consent errors (AADSTS65001, consent_required, interaction_required) mean the
 * user must consent; anything else means we could not authenticate. The provider's message is not copied: it may
 * hold an assertion or a token.
 */
export function graphErrorFromTokenFailure(error: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const text = describe(error);
  const consent = /AADSTS65001|consent_required|interaction_required/i.exec(text);
  if (consent) {
    return new GraphError('consentRequired', `The user has not consented to the Graph scopes (${consent[0]})`, { code: consent[0] });
  }
  return new GraphError('unauthenticated', 'Could not get a Graph token for the user');
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (typeof error !== 'object' || error === null) return '';
  const fields = ['message', 'errorCode', 'error', 'subError', 'suberror', 'code'] as const;
  return fields
    .map((field) => (error as Record<string, unknown>)[field])
    .filter((value): value is string => typeof value === 'string')
    .join(' ');
}

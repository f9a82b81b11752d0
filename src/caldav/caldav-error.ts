/** Why a CalDAV request failed, in the words the owner is told (sync locale `problems.*`). */
export type CalDavProblem = 'unreachable' | 'credentialsRefused' | 'notCalDav' | 'calendarGone' | 'preconditionFailed' | 'serverError';

export class CalDavError extends Error {
  constructor(
    readonly problem: CalDavProblem,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CalDavError';
  }
}

export const isCalDavError = (error: unknown): error is CalDavError => error instanceof CalDavError;

/** The problem an HTTP status means on a CalDAV request. */
export function problemOfStatus(status: number): CalDavProblem {
  if (status === 401 || status === 403) return 'credentialsRefused';
  if (status === 404 || status === 410) return 'calendarGone';
  if (status === 412) return 'preconditionFailed';
  return 'serverError';
}

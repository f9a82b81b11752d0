import type { Facts } from './tree-walk';

/** The rows of the checklist a person sees before any advice. */
export type CheckId = 'person' | 'policy' | 'shared' | 'subscription' | 'calendarList' | 'readable' | 'mailbox';
export type CheckStatus = 'pass' | 'fail' | 'unknown';

/**
 * One check's result, stored as data so it can be shown later in any language (the helpdesk may read
 * another language than the person). `message` is a key under `troubleshoot:checks.<id>`; `vars` fill it.
 * A var whose name ends in `Role` holds a calendar role, shown as a level name.
 */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  message: string;
  vars: Record<string, string>;
  /** For `shared`: each calendar shared with the person and its level (a role, or canEdit / canView). */
  calendars?: Array<{ name: string; level: string }>;
}

/** The words a case gives the tree's `{{placeholders}}`; roles are shown as level names. */
export interface CaseVars {
  person?: string;
  address?: string;
  domain?: string;
  capRole?: string;
  triedRole?: string;
  alias?: string;
  calendars?: string;
}

export interface CheckReport {
  results: CheckResult[];
  facts: Facts;
  vars: CaseVars;
  /** When Graph could not answer some check: the advice may not fit, and the person is told so. */
  incomplete: boolean;
}

/** Graph failures that say "nothing there for you", as opposed to "could not ask". */
export const refusalReasons = new Set(['forbidden', 'notFound']);

/** The reason of a GraphError (or any error with one), for a row that could not be checked. */
export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'reason' in error && typeof error.reason === 'string') return error.reason;
  return 'unknown';
}

export function row(id: CheckId, status: CheckStatus, message: string, vars: Record<string, string> = {}): CheckResult {
  return { id, status, message, vars };
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A Graph call's value or its error, so one failing check does not stop the others. */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

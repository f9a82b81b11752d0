import type { Caller } from './caller';
import { textReply, type Reply } from './reply';

const knownReasons = new Set([
  'throttled', 'unavailable', 'forbidden', 'notFound', 'consentRequired', 'unauthenticated', 'timeout',
  'alreadyExists', 'invalidRequest',
]);

function reasonOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('reason' in error)) return undefined;
  const reason = (error as { reason: unknown }).reason;
  return typeof reason === 'string' && knownReasons.has(reason) ? reason : undefined;
}

/** A failure, told to the user in their language: what went wrong and what to do. Never a stack. */
export function errorReplies(caller: Caller, error: unknown): Reply[] {
  const reason = reasonOf(error);
  if (!reason) return [textReply(caller.t('errors.generic'))];
  const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
  const seconds = Math.max(1, Math.ceil((retryAfterMs ?? 30_000) / 1000));
  return [textReply(caller.t(`errors.${reason}`, { seconds }))];
}

/** True for the eTag conflict a turn-state save raises when another turn saved first. */
export function isETagConflict(error: unknown): boolean {
  return error instanceof Error && /etag conflict/i.test(error.message);
}

/**
 * Whether Microsoft Graph (or the emulator) answers HTTP at all, for /readyz. An unauthenticated
 * call gets 401: that is an answer, so Graph is reachable.
 */
export async function probeGraph(baseUrl: string, timeoutMs = 3_000): Promise<void> {
  await fetch(`${baseUrl}/$metadata`, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
}

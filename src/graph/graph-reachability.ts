import { randomUUID } from 'node:crypto';
import { clientRequestIdHeader } from './middleware/request-id-middleware';

/**
 * Whether Microsoft Graph (or the emulator) answers HTTP at all, for /readyz. An unauthenticated
 * call gets 401: that is an answer, so Graph is reachable. It carries a `client-request-id` like every call.
 */
export async function probeGraph(baseUrl: string, timeoutMs = 3_000): Promise<void> {
  await fetch(`${baseUrl}/$metadata`, { method: 'HEAD', headers: { [clientRequestIdHeader]: randomUUID() }, signal: AbortSignal.timeout(timeoutMs) });
}

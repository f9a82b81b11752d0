import { request } from 'node:https';

/** The shape MSAL's `system.networkClient` takes (INetworkModule, the same in msal-node 2.x and 7.x). */
export interface EntraNetworkClient {
  sendGetRequestAsync<T>(url: string, options?: { headers?: Record<string, string> }): Promise<{ headers: Record<string, string>; body: T; status: number }>;
  sendPostRequestAsync<T>(url: string, options?: { headers?: Record<string, string>; body?: string }): Promise<{ headers: Record<string, string>; body: T; status: number }>;
}

/**
 * MSAL's HTTP client with one extra trusted certificate authority: the local Entra emulator's, in
 * tests and `npm run doctor` against the emulators. MSAL insists on https authorities, and Node's
 * fetch takes no CA option, so this goes through node:https. Production uses MSAL's own client.
 */
export function trustingNetworkClient(ca: string, timeoutMs = 10_000): EntraNetworkClient {
  const send = <T>(method: 'GET' | 'POST', url: string, options: { headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<{ headers: Record<string, string>; body: T; status: number }>((resolve, reject) => {
      const req = request(url, { method, ca, headers: options.headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value ?? '')]));
          try {
            resolve({ headers, body: (text ? JSON.parse(text) : {}) as T, status: res.statusCode ?? 0 });
          } catch {
            reject(new Error(`Entra answered ${res.statusCode ?? 0} with a body that is not JSON`));
          }
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error('Entra request timed out')));
      req.on('error', reject);
      req.end(options.body);
    });
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { Logger } from 'pino';
import type { AppIdentityConfig } from '../config';
import { GraphError } from '../graph/graph-error';
import { msalCredentialOf } from './app-credential';
import type { EntraNetworkClient } from './entra-network-client';

/** Application permissions are asked for as a whole: what the admin granted, nothing chosen per call. */
export const graphDefaultScope = 'https://graph.microsoft.com/.default';

export interface AppTokenDeps {
  identity: AppIdentityConfig;
  /** `https://login.microsoftonline.com`, or the local Entra emulator. */
  authorityHost: string;
  /** Tests: an HTTP client that trusts the emulator's certificate. */
  networkClient?: EntraNetworkClient;
  logger?: Logger;
}

/** Why the app got no token, in words an administrator acts on (never the credential). */
export type AppTokenFailure = 'AppIdentityNotConfigured' | 'AppCredentialRefused' | 'AppTokenUnavailable';

/**
 * The product's own Graph token (client credentials), for background work that no user waits for.
 * MSAL keeps it in its in-memory cache and renews it shortly before it expires: one sign-in per hour,
 * not one per call. Failures are `unauthenticated` GraphErrors whose code says why.
 */
export class AppTokenProvider {
  private readonly msal: ConfidentialClientApplication;

  constructor(private readonly deps: AppTokenDeps) {
    const host = new URL(deps.authorityHost).host;
    const config: Configuration = {
      auth: {
        clientId: deps.identity.clientId,
        authority: `${deps.authorityHost}/${deps.identity.tenantId}`,
        knownAuthorities: [host],
        ...msalCredentialOf(deps.identity.credential),
      },
      ...(deps.networkClient ? { system: { networkClient: deps.networkClient } } : {}),
    };
    this.msal = new ConfidentialClientApplication(config);
  }

  async getAppToken(): Promise<string> {
    try {
      const result = await this.msal.acquireTokenByClientCredential({ scopes: [graphDefaultScope] });
      if (!result?.accessToken) throw new Error('no token in the answer');
      return result.accessToken;
    } catch (error) {
      const code = msalErrorCode(error);
      // The error code only: MSAL's messages can quote the request (client assertion included).
      this.deps.logger?.warn({ errorCode: code }, 'app identity: no Graph token');
      const refused = /invalid_client|unauthorized_client|AADSTS7000215|AADSTS700027|AADSTS700016/i.test(code);
      const failure: AppTokenFailure = refused ? 'AppCredentialRefused' : 'AppTokenUnavailable';
      throw new GraphError('unauthenticated', `The app identity could not get a Graph token (${failure})`, { code: failure });
    }
  }
}

function msalErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { errorCode, subError } = error as { errorCode?: unknown; subError?: unknown };
  const message = (error as { errorMessage?: unknown }).errorMessage;
  const aadsts = typeof message === 'string' ? (/AADSTS\d+/.exec(message)?.[0] ?? '') : '';
  return [errorCode, subError, aadsts].filter((part) => typeof part === 'string' && part.length > 0).join(' ') || 'unknown';
}

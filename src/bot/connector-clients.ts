import type { AuthenticateRequestResult, ConnectorClient, ConnectorFactory } from 'botframework-connector';

/** Far more than the service URLs and bot identities one bot meets. */
const maxClients = 100;

/**
 * Connector clients kept for reuse. CloudAdapter asks the request's connector factory for a new
 * client (a whole HTTP pipeline) on every turn; a client depends only on the bot identity the
 * request names, the service URL and the audience, and is safe to share between turns.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  /** The request's authentication with a connector factory that hands out kept clients. */
  reusing(auth: AuthenticateRequestResult): AuthenticateRequestResult {
    const factory = auth.connectorFactory;
    if (!factory) return auth;
    const identity = ['aud', 'appid', 'azp'].map((claim) => auth.claimsIdentity?.getClaimValue(claim) ?? '');
    const reused: ConnectorFactory = {
      create: (serviceUrl, audience) => this.clientFor(JSON.stringify([...identity, serviceUrl, audience ?? '']), () => factory.create(serviceUrl, audience)),
    };
    return { ...auth, connectorFactory: reused };
  }

  private clientFor(key: string, create: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const known = this.clients.get(key);
    if (known) return known;
    const client = create();
    // A failed creation (credentials unavailable) is tried again next time, not kept.
    client.catch(() => this.clients.delete(key));
    this.clients.set(key, client);
    if (this.clients.size > maxClients) this.clients.delete(this.clients.keys().next().value as string);
    return client;
  }
}

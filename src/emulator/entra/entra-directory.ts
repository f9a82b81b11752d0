import { randomUUID } from 'node:crypto';

/** An app registration as the Entra emulator knows it: its credentials and what it was granted. */
export interface EntraApp {
  clientId: string;
  /** The service principal's object id (the `oid` of its app tokens). */
  objectId: string;
  /** Application ID URIs, e.g. `api://bot.contoso.com/botid-...`: valid audiences of SSO tokens for it. */
  identifierUris: string[];
  secret?: string;
  /** PEM certificate whose key signs the app's client assertions. */
  certificatePem?: string;
  /** Application permissions granted on Microsoft Graph (the `roles` of its app tokens). */
  roles: string[];
}

export interface EntraFault {
  grant: 'client_credentials' | 'on_behalf_of' | 'any';
  status: number;
  error: string;
  description: string;
}

/**
 * The emulator's registrations and consents. Nothing here is real Entra: tests set who consented to
 * what and which roles an app holds, then watch the product cope.
 */
export class EntraDirectory {
  private readonly apps = new Map<string, EntraApp>();
  /** userId → clientId → consented delegated Graph scopes (short names, e.g. Calendars.ReadWrite). */
  private readonly consents = new Map<string, Map<string, Set<string>>>();
  private readonly faults: EntraFault[] = [];
  /** Lifetime of issued user access tokens. */
  accessTokenSeconds = 3600;
  /** Lifetime of app tokens; under MSAL's 5-minute refresh margin, every acquisition asks again (role changes apply at once). */
  appTokenSeconds = 3600;
  /** Every token request's grant, for tests that count sign-ins. */
  readonly tokenRequests: Array<{ grant: string; clientId: string; outcome: number }> = [];

  registerApp(app: Partial<EntraApp> & { clientId: string }): EntraApp {
    const registered: EntraApp = { objectId: randomUUID(), identifierUris: [], roles: [], ...app };
    this.apps.set(app.clientId, registered);
    return registered;
  }

  app(clientId: string): EntraApp | undefined {
    return this.apps.get(clientId);
  }

  setRoles(clientId: string, roles: string[]): void {
    const app = this.apps.get(clientId);
    if (app) app.roles = [...roles];
  }

  /** The user consents (the sign-in page's consent prompt) to these delegated Graph scopes for the app. */
  consent(userId: string, clientId: string, scopes: string[]): void {
    const byApp = this.consents.get(userId) ?? new Map<string, Set<string>>();
    byApp.set(clientId, new Set([...(byApp.get(clientId) ?? []), ...scopes]));
    this.consents.set(userId, byApp);
  }

  revokeConsent(userId: string, clientId: string): void {
    this.consents.get(userId)?.delete(clientId);
  }

  consentedScopes(userId: string, clientId: string): Set<string> {
    return this.consents.get(userId)?.get(clientId) ?? new Set();
  }

  /** The next token request of that grant fails with this OAuth error. */
  failNext(fault: EntraFault): void {
    this.faults.push(fault);
  }

  takeFault(grant: EntraFault['grant']): EntraFault | undefined {
    const index = this.faults.findIndex((fault) => fault.grant === grant || fault.grant === 'any');
    return index === -1 ? undefined : this.faults.splice(index, 1)[0];
  }
}

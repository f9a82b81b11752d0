import type { AuthenticationOptions } from './teams-ai';
import type { AppConfig } from '../config';
import { GraphError } from '../graph/graph-error';
import type { Caller, TokenProvider } from '../graph/calendar-gateway';
import type { EntraNetworkClient } from '../identity/entra-network-client';

/** Delegated Graph scopes the product needs; the README says why each one is there. */
export const graphScopes = [
  'https://graph.microsoft.com/Calendars.ReadWrite',
  'https://graph.microsoft.com/Calendars.Read.Shared',
  'https://graph.microsoft.com/User.ReadBasic.All',
  'https://graph.microsoft.com/MailboxSettings.Read',
  'https://graph.microsoft.com/Mail.Send',
];

/** The name of the teams-ai authentication setting holding the Graph token. */
export const graphSetting = 'graph';

/**
 * Teams SSO through teams-ai (on-behalf-of exchange, no Azure Bot OAuth connection): production only.
 * When consent is missing, teams-ai sends a sign-in card that opens public/auth-start.html.
 */
export function teamsSsoOptions(config: AppConfig, networkClient?: EntraNetworkClient): AuthenticationOptions {
  return {
    settings: {
      [graphSetting]: {
        scopes: graphScopes,
        msalConfig: {
          auth: {
            clientId: config.graph.clientId,
            clientSecret: config.graph.clientSecret,
            authority: `${config.entra.authorityHost}/${config.bot.tenantId}`,
            knownAuthorities: [new URL(config.entra.authorityHost).host],
          },
          ...(networkClient ? { system: { networkClient } } : {}),
        },
        signInLink: `https://${config.publicHost}/auth-start.html`,
        endOnInvalidMessage: true,
      },
    },
    autoSignIn: true,
  };
}

/** One turn's hold on a user's token; releasing twice is harmless. */
export interface TokenLease {
  release(): void;
  /** Graph refused the token during the turn (401): the turn ends by signing the person out. */
  readonly rejected: boolean;
}

/**
 * Holds each user's Graph token while they have a turn running (put there by src/bot after SSO),
 * and gives it to the gateway. Every hold is a lease that the turn releases when it ends, whatever
 * happened in it (src/bot releases in a `finally`): one person with turns in two chats keeps the
 * token until the last lease goes, and the newest token wins. Tokens live in memory only, never logged.
 */
export class TurnTokenProvider implements TokenProvider {
  private readonly leases = new Map<string, Array<{ token: string; rejected: boolean }>>();

  hold(userId: string, token: string): TokenLease {
    const lease = { token, rejected: false };
    this.leases.set(userId, [...(this.leases.get(userId) ?? []), lease]);
    let released = false;
    return {
      get rejected() {
        return lease.rejected;
      },
      release: () => {
        if (released) return;
        released = true;
        const rest = (this.leases.get(userId) ?? []).filter((held) => held !== lease);
        if (rest.length === 0) this.leases.delete(userId);
        else this.leases.set(userId, rest);
      },
    };
  }

  /** How many users have a token held right now (tests check nothing outlives its turn). */
  get heldUsers(): number {
    return this.leases.size;
  }

  rejected(caller: Caller): void {
    for (const lease of this.leases.get(caller.userId) ?? []) lease.rejected = true;
  }

  getToken(caller: Caller): Promise<string> {
    const held = this.leases.get(caller.userId);
    const token = held?.[held.length - 1]?.token;
    if (!token) return Promise.reject(new GraphError('consentRequired', 'No Graph token for this user in this turn'));
    return Promise.resolve(token);
  }
}

import type { AuthenticationOptions } from './teams-ai';
import type { AppConfig } from '../config';
import { GraphError } from '../graph/graph-error';
import type { Caller, TokenProvider } from '../graph/calendar-gateway';

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
export function teamsSsoOptions(config: AppConfig): AuthenticationOptions {
  return {
    settings: {
      [graphSetting]: {
        scopes: graphScopes,
        msalConfig: {
          auth: {
            clientId: config.graph.clientId,
            clientSecret: config.graph.clientSecret,
            authority: `https://login.microsoftonline.com/${config.bot.tenantId}`,
          },
        },
        signInLink: `https://${config.publicHost}/auth-start.html`,
        endOnInvalidMessage: true,
      },
    },
    autoSignIn: true,
  };
}

/**
 * Holds each user's Graph token while they have a turn running (put there by src/bot after SSO),
 * and gives it to the gateway. One person can have turns in two chats at once: the token stays
 * until the last of them ends. Tokens live in memory only and are never logged.
 */
export class TurnTokenProvider implements TokenProvider {
  private readonly tokens = new Map<string, { token: string; turns: number }>();

  remember(userId: string, token: string): void {
    const held = this.tokens.get(userId);
    this.tokens.set(userId, { token, turns: (held?.turns ?? 0) + 1 });
  }

  forget(userId: string): void {
    const held = this.tokens.get(userId);
    if (!held) return;
    if (held.turns <= 1) this.tokens.delete(userId);
    else this.tokens.set(userId, { ...held, turns: held.turns - 1 });
  }

  getToken(caller: Caller): Promise<string> {
    const token = this.tokens.get(caller.userId)?.token;
    if (!token) return Promise.reject(new GraphError('consentRequired', 'No Graph token for this user in this turn'));
    return Promise.resolve(token);
  }
}

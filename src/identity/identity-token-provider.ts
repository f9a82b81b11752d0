import { isAppCaller, type Caller, type TokenProvider } from '../graph/calendar-gateway';
import { GraphError } from '../graph/graph-error';

/** Where app tokens come from (AppTokenProvider, or a stand-in in tests). */
export interface AppTokenSource {
  getAppToken(): Promise<string>;
}

/**
 * The gateway's one token seam: a call made `as: 'app'` gets the product's own token, any other call
 * the person's delegated one. Without an app identity configured, app calls fail as `unauthenticated`
 * (code AppIdentityNotConfigured), which jobs park and retry rather than drop.
 */
export class IdentityTokenProvider implements TokenProvider {
  constructor(
    private readonly delegated: TokenProvider,
    private readonly app: AppTokenSource | undefined,
  ) {}

  getToken(caller: Caller): Promise<string> {
    if (!isAppCaller(caller)) return this.delegated.getToken(caller);
    if (!this.app) {
      return Promise.reject(new GraphError('unauthenticated', 'No app identity is configured for background work', { code: 'AppIdentityNotConfigured' }));
    }
    return this.app.getAppToken();
  }

  rejected(caller: Caller): void {
    if (!isAppCaller(caller)) this.delegated.rejected?.(caller);
  }
}

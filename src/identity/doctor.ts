import type { AppConfig } from '../config';
import { appActingOn, type TokenProvider } from '../graph/calendar-gateway';
import { createCalendarGateway } from '../graph';
import { GraphError, isGraphError } from '../graph/graph-error';
import { AppTokenProvider } from './app-token-provider';
import { trustingNetworkClient } from './entra-network-client';
import { IdentityTokenProvider } from './identity-token-provider';

/** The application permissions the product needs (README: identity model), nothing more. */
export const expectedRoles = ['Calendars.ReadWrite', 'Mail.Send'];
/** Allowed beside them: jobs that resolve people, and installing the app for a recipient (found in the catalog). */
export const optionalRoles = ['User.Read.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'AppCatalog.Read.All'];

export type CheckResult = 'ok' | 'FAIL' | 'skipped';

export interface DoctorRow {
  check: string;
  result: CheckResult;
  detail: string;
}

export interface DoctorOptions {
  /** A mailbox the management scope includes (address or object id). */
  inside?: string;
  /** A mailbox it leaves out: the app must be refused there. */
  outside?: string;
  /** Only against the local Entra emulator. */
  entraCa?: string;
}

/**
 * Checks a configured deployment's app identity: a token is obtained, its roles are the expected
 * ones (and no more), a mailbox inside the RBAC for Applications scope is reachable and one outside
 * is refused. Rows name ids, roles and statuses, never a credential or a token.
 */
export async function runDoctor(config: AppConfig, options: DoctorOptions = {}): Promise<DoctorRow[]> {
  const identity = config.appIdentity;
  if (!identity) {
    return [{ check: 'app identity', result: 'FAIL', detail: 'not configured: set GRAPH_APP_CERTIFICATE_PATH (or SECRET_GRAPH_APP_CLIENT_SECRET)' }];
  }
  const rows: DoctorRow[] = [{ check: 'app identity', result: 'ok', detail: `client ${identity.clientId}, tenant ${identity.tenantId}, ${identity.credential.kind}` }];
  const tokens = new AppTokenProvider({ identity, authorityHost: config.entra.authorityHost, networkClient: options.entraCa ? trustingNetworkClient(options.entraCa) : undefined });
  let token: string;
  try {
    token = await tokens.getAppToken();
    rows.push({ check: 'app token', result: 'ok', detail: `obtained from ${config.entra.authorityHost}` });
  } catch (error) {
    rows.push({ check: 'app token', result: 'FAIL', detail: isGraphError(error) ? (error.code ?? error.reason) : 'failed' });
    return rows;
  }
  rows.push(rolesRow(rolesOf(token)));

  const refuseDelegated: TokenProvider = { getToken: () => Promise.reject(new GraphError('consentRequired', 'doctor uses the app identity only')) };
  const gateway = createCalendarGateway({ baseUrl: config.graph.baseUrl, tokenProvider: new IdentityTokenProvider(refuseDelegated, tokens), maxRetries: 1, maxTotalWaitMs: 2_000 });
  // 'reached', or what Graph answered (status and code).
  const reach = async (mailbox: string): Promise<string> => {
    try {
      await gateway.listMyCalendars(appActingOn(mailbox));
      return 'reached';
    } catch (error) {
      return isGraphError(error) ? `${error.status ?? ''} ${error.code ?? error.reason}`.trim() : 'failed';
    }
  };
  if (options.inside) {
    const outcome = await reach(options.inside);
    rows.push({ check: 'mailbox inside the scope', result: outcome === 'reached' ? 'ok' : 'FAIL', detail: `${options.inside}: ${outcome}` });
  } else rows.push({ check: 'mailbox inside the scope', result: 'skipped', detail: 'pass --inside <address>' });
  if (options.outside) {
    const outcome = await reach(options.outside);
    const refused = /^403/.test(outcome);
    const detail = refused ? `${options.outside}: refused (${outcome})` : `${options.outside}: ${outcome}. The app reaches mailboxes outside its scope: remove the unscoped Entra grant (see README)`;
    rows.push({ check: 'mailbox outside the scope', result: refused ? 'ok' : 'FAIL', detail });
  } else rows.push({ check: 'mailbox outside the scope', result: 'skipped', detail: 'pass --outside <address>' });
  return rows;
}

/** The `roles` claim, read from the token's payload (Graph checks the signature; we only read). */
function rolesOf(token: string): string[] {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  } catch {
    return [];
  }
}

function rolesRow(roles: string[]): DoctorRow {
  const missing = expectedRoles.filter((role) => !roles.includes(role));
  const extra = roles.filter((role) => !expectedRoles.includes(role) && !optionalRoles.includes(role));
  const parts = [`granted: ${roles.length > 0 ? roles.join(', ') : 'none'}`];
  if (missing.length > 0) parts.push(`missing: ${missing.join(', ')}`);
  if (extra.length > 0) parts.push(`more than needed: ${extra.join(', ')}`);
  return { check: 'app roles', result: missing.length === 0 && extra.length === 0 ? 'ok' : 'FAIL', detail: parts.join('; ') };
}

/** The short table `npm run doctor` prints. */
export function doctorTable(rows: DoctorRow[]): string {
  const width = (pick: (row: DoctorRow) => string, title: string) => Math.max(title.length, ...rows.map((row) => pick(row).length));
  const checkWidth = width((row) => row.check, 'check');
  const resultWidth = width((row) => row.result, 'result');
  const line = (check: string, result: string, detail: string) => `${check.padEnd(checkWidth)}  ${result.padEnd(resultWidth)}  ${detail}`;
  return [line('check', 'result', 'detail'), line('-'.repeat(checkWidth), '-'.repeat(resultWidth), '------'), ...rows.map((row) => line(row.check, row.result, row.detail))].join('\n');
}

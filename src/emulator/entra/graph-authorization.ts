import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Clock } from '../../clock';
import { GraphApiError, type GraphRequest } from '../graph-http';
import type { DirectoryUser } from '../org-schema';
import type { EmulatorStore } from '../state-store';
import { graphAudience } from './entra-tokens';

/** Who a validated Graph token speaks for. */
export type GraphPrincipal = { kind: 'user'; userId: string; scopes: Set<string> } | { kind: 'app'; appId: string; roles: Set<string> };

export interface EntraGraphAuthOptions {
  /** The Entra emulator's signing key (what Graph reads from Entra's JWKS). */
  publicKey: KeyObject;
  tenantId: string;
  clock: Clock;
}

const invalidToken = (message: string) => new GraphApiError(401, 'InvalidAuthenticationToken', message);
const denied = () => new GraphApiError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

/**
 * Graph's side of Entra tokens, for the emulator's "entra" mode: signature, audience, tenant and
 * lifetime first (401 InvalidAuthenticationToken), then the token's scopes or roles against the call
 * (403), then, for the app identity, the mailboxes Exchange's RBAC for Applications scopes it to.
 */
export class EntraGraphAuth {
  /** Exchange's management scope for app-only access: undefined = every mailbox (an unscoped grant). */
  private appMailboxScope: Set<string> | undefined;

  constructor(private readonly options: EntraGraphAuthOptions) {}

  /** Limits app-only calls to these mailboxes (object ids), as a management scope does; undefined lifts it. */
  limitAppTo(userIds: string[] | undefined): void {
    this.appMailboxScope = userIds && new Set(userIds.map((id) => id.toLowerCase()));
  }

  validate(header: string | undefined): GraphPrincipal {
    if (!header) throw invalidToken('Access token is empty.');
    const token = header.replace(/^Bearer\s+/i, '');
    let claims: jwt.JwtPayload;
    try {
      claims = jwt.verify(token, this.options.publicKey, { algorithms: ['RS256'], clockTimestamp: Math.floor(this.options.clock.now().getTime() / 1000) }) as jwt.JwtPayload;
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) throw invalidToken('Lifetime validation failed, the token is expired.');
      throw invalidToken('Access token validation failure. Invalid signature.');
    }
    if (claims.aud !== graphAudience && claims.aud !== '00000003-0000-0000-c000-000000000000') throw invalidToken('Access token validation failure. Invalid audience.');
    if (claims.tid !== this.options.tenantId) throw invalidToken('Access token validation failure. Invalid tenant.');
    if (claims.idtyp === 'app') return { kind: 'app', appId: String(claims.appid ?? ''), roles: new Set(Array.isArray(claims.roles) ? claims.roles.map(String) : []) };
    if (typeof claims.oid !== 'string') throw invalidToken('Access token validation failure.');
    return { kind: 'user', userId: claims.oid, scopes: new Set(String(claims.scp ?? '').split(' ').filter(Boolean)) };
  }

  /**
   * The directory user the call acts as: the signed-in user, or for the app the mailbox the path
   * names (the app reaches a mailbox as fully as its owner, within its roles and scope).
   */
  authorize(request: GraphRequest, segments: string[], store: EmulatorStore): DirectoryUser {
    const principal = this.validate(request.headers.authorization);
    const head = segments[0]?.toLowerCase();
    if (head === '$batch') return this.anyone(principal, store);
    if (principal.kind === 'user') {
      const user = store.findUser(principal.userId);
      if (!user) throw invalidToken('Access token validation failure. The user is not in this tenant.');
      const mailbox = head === 'users' && segments[1] ? store.findUserByKey(segments[1]) : user;
      if (!allowed(principal.scopes, delegatedNeeds(request.method, segments, mailbox?.id === user.id))) throw denied();
      return user;
    }
    if (head === 'me') throw new GraphApiError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
    if (!allowed(principal.roles, appNeeds(request.method, segments))) throw denied();
    const mailbox = head === 'users' && segments[1] ? store.findUserByKey(segments[1]) : undefined;
    if (!mailbox) return this.anyone(principal, store);
    if (segments.length > 2 && this.appMailboxScope && !this.appMailboxScope.has(mailbox.id.toLowerCase())) {
      throw new GraphApiError(403, 'ErrorAccessDenied', 'Access to OData is disabled: Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    return mailbox;
  }

  /** Calls that name no mailbox ($batch, directory search) run as the first person of the directory. */
  private anyone(principal: GraphPrincipal, store: EmulatorStore): DirectoryUser {
    const user = principal.kind === 'user' ? store.findUser(principal.userId) : store.org.users[0];
    if (!user) throw invalidToken('Access token validation failure.');
    return user;
  }
}

type Needs = string[] | 'none';

function allowed(granted: Set<string>, needs: Needs): boolean {
  return needs === 'none' || needs.some((permission) => granted.has(permission));
}

/** The resource a path is about: the segment after /users/{id} (or after /me). */
function resourceOf(segments: string[]): string {
  const lower = segments.map((segment) => segment.toLowerCase());
  const start = lower[0] === 'me' ? 1 : lower[0] === 'users' ? 2 : 0;
  if (lower.includes('sendmail')) return 'mail';
  if (lower.includes('mailboxsettings')) return 'mailboxSettings';
  if (lower.includes('teamwork')) return 'teamwork';
  if (lower[0] === 'appcatalogs') return 'catalog';
  if (lower.includes('getschedule')) return 'schedule';
  return lower.length > start ? 'calendar' : 'directory';
}

const readMethod = (method: string, resource: string) => method === 'GET' || resource === 'schedule';

/** Least privilege per call, the delegated way (as Graph's permission tables list it). */
function delegatedNeeds(method: string, segments: string[], ownMailbox: boolean): Needs {
  const resource = resourceOf(segments);
  const read = readMethod(method, resource);
  switch (resource) {
    case 'mail':
      return ['Mail.Send'];
    case 'mailboxSettings':
      return read ? ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'] : ['MailboxSettings.ReadWrite'];
    case 'teamwork':
      return ['TeamsAppInstallation.ReadWriteSelfForUser'];
    case 'catalog':
      return ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'];
    case 'schedule':
      return ['Calendars.Read', 'Calendars.ReadWrite', 'Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'];
    case 'calendar':
      if (ownMailbox) return read ? ['Calendars.Read', 'Calendars.ReadWrite'] : ['Calendars.ReadWrite'];
      return read ? ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared'] : ['Calendars.ReadWrite.Shared'];
    default:
      return ['User.ReadBasic.All', 'User.Read.All', 'User.Read'];
  }
}

/** The same for application permissions (the `roles` of an app token). */
function appNeeds(method: string, segments: string[]): Needs {
  const resource = resourceOf(segments);
  const read = readMethod(method, resource);
  switch (resource) {
    case 'mail':
      return ['Mail.Send'];
    case 'mailboxSettings':
      return read ? ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'] : ['MailboxSettings.ReadWrite'];
    case 'teamwork':
      return ['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All'];
    case 'catalog':
      return ['AppCatalog.Read.All', 'AppCatalog.ReadWrite.All'];
    case 'schedule':
    case 'calendar':
      return read ? ['Calendars.Read', 'Calendars.ReadWrite'] : ['Calendars.ReadWrite'];
    default:
      return ['User.Read.All', 'User.ReadBasic.All'];
  }
}

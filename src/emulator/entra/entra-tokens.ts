import { createPublicKey, X509Certificate } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { EntraApp, EntraDirectory } from './entra-directory';
import type { EntraSigningKey } from './entra-keys';

/** Microsoft Graph as an audience, as Entra writes it in Graph tokens. */
export const graphAudience = 'https://graph.microsoft.com';
const graphResource = /^https:\/\/graph\.microsoft\.com\//i;
const oboGrant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface TokenContext {
  tenantId: string;
  /** The emulator's issuer base (`https://127.0.0.1:PORT`). */
  origin: string;
  directory: EntraDirectory;
  key: EntraSigningKey;
  nowSeconds: number;
}

/** Entra's error envelope for the token endpoint. */
function oauthError(status: number, error: string, description: string, suberror?: string): TokenAnswer {
  const code = /AADSTS(\d+)/.exec(description)?.[1];
  return { status, body: { error, error_description: description, error_codes: code ? [Number(code)] : [], ...(suberror ? { suberror } : {}) } };
}

/** POST /{tenant}/oauth2/v2.0/token: client credentials and on-behalf-of, with the client authenticated first. */
export function tokenEndpoint(form: URLSearchParams, context: TokenContext): TokenAnswer {
  const grant = form.get('grant_type') ?? '';
  const kind = grant === 'client_credentials' ? 'client_credentials' : grant === oboGrant ? 'on_behalf_of' : undefined;
  if (!kind) return oauthError(400, 'unsupported_grant_type', `AADSTS70003: The app requested an unsupported grant type '${grant}'.`);
  const answer = answerFor(kind, form, context);
  context.directory.tokenRequests.push({ grant: kind, clientId: form.get('client_id') ?? '', outcome: answer.status });
  return answer;
}

function answerFor(kind: 'client_credentials' | 'on_behalf_of', form: URLSearchParams, context: TokenContext): TokenAnswer {
  const fault = context.directory.takeFault(kind);
  if (fault) return oauthError(fault.status, fault.error, fault.description);
  const app = authenticateClient(form, context);
  if ('status' in app) return app;
  return kind === 'client_credentials' ? clientCredentials(app, form, context) : onBehalfOf(app, form, context);
}

function authenticateClient(form: URLSearchParams, context: TokenContext): EntraApp | TokenAnswer {
  const clientId = form.get('client_id') ?? '';
  const app = context.directory.app(clientId);
  if (!app) return oauthError(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`);
  const secret = form.get('client_secret');
  if (secret !== null) {
    return app.secret !== undefined && secret === app.secret ? app : oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  }
  const assertion = form.get('client_assertion');
  if (assertion !== null && form.get('client_assertion_type') === assertionType && app.certificatePem) {
    const tokenEndpointUrl = `${context.origin}/${context.tenantId}/oauth2/v2.0/token`;
    try {
      const key = createPublicKey(new X509Certificate(app.certificatePem).publicKey.export({ format: 'pem', type: 'spki' }));
      // Stamped by the client's own clock (the machine's), not the emulator's test clock.
      jwt.verify(assertion, key, { algorithms: ['RS256', 'PS256'], audience: tokenEndpointUrl, issuer: clientId, subject: clientId, clockTolerance: 300 });
      return app;
    } catch {
      return oauthError(401, 'invalid_client', 'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.');
    }
  }
  return oauthError(401, 'invalid_client', 'AADSTS7000218: The request body must contain the following parameter: client_assertion or client_secret.');
}

function clientCredentials(app: EntraApp, form: URLSearchParams, context: TokenContext): TokenAnswer {
  const scope = form.get('scope') ?? '';
  if (scope.split(' ').filter(Boolean).join(' ') !== `${graphAudience}/.default`) {
    return oauthError(400, 'invalid_scope', `AADSTS1002012: The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`);
  }
  const seconds = context.directory.appTokenSeconds;
  const claims = {
    aud: graphAudience,
    iss: `https://sts.windows.net/${context.tenantId}/`,
    tid: context.tenantId,
    appid: app.clientId,
    azp: app.clientId,
    oid: app.objectId,
    sub: app.objectId,
    idtyp: 'app',
    ...(app.roles.length > 0 ? { roles: app.roles } : {}),
  };
  return { status: 200, body: { token_type: 'Bearer', expires_in: seconds, ext_expires_in: seconds, access_token: context.key.sign(claims, context.nowSeconds, seconds) } };
}

/** The SSO token Teams got for the user is exchanged for a Graph token with the scopes they consented to. */
function onBehalfOf(app: EntraApp, form: URLSearchParams, context: TokenContext): TokenAnswer {
  let user: jwt.JwtPayload;
  try {
    user = jwt.verify(form.get('assertion') ?? '', context.key.publicKey, { algorithms: ['RS256'], clockTimestamp: context.nowSeconds }) as jwt.JwtPayload;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return oauthError(400, 'invalid_grant', 'AADSTS500133: Assertion is not within its valid time range.');
    return oauthError(400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
  }
  const audiences = [app.clientId, ...app.identifierUris];
  if (typeof user.aud !== 'string' || !audiences.includes(user.aud) || user.tid !== context.tenantId || typeof user.oid !== 'string') {
    return oauthError(400, 'invalid_grant', 'AADSTS50013: Assertion audience does not match the Client app presenting the assertion.');
  }
  const requested = (form.get('scope') ?? '').split(' ').filter((scope) => graphResource.test(scope)).map((scope) => scope.replace(graphResource, ''));
  const consented = context.directory.consentedScopes(user.oid, app.clientId);
  if (requested.length === 0 || requested.some((scope) => !consented.has(scope))) {
    return oauthError(400, 'invalid_grant', `AADSTS65001: The user or administrator has not consented to use the application with ID '${app.clientId}'.`, 'consent_required');
  }
  const seconds = context.directory.accessTokenSeconds;
  const now = context.nowSeconds;
  const graphToken = context.key.sign(
    { aud: graphAudience, iss: `https://sts.windows.net/${context.tenantId}/`, tid: context.tenantId, oid: user.oid, sub: user.oid, appid: app.clientId, idtyp: 'user', scp: requested.join(' '), name: user.name, upn: user.upn },
    now,
    seconds,
  );
  const idToken = context.key.sign(
    { aud: app.clientId, iss: `${context.origin}/${context.tenantId}/v2.0`, tid: context.tenantId, oid: user.oid, sub: user.oid, name: user.name, preferred_username: user.upn },
    now,
    seconds,
  );
  const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: context.tenantId })).toString('base64url');
  return {
    status: 200,
    body: { token_type: 'Bearer', scope: requested.map((scope) => `${graphAudience}/${scope}`).join(' '), expires_in: seconds, ext_expires_in: seconds, access_token: graphToken, id_token: idToken, client_info: clientInfo },
  };
}

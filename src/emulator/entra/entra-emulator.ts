import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { systemClock, type Clock } from '../../clock';
import { EntraDirectory } from './entra-directory';
import { EntraSigningKey } from './entra-keys';
import { graphAudience, tokenEndpoint } from './entra-tokens';

export interface EntraEmulatorOptions {
  tenantId: string;
  /** Token times come from this clock, so a test can let tokens expire. */
  clock?: Clock;
}

export interface RunningEntraEmulator {
  /** `https://127.0.0.1:PORT`: what ENTRA_AUTHORITY_HOST is set to. */
  authorityHost: string;
  tenantId: string;
  /** The emulator's self-signed TLS certificate (PEM), for the client that must trust it. */
  ca: string;
  directory: EntraDirectory;
  key: EntraSigningKey;
  /** The token Teams hands the bot in the SSO token exchange (audience: the bot's Application ID URI). */
  ssoTokenFor(user: { id: string; name: string; upn: string }, audience: string, lifetimeSeconds?: number): string;
  close(): Promise<void>;
}

/**
 * A local Entra ID (Azure AD v2.0 endpoints) on https://127.0.0.1: OpenID metadata, JWKS and a token
 * endpoint serving client credentials and on-behalf-of, with RS256 tokens carrying tid, aud, scp or
 * roles. HTTPS because MSAL refuses any other authority; the certificate is self-signed per start.
 */
export async function startEntraEmulator(options: EntraEmulatorOptions): Promise<RunningEntraEmulator> {
  const clock = options.clock ?? systemClock;
  const { tenantId } = options;
  const directory = new EntraDirectory();
  const key = new EntraSigningKey();
  const tls = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
  let origin = '';
  const server: Server = createServer({ key: tls.private, cert: tls.cert }, (req, res) => {
    void route(req, res).catch(() => send(res, 500, { error: 'server_error', error_description: 'AADSTS90000: emulator failure' }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const [tenant, ...rest] = url.pathname.split('/').filter(Boolean);
    const path = rest.join('/');
    if (tenant !== tenantId && tenant !== 'common' && tenant !== 'organizations') {
      return send(res, 400, { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${tenant ?? ''}' not found.` });
    }
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') return send(res, 200, metadata(origin, tenantId));
    if (req.method === 'GET' && path === 'discovery/v2.0/keys') return send(res, 200, key.jwks());
    if (req.method === 'GET' && path === 'discovery/instance') {
      return send(res, 200, { tenant_discovery_endpoint: `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`, metadata: [] });
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      const form = new URLSearchParams(await readText(req));
      const answer = tokenEndpoint(form, { tenantId, origin, directory, key, nowSeconds: nowSeconds() });
      return send(res, answer.status, answer.body);
    }
    return send(res, 404, { error: 'not_found', error_description: 'AADSTS90027: no such endpoint in the emulator' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: origin,
    tenantId,
    ca: tls.cert,
    directory,
    key,
    ssoTokenFor: (user, audience, lifetimeSeconds = 3600) =>
      key.sign({ aud: audience, iss: `${origin}/${tenantId}/v2.0`, tid: tenantId, oid: user.id, sub: user.id, name: user.name, upn: user.upn, scp: 'access_as_user' }, nowSeconds(), lifetimeSeconds),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function metadata(origin: string, tenantId: string): Record<string, unknown> {
  const base = `${origin}/${tenantId}`;
  return {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: new URL(graphAudience).host,
  };
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';

/** The calendar roles a sharing policy can cap external shares at. */
export const policyRoles = ['freeBusyRead', 'limitedRead', 'read'] as const;
export type PolicyRole = (typeof policyRoles)[number];

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const port = z.coerce.number().int().min(0).max(65535); // 0: any free port (tests)
const emailList = z
  .string()
  .optional()
  .transform(list)
  .pipe(z.array(z.string().email('expected a comma-separated list of email addresses')))
  .transform((items) => items.map((item) => item.toLowerCase()));

const domainPolicies = z
  .string()
  .optional()
  .transform(list)
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[a-z0-9.-]+:(freeBusyRead|limitedRead|read)$/i, 'expected domain:role pairs, e.g. partner.example.org:limitedRead'),
    ),
  )
  .transform((pairs) =>
    Object.fromEntries(pairs.map((pair) => pair.split(':')).map(([domain, role]) => [domain.toLowerCase(), role as PolicyRole])),
  );

const schema = z
  .object({
    APP_MODE: z.enum(['local', 'production']).default('local'),
    BOT_PORT: port.default(3978),
    BOT_HOST: z.string().optional(),
    BOT_ID: z.string().optional(),
    SECRET_BOT_PASSWORD: z.string().optional(),
    BOT_TENANT_ID: z.string().optional(),
    BOT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant']).default('SingleTenant'),
    BOT_OPENID_METADATA_URL: z.string().url().optional(),
    BOT_DOMAIN: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/i, 'expected the public host name of the bot, e.g. bot.contoso.com').optional(),
    ALLOWED_TENANT_IDS: z.string().optional().transform(list),
    GRAPH_BASE_URL: z
      .string()
      .url('expected the Graph base URL, e.g. https://graph.microsoft.com/v1.0')
      .regex(/\/v1\.0$/, 'expected a URL ending in /v1.0')
      .default('http://127.0.0.1:5990/v1.0'),
    AAD_APP_CLIENT_ID: z.string().optional(),
    SECRET_AAD_APP_CLIENT_SECRET: z.string().optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL')
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HELPDESK_USERS: emailList,
    ORGANIZATION_DOMAINS: z
      .string()
      .optional()
      .transform((value) => list(value).map((domain) => domain.toLowerCase())),
    SHARING_POLICY_DEFAULT_EXTERNAL: z.enum(policyRoles).default('freeBusyRead'),
    SHARING_POLICY_DOMAINS: domainPolicies,
    // iCalendar feeds (issue 11).
    SECRET_ENCRYPTION_KEYS: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(\s*,\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, 'expected keyId:base64 pairs of 32-byte keys, the first one used to encrypt')
      .optional(),
    FEEDS_HTTP_ALLOWED_HOSTS: z
      .string()
      .optional()
      .transform((value) => list(value).map((host) => host.toLowerCase())),
    FEEDS_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    FEEDS_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    FEEDS_ALLOW_LOOPBACK_FOR_TESTS: z.enum(['true', 'false']).default('false'),
  })
  .superRefine((env, ctx) => {
    if (env.APP_MODE !== 'production') return;
    const required = ['BOT_ID', 'SECRET_BOT_PASSWORD', 'BOT_TENANT_ID', 'BOT_DOMAIN', 'AAD_APP_CLIENT_ID', 'SECRET_AAD_APP_CLIENT_SECRET'] as const;
    for (const key of required) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required in production mode' });
    }
    if (env.ALLOWED_TENANT_IDS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ALLOWED_TENANT_IDS'], message: 'required in production mode (comma-separated tenant ids)' });
    }
    if (env.ORGANIZATION_DOMAINS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['ORGANIZATION_DOMAINS'], message: 'required in production mode (comma-separated mail domains)' });
    }
    // Users' Graph tokens travel to this URL: never plain HTTP or this machine in production.
    const graph = new URL(env.GRAPH_BASE_URL);
    if (graph.protocol !== 'https:' || isLoopbackHost(graph.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['GRAPH_BASE_URL'], message: 'in production mode, expected https://graph.microsoft.com/v1.0 (or your national cloud)' });
    }
    if (!env.SECRET_ENCRYPTION_KEYS) {
      ctx.addIssue({ code: 'custom', path: ['SECRET_ENCRYPTION_KEYS'], message: 'required in production mode (feed credentials are encrypted with it)' });
    }
    if (env.FEEDS_ALLOW_LOOPBACK_FOR_TESTS === 'true') {
      ctx.addIssue({ code: 'custom', path: ['FEEDS_ALLOW_LOOPBACK_FOR_TESTS'], message: 'is for tests only and refused in production mode' });
    }
    // It decides which signing keys the bot trusts; plain HTTP only for a test issuer on this machine.
    const metadata = env.BOT_OPENID_METADATA_URL ? new URL(env.BOT_OPENID_METADATA_URL) : undefined;
    if (metadata && metadata.protocol !== 'https:' && !isLoopbackHost(metadata.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['BOT_OPENID_METADATA_URL'], message: 'in production mode, expected an https URL' });
    }
  });

export type RawEnv = z.infer<typeof schema>;

/** Everything the product reads from its environment, validated once at start-up. */
export interface AppConfig {
  mode: 'local' | 'production';
  server: { host: string; port: number };
  /** The host name Teams reaches the bot at (sign-in pages); `localhost` in local mode. */
  publicHost: string;
  bot: { appId: string; appPassword: string; tenantId: string; appType: 'SingleTenant' | 'MultiTenant'; openIdMetadataUrl?: string };
  allowedTenantIds: string[];
  graph: { baseUrl: string; clientId: string; clientSecret: string };
  storage: { dataDir: string; databaseUrl?: string };
  logLevel: RawEnv['LOG_LEVEL'];
  helpdeskUsers: string[];
  organization: { domains: string[] };
  sharingPolicy: { defaultExternal: PolicyRole; domains: Record<string, PolicyRole> };
  /** `keyId:base64,…`; locally a key is created under DATA_DIR when unset. */
  secrets: { encryptionKeys?: string };
  feeds: { httpAllowedHosts: string[]; maxBytes: number; timeoutMs: number; allowLoopbackForTests: boolean };
}

export class ConfigError extends Error {}

/** Reads `env/.env.<name>`, then `env/.env.<name>.user`, then the process environment (which wins). */
export function readEnvFiles(rootDir: string, envName: string): Record<string, string> {
  const files = [`.env.${envName}`, `.env.${envName}.user`].map((name) => path.join(rootDir, 'env', name));
  const parsed: Array<Record<string, string>> = files.filter((file) => existsSync(file)).map((file) => parseDotenv(readFileSync(file)));
  return Object.assign({}, ...parsed) as Record<string, string>;
}

/** Validates raw settings; a bad value throws a ConfigError whose message is one line naming the variable. */
export function parseConfig(values: Record<string, string | undefined>): AppConfig {
  // An empty value (`DATABASE_URL=` in an env file) means "not set", as in Teams Toolkit files.
  const present = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Invalid configuration: ${name}: ${issue.message}`);
  }
  const env = result.data;
  const local = env.APP_MODE === 'local';
  if (local && env.BOT_HOST && !isLoopbackHost(env.BOT_HOST)) {
    throw new ConfigError('Invalid configuration: BOT_HOST: local mode is unauthenticated and only listens on loopback (127.0.0.1 or ::1)');
  }
  return {
    mode: env.APP_MODE,
    server: { host: env.BOT_HOST ?? (local ? '127.0.0.1' : '0.0.0.0'), port: env.BOT_PORT },
    publicHost: env.BOT_DOMAIN ?? 'localhost',
    bot: {
      appId: local ? '' : (env.BOT_ID ?? ''),
      appPassword: local ? '' : (env.SECRET_BOT_PASSWORD ?? ''),
      tenantId: env.BOT_TENANT_ID ?? '',
      appType: env.BOT_APP_TYPE,
      openIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    },
    allowedTenantIds: env.ALLOWED_TENANT_IDS,
    graph: { baseUrl: env.GRAPH_BASE_URL, clientId: env.AAD_APP_CLIENT_ID ?? '', clientSecret: env.SECRET_AAD_APP_CLIENT_SECRET ?? '' },
    storage: { dataDir: env.DATA_DIR, databaseUrl: env.DATABASE_URL },
    logLevel: env.LOG_LEVEL,
    helpdeskUsers: env.HELPDESK_USERS,
    organization: { domains: env.ORGANIZATION_DOMAINS.length > 0 ? env.ORGANIZATION_DOMAINS : ['example.com'] },
    sharingPolicy: { defaultExternal: env.SHARING_POLICY_DEFAULT_EXTERNAL, domains: env.SHARING_POLICY_DOMAINS },
    secrets: { encryptionKeys: env.SECRET_ENCRYPTION_KEYS },
    feeds: {
      httpAllowedHosts: env.FEEDS_HTTP_ALLOWED_HOSTS,
      maxBytes: env.FEEDS_MAX_BYTES,
      timeoutMs: env.FEEDS_FETCH_TIMEOUT_MS,
      allowLoopbackForTests: env.FEEDS_ALLOW_LOOPBACK_FOR_TESTS === 'true',
    },
  };
}

/** The one place that reads process.env: the env name comes from APP_ENV (default `local`). */
export function loadConfig(rootDir: string, processEnv: NodeJS.ProcessEnv = process.env): AppConfig {
  const envName = processEnv.APP_ENV ?? 'local';
  if (!/^[a-z0-9-]+$/.test(envName)) throw new ConfigError('Invalid configuration: APP_ENV: expected a name like local or dev');
  return parseConfig({ ...readEnvFiles(rootDir, envName), ...processEnv });
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

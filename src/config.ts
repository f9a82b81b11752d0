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
    OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    RETENTION_SENT_OUTBOX_DAYS: z.coerce.number().int().min(1).default(30),
    RETENTION_DEDUPE_KEY_DAYS: z.coerce.number().int().min(1).default(90),
    RETENTION_CLOSED_DRAFT_DAYS: z.coerce.number().int().min(1).default(30),
    RETENTION_BOT_STATE_DAYS: z.coerce.number().int().min(1).default(180),
    SNAPSHOT_MAX_EVENTS: z.coerce.number().int().min(1).max(100_000).default(1000),
    PUBLISHING_MAX_LEVEL: z.enum(['disabled', ...policyRoles]).default('freeBusyRead'),
    FEED_BASE_URL: z.string().url('expected the public https origin of the bot, e.g. https://bot.contoso.com').optional(),
    FEED_DAYS_BACK: z.coerce.number().int().min(0).max(366).default(30),
    FEED_MONTHS_AHEAD: z.coerce.number().int().min(1).max(36).default(12),
    FEED_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
    FEED_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    EXTERNAL_SHARE_LINKS: z.enum(['true', 'false']).default('true'),
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
    // Feed links are handed to anyone: they must not travel in clear.
    if (env.FEED_BASE_URL && new URL(env.FEED_BASE_URL).protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', path: ['FEED_BASE_URL'], message: 'in production mode, expected an https URL' });
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
  /** How long an instance holds a claimed outbox message before another may take it (renewed while it works). */
  outbox: { leaseMs: number };
  retention: { sentOutboxDays: number; dedupeKeyDays: number; closedDraftDays: number; botStateDays: number };
  /** Calendars sent by email (snapshots). */
  snapshot: { maxEvents: number };
  /**
   * Published calendars (feeds): the highest level the organisation allows ('disabled': no publishing),
   * the public origin of the links, the window around today, the cache period and the per-link rate limit.
   */
  publishing: { maxLevel: PolicyRole | 'disabled'; baseUrl?: string; daysBack: number; monthsAhead: number; cacheSeconds: number; ratePerMinute: number; externalShareLinks: boolean };
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
    outbox: { leaseMs: env.OUTBOX_LEASE_SECONDS * 1000 },
    retention: {
      sentOutboxDays: env.RETENTION_SENT_OUTBOX_DAYS,
      dedupeKeyDays: env.RETENTION_DEDUPE_KEY_DAYS,
      closedDraftDays: env.RETENTION_CLOSED_DRAFT_DAYS,
      botStateDays: env.RETENTION_BOT_STATE_DAYS,
    },
    snapshot: { maxEvents: env.SNAPSHOT_MAX_EVENTS },
    publishing: {
      maxLevel: env.PUBLISHING_MAX_LEVEL,
      // Production links are https on the bot's public host; locally the server's own address is used.
      baseUrl: env.FEED_BASE_URL?.replace(/\/+$/, '') ?? (local ? undefined : `https://${env.BOT_DOMAIN ?? 'localhost'}`),
      daysBack: env.FEED_DAYS_BACK,
      monthsAhead: env.FEED_MONTHS_AHEAD,
      cacheSeconds: env.FEED_CACHE_SECONDS,
      ratePerMinute: env.FEED_RATE_LIMIT_PER_MINUTE,
      externalShareLinks: env.EXTERNAL_SHARE_LINKS === 'true',
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

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Locale } from '../i18n';
import type { DatabaseSchema } from '../storage/schema';
import type { CheckReport } from './check-report';
import { offeredRoles, type ShareRole } from '../sharing/roles';
import type { TroubleshootSessionTable } from './tables';

export type SessionStatus = 'open' | 'resolved' | 'handedOff';

/** A node the person saw and what they answered there: an answer id, or fixed / notFixed at an outcome. */
export interface HistoryEntry {
  nodeId: string;
  answer?: string;
}

export interface TroubleshootSession {
  id: string;
  userId: string;
  locale: Locale;
  treeVersion: number;
  clientId?: string;
  symptomId?: string;
  person?: { address: string; name: string };
  triedRole?: ShareRole;
  nodeId?: string;
  checks?: CheckReport;
  history: HistoryEntry[];
  status: SessionStatus;
  startedBy?: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

/** What a new case starts with; the rest comes as the person answers. */
export type NewTroubleshootSession = Pick<TroubleshootSession, 'userId' | 'locale' | 'treeVersion' | 'clientId' | 'symptomId' | 'person' | 'startedBy'>;

export interface SessionChanges {
  clientId?: string;
  symptomId?: string;
  person?: { address: string; name: string } | null;
  triedRole?: ShareRole | null;
  nodeId?: string | null;
  checks?: CheckReport | null;
  history?: HistoryEntry[];
  status?: SessionStatus;
}

const historySchema = z.array(z.object({ nodeId: z.string(), answer: z.string().optional() }));
const checksSchema = z.object({
  results: z.array(
    z.object({
      id: z.enum(['person', 'policy', 'shared', 'subscription', 'calendarList', 'readable', 'mailbox']),
      status: z.enum(['pass', 'fail', 'unknown']),
      message: z.string(),
      vars: z.record(z.string()),
      calendars: z.array(z.object({ name: z.string(), level: z.string() })).optional(),
    }),
  ),
  facts: z.record(z.boolean()),
  vars: z.record(z.string()),
  incomplete: z.boolean(),
});

/** Troubleshooting cases in the bot's database (SQLite or PostgreSQL). */
export class TroubleshootSessionStore {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: Clock,
  ) {}

  async create(input: NewTroubleshootSession): Promise<TroubleshootSession> {
    const now = this.clock.now().toISOString();
    const id = randomUUID();
    await this.db
      .insertInto('troubleshoot_sessions')
      .values({
        id,
        user_id: input.userId,
        locale: input.locale,
        tree_version: input.treeVersion,
        client_id: input.clientId ?? null,
        symptom_id: input.symptomId ?? null,
        person_address: input.person?.address.toLowerCase() ?? null,
        person_name: input.person?.name ?? null,
        tried_role: null,
        node_id: null,
        checks: null,
        history: '[]',
        status: 'open',
        started_by: input.startedBy ?? null,
        revision: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(id)) as TroubleshootSession;
  }

  async get(id: string): Promise<TroubleshootSession | undefined> {
    const row = await this.db.selectFrom('troubleshoot_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toSession(row);
  }

  /**
   * Applies the changes if the case is still at `revision` (the one the clicked card showed). Returns the
   * updated case, or undefined when another click changed it first.
   */
  async update(id: string, revision: number, changes: SessionChanges): Promise<TroubleshootSession | undefined> {
    const result = await this.db
      .updateTable('troubleshoot_sessions')
      .set({
        ...(changes.clientId !== undefined && { client_id: changes.clientId }),
        ...(changes.symptomId !== undefined && { symptom_id: changes.symptomId }),
        ...(changes.person !== undefined && { person_address: changes.person?.address.toLowerCase() ?? null, person_name: changes.person?.name ?? null }),
        ...(changes.triedRole !== undefined && { tried_role: changes.triedRole }),
        ...(changes.nodeId !== undefined && { node_id: changes.nodeId }),
        ...(changes.checks !== undefined && { checks: changes.checks && JSON.stringify(changes.checks) }),
        ...(changes.history !== undefined && { history: JSON.stringify(changes.history) }),
        ...(changes.status !== undefined && { status: changes.status }),
        revision: revision + 1,
        updated_at: this.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return this.get(id);
  }

  /** The person's latest cases, newest first. */
  async recentFor(userId: string, limit: number): Promise<TroubleshootSession[]> {
    const rows = await this.db
      .selectFrom('troubleshoot_sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('revision', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toSession);
  }
}

function parseJson<T>(text: string | null, schema: z.ZodType<T>): T | undefined {
  if (text === null) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function toSession(row: Selectable<TroubleshootSessionTable>): TroubleshootSession {
  const triedRole = offeredRoles.find((role) => role === row.tried_role);
  const checks = parseJson(row.checks, checksSchema) as CheckReport | undefined;
  return {
    id: row.id,
    userId: row.user_id,
    locale: row.locale === 'fr' ? 'fr' : 'en',
    treeVersion: row.tree_version,
    ...(row.client_id !== null && { clientId: row.client_id }),
    ...(row.symptom_id !== null && { symptomId: row.symptom_id }),
    ...(row.person_address !== null && { person: { address: row.person_address, name: row.person_name ?? row.person_address } }),
    ...(triedRole && { triedRole }),
    ...(row.node_id !== null && { nodeId: row.node_id }),
    ...(checks && { checks }),
    history: parseJson(row.history, historySchema) ?? [],
    status: row.status === 'resolved' || row.status === 'handedOff' ? row.status : 'open',
    ...(row.started_by !== null && { startedBy: row.started_by }),
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Clock } from '../clock';
import type { SecretBox } from '../secrets/secret-box';
import type { DatabaseSchema } from '../storage/schema';
import { RowLease } from '../storage/row-lease';
import type { SyncItemTable, SyncPairTable } from './tables';

export type SyncDirection = 'both' | 'toCaldav' | 'toOutlook';
export type ConflictPolicy = 'newer' | 'outlook' | 'caldav';

export interface SyncConflict {
  uid: string;
  subject: string;
  /** Which side's version was kept. */
  kept: 'outlook' | 'caldav';
}

export interface SyncRunReport {
  toOutlook: { created: number; updated: number; deleted: number };
  toCaldav: { created: number; updated: number; deleted: number };
  matched: number;
  conflicts: SyncConflict[];
  /** UIDs left out: series whose rule one side cannot say, items that failed to write. */
  skipped: string[];
}

/** A pair as the domain sees it: the password opened only through `passwordOf`. */
export interface SyncPair {
  id: string;
  ownerId: string;
  serverUrl: string;
  userName: string;
  caldav: { calendarUrl: string; name: string };
  outlook: { calendarId: string; ownerAddress?: string; name: string };
  direction: SyncDirection;
  policy: ConflictPolicy;
  /** 'draft' until its owner has picked the calendars and started it. */
  status: 'draft' | 'active' | 'paused';
  pauseReason?: string;
  syncToken?: string;
  ctag?: string;
  /** Where the next Outlook delta round starts, and the start of the window it watches. */
  graphDelta?: GraphDeltaState;
  nextRunAt: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  failures: number;
  lastProblem?: string;
  lastReport?: SyncRunReport;
}

export interface GraphDeltaState {
  link: string;
  windowStart: string;
}

export interface NewSyncPair {
  ownerId: string;
  serverUrl: string;
  userName: string;
  password: string;
  caldav: SyncPair['caldav'];
  outlook: SyncPair['outlook'];
  direction: SyncDirection;
  policy: ConflictPolicy;
  nextRunAt: string;
}

export type SyncPairChanges = Partial<Pick<SyncPair, 'status' | 'pauseReason' | 'syncToken' | 'ctag' | 'graphDelta' | 'nextRunAt' | 'lastAttemptAt' | 'lastSuccessAt' | 'failures' | 'lastProblem' | 'lastReport' | 'policy' | 'direction'>>;

/** The status of one pair of items (vdirsyncer's model). */
export interface SyncItemStatus {
  uid: string;
  graph?: { id: string; version: string; hash: string };
  caldav?: { href: string; etag: string; hash: string };
}

const fromRow = (row: Selectable<SyncPairTable>): SyncPair => ({
  id: row.id,
  ownerId: row.owner_id,
  serverUrl: row.server_url,
  userName: row.user_name,
  caldav: { calendarUrl: row.caldav_calendar_url, name: row.caldav_calendar_name },
  outlook: { calendarId: row.outlook_calendar_id, ownerAddress: row.outlook_owner_address ?? undefined, name: row.outlook_calendar_name },
  direction: row.direction as SyncDirection,
  policy: row.policy as ConflictPolicy,
  status: row.status === 'paused' || row.status === 'draft' ? row.status : 'active',
  pauseReason: row.pause_reason ?? undefined,
  syncToken: row.sync_token ?? undefined,
  ctag: row.ctag ?? undefined,
  graphDelta: row.graph_delta ? (JSON.parse(row.graph_delta) as GraphDeltaState) : undefined,
  nextRunAt: row.next_run_at,
  lastAttemptAt: row.last_attempt_at ?? undefined,
  lastSuccessAt: row.last_success_at ?? undefined,
  failures: row.failures,
  lastProblem: row.last_problem ?? undefined,
  lastReport: row.last_report ? (JSON.parse(row.last_report) as SyncRunReport) : undefined,
});

function toRow(changes: SyncPairChanges): Updateable<SyncPairTable> {
  const row: Updateable<SyncPairTable> = {};
  const nullable = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
  if ('status' in changes) row.status = changes.status;
  if ('pauseReason' in changes) row.pause_reason = nullable(changes.pauseReason);
  if ('syncToken' in changes) row.sync_token = nullable(changes.syncToken);
  if ('ctag' in changes) row.ctag = nullable(changes.ctag);
  if ('graphDelta' in changes) row.graph_delta = changes.graphDelta ? JSON.stringify(changes.graphDelta) : null;
  if ('nextRunAt' in changes) row.next_run_at = changes.nextRunAt;
  if ('lastAttemptAt' in changes) row.last_attempt_at = nullable(changes.lastAttemptAt);
  if ('lastSuccessAt' in changes) row.last_success_at = nullable(changes.lastSuccessAt);
  if ('failures' in changes) row.failures = changes.failures;
  if ('lastProblem' in changes) row.last_problem = nullable(changes.lastProblem);
  if ('lastReport' in changes) row.last_report = changes.lastReport ? JSON.stringify(changes.lastReport) : null;
  if ('policy' in changes) row.policy = changes.policy;
  if ('direction' in changes) row.direction = changes.direction;
  return row;
}

function itemFromRow(row: Selectable<SyncItemTable>): SyncItemStatus {
  return {
    uid: row.uid,
    graph: row.graph_id ? { id: row.graph_id, version: row.graph_version ?? '', hash: row.graph_hash ?? '' } : undefined,
    caldav: row.caldav_href ? { href: row.caldav_href, etag: row.caldav_etag ?? '', hash: row.caldav_hash ?? '' } : undefined,
  };
}

/** Sync pairs and their item status, on SQLite or PostgreSQL; the CalDAV password sealed with the row id as context. */
export class SyncPairStore {
  private readonly lease: RowLease<'two_way_sync_pairs'>;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {
    this.lease = new RowLease(db, 'two_way_sync_pairs');
  }

  async create(input: NewSyncPair): Promise<SyncPair> {
    const id = randomUUID();
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('two_way_sync_pairs')
      .values({
        id,
        owner_id: input.ownerId,
        server_url: input.serverUrl,
        user_name: input.userName,
        password_sealed: this.secrets.seal(input.password, `sync-pair:${id}:password`),
        caldav_calendar_url: input.caldav.calendarUrl,
        caldav_calendar_name: input.caldav.name,
        outlook_calendar_id: input.outlook.calendarId,
        outlook_owner_address: input.outlook.ownerAddress ?? null,
        outlook_calendar_name: input.outlook.name,
        direction: input.direction,
        policy: input.policy,
        status: 'active',
        pause_reason: null,
        sync_token: null,
        ctag: null,
        graph_delta: null,
        next_run_at: input.nextRunAt,
        last_attempt_at: null,
        last_success_at: null,
        failures: 0,
        last_problem: null,
        last_report: null,
        lease_owner: null,
        lease_until: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(id)) as SyncPair;
  }

  async get(id: string): Promise<SyncPair | undefined> {
    const row = await this.db.selectFrom('two_way_sync_pairs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  async listFor(ownerId: string): Promise<SyncPair[]> {
    const rows = await this.db.selectFrom('two_way_sync_pairs').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  /** Active pairs whose next run has come, oldest first. */
  async listDue(now: Date, limit = 50): Promise<SyncPair[]> {
    const rows = await this.db
      .selectFrom('two_way_sync_pairs')
      .selectAll()
      .where('status', '=', 'active')
      .where('next_run_at', '<=', now.toISOString())
      .orderBy('next_run_at')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** The app password, opened for a sync; never logged. */
  async passwordOf(id: string): Promise<string> {
    const row = await this.db.selectFrom('two_way_sync_pairs').select('password_sealed').where('id', '=', id).executeTakeFirstOrThrow();
    return this.secrets.open(row.password_sealed, `sync-pair:${id}:password`);
  }

  async update(id: string, changes: SyncPairChanges): Promise<void> {
    await this.db
      .updateTable('two_way_sync_pairs')
      .set({ ...toRow(changes), updated_at: this.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** The calendars, direction and policy picked for a draft (or changed later). */
  async configure(id: string, choice: { caldav: SyncPair['caldav']; outlook: SyncPair['outlook']; direction: SyncDirection; policy: ConflictPolicy }): Promise<void> {
    await this.db
      .updateTable('two_way_sync_pairs')
      .set({
        caldav_calendar_url: choice.caldav.calendarUrl,
        caldav_calendar_name: choice.caldav.name,
        outlook_calendar_id: choice.outlook.calendarId,
        outlook_owner_address: choice.outlook.ownerAddress ?? null,
        outlook_calendar_name: choice.outlook.name,
        direction: choice.direction,
        policy: choice.policy,
        updated_at: this.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('two_way_sync_items').where('pair_id', '=', id).execute();
    await this.db.deleteFrom('two_way_sync_pairs').where('id', '=', id).execute();
  }

  tryLease(id: string, owner: string, ms: number): Promise<boolean> {
    return this.lease.tryTake(id, owner, this.clock.now(), ms);
  }

  releaseLease(id: string, owner: string): Promise<void> {
    return this.lease.release(id, owner);
  }

  async items(pairId: string): Promise<Map<string, SyncItemStatus>> {
    const rows = await this.db.selectFrom('two_way_sync_items').selectAll().where('pair_id', '=', pairId).execute();
    return new Map(rows.map((row) => [row.uid, itemFromRow(row)]));
  }

  async putItem(pairId: string, item: SyncItemStatus): Promise<void> {
    const values = {
      graph_id: item.graph?.id ?? null,
      graph_version: item.graph?.version ?? null,
      graph_hash: item.graph?.hash ?? null,
      caldav_href: item.caldav?.href ?? null,
      caldav_etag: item.caldav?.etag ?? null,
      caldav_hash: item.caldav?.hash ?? null,
    };
    await this.db
      .insertInto('two_way_sync_items')
      .values({ pair_id: pairId, uid: item.uid, ...values })
      .onConflict((conflict) => conflict.columns(['pair_id', 'uid']).doUpdateSet(values))
      .execute();
  }

  async removeItem(pairId: string, uid: string): Promise<void> {
    await this.db.deleteFrom('two_way_sync_items').where('pair_id', '=', pairId).where('uid', '=', uid).execute();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase as SqliteDialectDatabase } from 'kysely';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { migrations } from './migrations';
import type { DatabaseSchema } from './schema';

export interface DatabaseOptions {
  /** A postgres:// URL: several bot instances share that database. Without it the bot uses `sqliteFile`. */
  databaseUrl?: string;
  /** The SQLite file used when there is no `databaseUrl`; its folder is created. ':memory:' is allowed. */
  sqliteFile?: string;
  /**
   * PostgreSQL only: the schema holding the tables (created when missing) instead of the server's
   * default search path. Lets test runs share one database without seeing each other.
   */
  schema?: string;
  logger?: Logger;
}

export interface AppDatabase {
  db: Kysely<DatabaseSchema>;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL only: the connection pool, for libraries that keep their own rows (the shared rate limits). */
  pool?: Pool;
  /** Resolves when the database answers a query: the readiness probe. */
  ping(): Promise<void>;
  /** Closes the connections; calling it again does nothing. */
  close(): Promise<void>;
}

/** Lower case only: PostgreSQL folds the unquoted name in `search_path`, Kysely quotes it elsewhere. */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens the bot's database (PostgreSQL when `databaseUrl` is set, else the SQLite file) and brings
 * it to the latest migration. On PostgreSQL, instances starting together wait for each other on
 * Kysely's migration lock, so each migration runs once.
 */
export async function openDatabase(options: DatabaseOptions): Promise<AppDatabase> {
  const { db, dialect, pool } = options.databaseUrl ? await connectPostgres(options.databaseUrl, options) : { ...connectSqlite(options.sqliteFile), pool: undefined };
  try {
    await migrateToLatest(db, options);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    pool,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => (closing ??= db.destroy()),
  };
}

async function connectPostgres(databaseUrl: string, options: DatabaseOptions): Promise<{ db: Kysely<DatabaseSchema>; dialect: 'postgres'; pool: Pool }> {
  // The URL may hold a password: error messages name its scheme only.
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('The database URL must start with postgres:// or postgresql://');
  }
  if (options.schema !== undefined && !schemaNamePattern.test(options.schema)) {
    throw new Error(`Invalid PostgreSQL schema name "${options.schema}": use lower-case letters, digits and _`);
  }
  // Loaded only when used: a SQLite installation never pays for the PostgreSQL driver at start-up.
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: databaseUrl,
    // Every connection, including the migrator's, then creates and finds tables in that schema.
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle PostgreSQL connection failed'));
  return { db: new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pool };
}

function connectSqlite(file: string | undefined): { db: Kysely<DatabaseSchema>; dialect: 'sqlite' } {
  if (!file) throw new Error('Either a database URL or a SQLite file is needed');
  const inMemory = file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file, { timeout: 5_000 });
  // WAL lets readers (a backup, a second process) work while the bot writes.
  if (!inMemory) database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }), dialect: 'sqlite' };
}

/** Distinct SQL texts kept prepared; queries with `in (?, ?, ...)` lists vary, so the cache is bounded. */
const cachedStatements = 500;

/**
 * Kysely prepares every query again; preparing costs as much as running a small query. The bot
 * sends the same few dozen SQL texts all the time, so each is prepared once. Kysely runs one query
 * at a time on its one SQLite connection, so a cached statement is never in use twice.
 */
function withStatementCache(database: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (!statement) {
        statement = database.prepare(text);
        if (statements.size >= cachedStatements) statements.delete(statements.keys().next().value as string);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

async function migrateToLatest(db: Kysely<DatabaseSchema>, options: DatabaseOptions): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Without it Kysely looks for its bookkeeping table in every schema and may find another run's.
    migrationTableSchema: options.databaseUrl ? options.schema : undefined,
    // Features number their migrations in their own ranges (0100 sharing, 0200 subscriptions...), so a
    // database created before a feature landed gets that feature's lower-numbered migration later.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') options.logger?.info({ migration: result.migrationName }, 'database migration applied');
    if (result.status === 'Error') options.logger?.error({ migration: result.migrationName }, 'database migration failed');
  }
  if (error) throw error instanceof Error ? error : new Error('Database migration failed', { cause: error });
}

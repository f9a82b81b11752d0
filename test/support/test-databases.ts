import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type AppDatabase } from '../../src/storage/database';

/** A database back end a store test runs against. */
export interface TestBackend {
  name: string;
  open(): Promise<AppDatabase>;
  cleanUp(): Promise<void>;
}

const sqlite: TestBackend = { name: 'SQLite', open: () => openDatabase({ sqliteFile: ':memory:' }), cleanUp: () => Promise.resolve() };

/** PostgreSQL, one fresh schema per `open()`, all dropped by `cleanUp()`. */
function postgres(databaseUrl: string, prefix: string): TestBackend {
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    open: () => {
      schemas.push(`${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`);
      return openDatabase({ databaseUrl, schema: schemas[schemas.length - 1] });
    },
    cleanUp: () => dropSchemas(databaseUrl, schemas),
  };
}

/** Drops the test schemas a PostgreSQL run created. */
export async function dropSchemas(databaseUrl: string, schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (as `.ci/run` does). */
export function testBackends(prefix: string): TestBackend[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url, prefix)] : [sqlite];
}

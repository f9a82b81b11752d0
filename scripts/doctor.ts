import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import { doctorTable, runDoctor } from '../src/identity/doctor';

/**
 * `npm run doctor -- --inside alex@contoso.com --outside ceo@contoso.com`: checks the configured app
 * identity (APP_ENV picks the env files) and prints a short table. Exit code 1 when a check fails.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { inside: { type: 'string' }, outside: { type: 'string' } } });
  const config = loadConfig(path.resolve(__dirname, '..'));
  const rows = await runDoctor(config, { inside: values.inside, outside: values.outside });
  console.log(doctorTable(rows));
  process.exitCode = rows.some((row) => row.result === 'FAIL') ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `doctor failed: ${error instanceof Error ? error.message : 'unknown error'}`);
  process.exitCode = 1;
});

import { runSoak } from '../test/soak/soak-run';

/** `npm run soak`: the two-process soak at full size, with its numbers. */
async function main(): Promise<void> {
  const invitations = Number(process.env.SOAK_INVITATIONS ?? 500);
  const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const result = await runSoak({ invitations, databaseUrl, timeoutMs: 240_000, log: (line) => console.log(line) });
  console.table(result);
  const ok = result.deliveredOnce === invitations && result.duplicated === 0 && result.missing === 0 && result.notSent === 0 && result.busiestSecond <= result.tenantLimit;
  console.log(ok ? 'soak passed' : 'soak FAILED');
  process.exit(ok ? 0 : 1);
}

void main();

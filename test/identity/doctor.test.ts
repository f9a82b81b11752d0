import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { parseConfig, type AppConfig } from '../../src/config';
import { startGraphEmulator, type RunningEmulator } from '../../src/emulator';
import { startEntraEmulator, type RunningEntraEmulator } from '../../src/emulator/entra/entra-emulator';
import { doctorTable, runDoctor } from '../../src/identity/doctor';
import { alex, megan, tenantId } from '../support/demo-users';

const clientId = 'doctor-app-id';
const secret = 'doctor-secret-value-Q7~';

/** `npm run doctor` against the local Entra and Graph emulators: each check can fail for its own reason. */
describe('doctor', () => {
  let entra: RunningEntraEmulator;
  let graph: RunningEmulator;
  let dir: string;
  let config: AppConfig;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'csa-doctor-'));
    entra = await startEntraEmulator({ tenantId });
    graph = await startGraphEmulator({ entra: { publicKey: entra.key.publicKey, tenantId } });
    const certificate = await generate([{ name: 'commonName', value: 'doctor' }], { keySize: 2048 });
    writeFileSync(path.join(dir, 'app.pem'), `${certificate.private}\n${certificate.cert}`);
    entra.directory.registerApp({ clientId, certificatePem: certificate.cert, secret, roles: ['Calendars.ReadWrite', 'Mail.Send'] });
    const parsed = parseConfig({ GRAPH_APP_CLIENT_ID: clientId, GRAPH_APP_TENANT_ID: tenantId, GRAPH_APP_CERTIFICATE_PATH: path.join(dir, 'app.pem'), ENTRA_AUTHORITY_HOST: entra.authorityHost });
    config = { ...parsed, graph: { ...parsed.graph, baseUrl: graph.baseUrl } };
  });
  afterAll(async () => {
    await graph.close();
    await entra.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    entra.directory.setRoles(clientId, ['Calendars.ReadWrite', 'Mail.Send']);
    graph.entraAuth?.limitAppTo(undefined);
  });

  const run = (overrides: Partial<AppConfig> = {}) => runDoctor({ ...config, ...overrides }, { inside: alex.email, outside: megan.email, entraCa: entra.ca });

  it('a deployment scoped to Alex: every check passes, and the table shows no secret', async () => {
    graph.entraAuth?.limitAppTo([alex.aadObjectId]);
    const rows = await run();
    expect(rows.map((row) => [row.check, row.result])).toEqual([
      ['app identity', 'ok'],
      ['app token', 'ok'],
      ['app roles', 'ok'],
      ['mailbox inside the scope', 'ok'],
      ['mailbox outside the scope', 'ok'],
    ]);
    const table = doctorTable(rows);
    expect(table).toContain('certificate');
    expect(table).not.toMatch(/eyJ|BEGIN|PRIVATE/);
    expect(table.split('\n')[0]).toMatch(/^check\s+result\s+detail$/);
  });

  it('the unscoped Entra grant still in place: the outside mailbox is reached, and the row says what to remove', async () => {
    const rows = await run();
    expect(rows.at(-1)?.result).toBe('FAIL');
    expect(rows.at(-1)?.detail).toContain('remove the unscoped Entra grant');
  });

  it('a missing role and one more than needed', async () => {
    entra.directory.setRoles(clientId, ['Calendars.ReadWrite', 'Mail.ReadWrite']);
    const rows = await run();
    expect(rows.find((row) => row.check === 'app roles')).toMatchObject({ result: 'FAIL', detail: 'granted: Calendars.ReadWrite, Mail.ReadWrite; missing: Mail.Send; more than needed: Mail.ReadWrite' });
  });

  it('a refused secret: no token, the reason, never the secret', async () => {
    const rows = await run({ appIdentity: { clientId, tenantId, credential: { kind: 'secret', secret: 'wrong-secret-value' } } });
    expect(rows.map((row) => [row.check, row.result, row.detail])).toEqual([
      ['app identity', 'ok', `client ${clientId}, tenant ${tenantId}, secret`],
      ['app token', 'FAIL', 'AppCredentialRefused'],
    ]);
    expect(doctorTable(rows)).not.toContain('wrong-secret-value');
  });

  it('no app identity configured', async () => {
    expect(await run({ appIdentity: undefined })).toEqual([expect.objectContaining({ check: 'app identity', result: 'FAIL' })]);
  });
});

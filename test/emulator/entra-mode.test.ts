import { startGraphEmulator, type RunningEmulator } from '../../src/emulator';
import { startEntraEmulator, type RunningEntraEmulator } from '../../src/emulator/entra/entra-emulator';
import { alex, megan, tenantId } from '../support/demo-users';

/** The Graph emulator in entra mode checks tokens as Graph does, and answers in Graph's error envelope. */
describe('Graph emulator in entra mode', () => {
  let entra: RunningEntraEmulator;
  let graph: RunningEmulator;
  beforeAll(async () => {
    entra = await startEntraEmulator({ tenantId });
    graph = await startGraphEmulator({ entra: { publicKey: entra.key.publicKey, tenantId } });
  });
  afterAll(async () => {
    await graph.close();
    await entra.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const userToken = (scp: string, claims: Record<string, unknown> = {}) =>
    entra.key.sign({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: alex.aadObjectId, idtyp: 'user', scp, ...claims }, now(), 600);
  const appToken = (roles: string[]) => entra.key.sign({ aud: 'https://graph.microsoft.com', tid: tenantId, appid: 'app', idtyp: 'app', roles }, now(), 600);
  const call = async (path: string, token: string, init: RequestInit = {}) => {
    const response = await fetch(`${graph.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } } };
  };

  it.each([
    ['no token', '', 401, 'InvalidAuthenticationToken'],
    ['an emulator token', 'emu.x', 401, 'InvalidAuthenticationToken'],
    ['another audience', 'aud', 401, 'InvalidAuthenticationToken'],
    ['another tenant', 'tid', 401, 'InvalidAuthenticationToken'],
    ['an expired token', 'exp', 401, 'InvalidAuthenticationToken'],
    ['a scope missing', 'scope', 403, 'Authorization_RequestDenied'],
  ])('refuses %s', async (_case, kind, status, code) => {
    const token =
      kind === 'aud' ? userToken('Calendars.ReadWrite', { aud: 'api://other' })
      : kind === 'tid' ? userToken('Calendars.ReadWrite', { tid: 'other-tenant' })
      : kind === 'exp' ? entra.key.sign({ aud: 'https://graph.microsoft.com', tid: tenantId, oid: alex.aadObjectId, scp: 'Calendars.ReadWrite' }, now() - 7200, 600)
      : kind === 'scope' ? userToken('User.ReadBasic.All')
      : kind;
    const answer = await call('/me/calendars', token);
    expect(answer).toMatchObject({ status, body: { error: { code } } });
  });

  it('accepts a delegated token with the scope, and an app token with the role on /users/{id}', async () => {
    expect((await call('/me/calendars', userToken('Calendars.ReadWrite'))).status).toBe(200);
    expect((await call(`/users/${alex.aadObjectId}/calendars`, appToken(['Calendars.ReadWrite']))).status).toBe(200);
  });

  it('an app token: /me is a 400, a missing role a 403, a mailbox outside the scope a 403 ErrorAccessDenied', async () => {
    expect(await call('/me/calendars', appToken(['Calendars.ReadWrite']))).toMatchObject({ status: 400, body: { error: { message: '/me request is only valid with delegated authentication flow.' } } });
    expect((await call(`/users/${alex.aadObjectId}/calendars`, appToken(['Mail.Send']))).status).toBe(403);
    graph.entraAuth?.limitAppTo([megan.aadObjectId]);
    expect(await call(`/users/${alex.aadObjectId}/calendars`, appToken(['Calendars.ReadWrite']))).toMatchObject({ status: 403, body: { error: { code: 'ErrorAccessDenied' } } });
    expect((await call(`/users/${megan.aadObjectId}/calendars`, appToken(['Calendars.ReadWrite']))).status).toBe(200);
    graph.entraAuth?.limitAppTo(undefined);
  });

  it('teamwork: install answers 201, then 409; 404 for an app not in the catalog; 403 when blocked', async () => {
    const catalogId = graph.teamwork.publish('manifest-id');
    const token = appToken(['TeamsAppInstallation.ReadWriteSelfForUser.All', 'AppCatalog.Read.All']);
    const install = (user: string, id = catalogId) =>
      call(`/users/${user}/teamwork/installedApps`, token, { method: 'POST', body: JSON.stringify({ 'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/${id}` }) });
    expect((await call(`/appCatalogs/teamsApps?$filter=externalId eq 'manifest-id'`, token)).body).toMatchObject({ value: [{ id: catalogId }] });
    expect((await install(alex.aadObjectId)).status).toBe(201);
    expect((await install(alex.aadObjectId)).status).toBe(409);
    expect((await install(alex.aadObjectId, 'unknown-app')).status).toBe(404);
    graph.teamwork.block(megan.aadObjectId);
    expect((await install(megan.aadObjectId)).status).toBe(403);
    graph.control.injectFault({ method: 'POST', path: 'teamwork/installedApps', status: 503 });
    expect((await install(alex.aadObjectId)).status).toBe(503);
  });
});

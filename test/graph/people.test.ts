import { GraphError } from '../../src/graph';
import { alex, megan } from '../support/demo-users';
import { callers, outerRequests, startGraphKit, type GraphKit } from './graph-kit';

let kit: GraphKit;
beforeAll(async () => {
  kit = await startGraphKit({ pageSize: 2 });
});
afterAll(() => kit.close());
beforeEach(() => kit.reset());

describe('getMe', () => {
  it('reads the profile and the mailbox time zone in one $batch', async () => {
    const me = await kit.gateway.getMe(callers.alex);

    expect(me).toMatchObject({ id: alex.aadObjectId, displayName: 'Alex Wilber', address: 'alexw@example.com', isInsideOrganization: true });
    expect(me.timeZone).toEqual(expect.any(String));
    expect(outerRequests(kit)).toEqual([expect.objectContaining({ method: 'POST', path: '/$batch' })]);
    expect(kit.requests().filter((request) => request.inBatch).map((request) => request.path)).toEqual(['/me', '/me/mailboxSettings']);
  });
});

describe('findPeople', () => {
  it('finds a person by directory id (the Teams people picker value), and nobody for an unknown id', async () => {
    await expect(kit.gateway.personById(callers.alex, { id: megan.aadObjectId })).resolves.toEqual({
      id: megan.aadObjectId,
      displayName: 'Megan Bowen',
      address: 'meganb@example.com',
      isInsideOrganization: true,
    });
    await expect(kit.gateway.personById(callers.alex, { id: '00000000-0000-0000-0000-00000000dead' })).resolves.toBeUndefined();
  });

  it('searches the directory by the start of a name or address', async () => {
    const people = await kit.gateway.findPeople(callers.alex, { query: 'meg' });

    expect(people).toEqual([{ id: megan.aadObjectId, displayName: 'Megan Bowen', address: 'meganb@example.com', isInsideOrganization: true }]);
  });

  it('matches given names and surnames too', async () => {
    const bySurname = await kit.gateway.findPeople(callers.alex, { query: 'Vance' });
    expect(bySurname.map((person) => person.address)).toEqual(['adelev@example.com']);
  });

  it('stops at the limit even when more pages exist', async () => {
    const people = await kit.gateway.findPeople(callers.alex, { query: 'a', limit: 1 });

    expect(people).toHaveLength(1);
    const searches = kit.requests().filter((request) => request.path === '/users');
    expect(searches).toHaveLength(1);
    expect(searches[0].query).toContain('$top=1');
  });

  it('does not search for blank text', async () => {
    await expect(kit.gateway.findPeople(callers.alex, { query: '  ' })).resolves.toEqual([]);
    expect(kit.requests()).toEqual([]);
  });

  it('keeps quotes and reserved URL characters inside the search text', async () => {
    await expect(kit.gateway.findPeople(callers.alex, { query: "o'brien & co #1" })).resolves.toEqual([]);
    const search = kit.requests().find((request) => request.path === '/users');
    expect(search?.query).toContain("startswith(displayName,'o''brien & co #1')");
  });
});

describe('resolvePerson', () => {
  it('finds a colleague in the directory', async () => {
    const person = await kit.gateway.resolvePerson(callers.alex, { address: 'MeganB@example.com' });
    expect(person).toEqual({ id: megan.aadObjectId, displayName: 'Megan Bowen', address: 'meganb@example.com', isInsideOrganization: true });
  });

  it('takes a well-formed address elsewhere as an external person', async () => {
    const person = await kit.gateway.resolvePerson(callers.alex, { address: 'jordan@partner.example.org' });
    expect(person).toEqual({ displayName: 'jordan@partner.example.org', address: 'jordan@partner.example.org', isInsideOrganization: false });
  });

  it('refuses an unknown address at the organization domain as notFound', async () => {
    await expect(kit.gateway.resolvePerson(callers.alex, { address: 'nobody@example.com' })).rejects.toMatchObject({ reason: 'notFound' });
  });

  it('refuses a malformed address without calling Graph', async () => {
    const error: unknown = await kit.gateway.resolvePerson(callers.alex, { address: 'megan at example' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ reason: 'invalidRequest' });
    expect(kit.requests()).toEqual([]);
  });

  it('makes its directory and profile reads in one $batch, then only the directory read while the profile is known', async () => {
    // Lynne: nobody whose profile this gateway has read in the tests above.
    await kit.gateway.resolvePerson(callers.lynne, { address: 'meganb@example.com' });
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/$batch']);
    kit.emulator.control.clearRequests();
    await kit.gateway.resolvePerson(callers.lynne, { address: 'adelev@example.com' });
    expect(outerRequests(kit).map((request) => request.path)).toEqual(['/users']);
  });
});

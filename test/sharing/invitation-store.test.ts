import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock } from '../../src/clock';
import type { Intent, NewInvitation } from '../../src/sharing/invitation';
import { InvitationStore } from '../../src/sharing/invitation-store';
import { AuditStore } from '../../src/sharing/audit-store';
import { ShareDraftStore } from '../../src/sharing/share-draft';
import { openDatabase, type AppDatabase } from '../../src/storage/database';

const intent = (op: Intent['op'] = 'grant'): Intent => ({ op, id: randomUUID(), actorUserId: 'alex', startedAt: '2026-11-23T09:00:00.000Z' });

const share = (): NewInvitation => ({
  owner: { userId: 'alex', name: 'Alex Wilber', address: 'alexw@example.com', locale: 'en' },
  calendar: { id: 'cal-1', name: 'Project Phoenix', isDefault: false },
  recipient: { address: 'MeganB@example.com', name: 'Megan Bowen', userId: 'megan', isInsideOrganization: true },
  role: 'read',
  intent: intent(),
});

/** The stores' behaviour on each database the bot runs on (PostgreSQL when TEST_DATABASE_URL is set). */
const backends: Array<[string, () => Promise<AppDatabase>, () => Promise<void>]> = [['SQLite', () => openDatabase({ sqliteFile: ':memory:' }), () => Promise.resolve()]];
const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  const schema = `sharing_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  backends.push([
    'PostgreSQL',
    () => openDatabase({ databaseUrl: postgresUrl, schema }),
    async () => {
      const client = new Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`).finally(() => client.end());
    },
  ]);
}

describe.each(backends)('share stores on %s', (_name, open, cleanUp) => {
  let database: AppDatabase;
  let clock: ManualClock;
  let invitations: InvitationStore;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.close();
    await cleanUp();
  });
  beforeEach(() => {
    clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
    invitations = new InvitationStore(database.db, clock);
  });

  it('records a share in `granting` with its operation under way, addresses in lower case', async () => {
    const created = await invitations.create(share());
    expect(created).toMatchObject({ status: 'granting', recipient: { address: 'meganb@example.com' }, intent: { op: 'grant' } });
    expect(await invitations.findActive('alex', 'cal-1', 'MEGANB@example.com')).toMatchObject({ id: created.id });
  });

  it('lets only the operation under way finish it, and a finished one not start twice', async () => {
    const created = await invitations.create(share());
    expect(await invitations.finish(created.id, 'another-operation', { status: 'pending' })).toBe(false);
    expect(await invitations.finish(created.id, created.intent?.id ?? '', { status: 'pending', channel: 'teams' })).toBe(true);
    const accept = intent('accept');
    const [first, second] = await Promise.all([invitations.claim(created.id, ['pending'], accept), invitations.claim(created.id, ['pending'], intent('decline'))]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    await invitations.finish(created.id, (first ?? second)?.intent?.id ?? '', { status: 'accepted' });
    expect(await invitations.claim(created.id, ['pending'], intent('accept'))).toBeUndefined();
  });

  it('hands an interrupted operation to one recoverer, only once it is stale', async () => {
    const created = await invitations.create(share());
    expect(await invitations.listInterrupted(new Date(clock.now().getTime() - 60_000))).toEqual([]);
    clock.advance(120_000);
    const staleBefore = new Date(clock.now().getTime() - 60_000);
    const [interrupted] = (await invitations.listInterrupted(staleBefore)).filter((candidate) => candidate.id === created.id);
    const takers = await Promise.all([invitations.takeOver(interrupted, staleBefore), invitations.takeOver(interrupted, staleBefore)]);
    expect(takers.filter(Boolean)).toHaveLength(1);
  });

  it('finds shares whose end date has come, and codes', async () => {
    const created = await invitations.create({ ...share(), calendar: { id: 'cal-2', name: 'Offsite', isDefault: false }, expiresAt: '2026-11-25T00:00:00.000Z' });
    await invitations.finish(created.id, created.intent?.id ?? '', { status: 'pending', code: 'K7QM-4TZP' });
    expect((await invitations.listDue(new Date('2026-11-24T23:59:59Z'))).map((item) => item.id)).not.toContain(created.id);
    expect((await invitations.listDue(new Date('2026-11-25T00:00:00Z'))).map((item) => item.id)).toContain(created.id);
    expect(await invitations.findByCode('K7QM-4TZP')).toMatchObject({ id: created.id });
    const other = await invitations.create({ ...share(), calendar: { id: 'cal-3', name: 'Other', isDefault: false } });
    // A code is unique: the store refuses a second invitation with it (the service then draws another).
    const outcome = await invitations.advance(other.id, other.intent?.id ?? '', { code: 'K7QM-4TZP' }).then(
      () => 'stored',
      () => 'refused',
    );
    expect(outcome).toBe('refused');
    expect((await invitations.get(other.id))?.code).toBeUndefined();
  });

  it('keeps one audit entry per operation, newest first, for the owner only', async () => {
    const audit = new AuditStore(database.db, clock);
    const entry = { ownerUserId: 'owner-a', actorUserId: 'owner-a', action: 'shared' as const, calendarId: 'c', calendarName: 'C', recipientAddress: 'x@example.com', recipientName: 'X', role: 'read' as const };
    await audit.record({ ...entry, id: 'op-1' });
    await audit.record({ ...entry, id: 'op-1' });
    clock.advance(1000);
    await audit.record({ ...entry, id: 'op-2', action: 'revoked' });
    expect((await audit.listForOwner('owner-a')).map((item) => [item.id, item.action])).toEqual([['op-2', 'revoked'], ['op-1', 'shared']]);
    expect(await audit.listForOwner('someone-else')).toEqual([]);
  });

  it('closes a draft once', async () => {
    const drafts = new ShareDraftStore(database.db, clock);
    const draft = await drafts.create({ ownerUserId: 'alex', owner: { name: 'Alex', address: 'alexw@example.com' }, calendar: { id: 'c', name: 'C', isDefault: true }, requestedRole: 'read', recipients: [], skipped: [] });
    const closes = await Promise.all([drafts.close(draft.id, 'confirmed'), drafts.close(draft.id, 'cancelled')]);
    expect(closes.filter(Boolean)).toHaveLength(1);
    expect(drafts.isExpired(draft)).toBe(false);
    clock.advance(25 * 3600_000);
    expect(drafts.isExpired(draft)).toBe(true);
  });
});

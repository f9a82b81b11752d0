import { ManualClock } from '../../src/clock';
import { hashFeedToken } from '../../src/publishing/feed-token';
import { PublicationStore, type NewPublication } from '../../src/publishing/publication-store';
import { SnapshotDraftStore } from '../../src/snapshot/snapshot-draft';
import type { AppDatabase } from '../../src/storage/database';
import { testBackends, type TestBackend } from '../support/test-databases';

const published: NewPublication = {
  owner: { userId: 'owner-1', name: 'Alex Wilber', locale: 'fr', zone: 'Europe/Paris' },
  calendar: { id: 'cal-1', name: 'Calendar' },
  level: 'freeBusyRead',
};

function describeStores(backend: TestBackend): void {
  describe(`publications and snapshot drafts on ${backend.name}`, () => {
    let database: AppDatabase;
    let clock: ManualClock;
    let store: PublicationStore;

    beforeEach(async () => {
      database = await backend.open();
      clock = new ManualClock(new Date('2026-11-23T09:00:00.000Z'));
      store = new PublicationStore(database.db, clock);
    });
    afterEach(() => database.close());
    afterAll(() => backend.cleanUp());

    it('finds a link by its token only while it is active, and never stores the token', async () => {
      const { publication, token } = await store.create(published);
      expect(await store.findActiveByToken(token)).toEqual(publication);
      expect(publication).toMatchObject({ owner: published.owner, level: 'freeBusyRead', status: 'active', createdAt: '2026-11-23T09:00:00.000Z' });
      const rows = await database.db.selectFrom('published_calendars').selectAll().execute();
      expect(rows).toEqual([expect.objectContaining({ token_hash: hashFeedToken(token) })]);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(await store.findActiveByToken(`${token.slice(0, -1)}x`)).toBeUndefined();
    });

    it('rotates (the old token opens nothing), changes the level, records fetches and stops', async () => {
      const { publication, token } = await store.create({ ...published, recipient: { address: 'jordan@partner.example.org', name: 'Jordan' }, shareId: 'share-1' });
      clock.advance(60_000);
      const fresh = (await store.rotate(publication.id))!;
      expect(await store.findActiveByToken(token)).toBeUndefined();
      expect(await store.findActiveByToken(fresh)).toMatchObject({ id: publication.id, rotatedAt: '2026-11-23T09:01:00.000Z' });
      expect(await store.changeLevel(publication.id, 'limitedRead')).toBe(true);
      await store.markFetched(publication.id, clock.now());
      expect(await store.findActiveForShare('share-1')).toMatchObject({ level: 'limitedRead', lastFetchedAt: '2026-11-23T09:01:00.000Z', recipient: { address: 'jordan@partner.example.org' } });
      expect(await store.listActiveForOwner('owner-1')).toHaveLength(1);
      const cached = { body: 'BEGIN:VCALENDAR', gzip_base64: '', etag: '"a"', gzip_etag: '"b"', last_modified: clock.now().toISOString(), built_at: clock.now().toISOString() };
      await database.db.insertInto('published_feed_cache').values({ publication_id: publication.id, level: 'limitedRead', ...cached }).execute();
      expect(await store.stop(publication.id)).toBe(true);
      expect(await database.db.selectFrom('published_feed_cache').selectAll().execute()).toEqual([]);
      expect(await store.stop(publication.id)).toBe(false);
      expect(await store.rotate(publication.id)).toBeUndefined();
      expect(await store.findActiveByToken(fresh)).toBeUndefined();
      expect(await store.listActiveForOwner('owner-1')).toEqual([]);
    });

    it('claims a snapshot draft once for sending', async () => {
      const drafts = new SnapshotDraftStore(database.db, clock);
      const draft = await drafts.create({
        ownerUserId: 'owner-1', calendar: { id: 'cal-1', name: 'Calendar' }, range: 'next7', dates: {}, requestedLevel: 'read', level: 'freeBusyRead',
        workingHoursOnly: false, recipients: [{ address: 'sam@fabrikam.example.net', name: 'Sam', isInsideOrganization: false, policyCap: 'freeBusyRead' }], skipped: [],
      });
      const claims = await Promise.all([drafts.move(draft.id, 'open', 'sending'), drafts.move(draft.id, 'open', 'sending')]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await drafts.revise({ ...draft, range: 'today' })).toBe(false);
      expect(await drafts.move(draft.id, 'sending', 'sent')).toBe(true);
      expect(await drafts.get(draft.id)).toMatchObject({ status: 'sent', level: 'freeBusyRead', recipients: [expect.objectContaining({ policyCap: 'freeBusyRead' })] });
      clock.advance(25 * 3600_000);
      expect(drafts.isExpired(draft)).toBe(true);
    });
  });
}

for (const backend of testBackends('i10_publications')) describeStores(backend);

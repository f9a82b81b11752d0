import { ManualClock } from '../../src/clock';
import type { AppDatabase } from '../../src/storage/database';
import { testBackends, type TestBackend } from '../support/test-databases';
import type { CheckReport } from '../../src/troubleshoot/check-report';
import { HelpdeskAuditLog } from '../../src/troubleshoot/helpdesk-audit';
import { TroubleshootSessionStore } from '../../src/troubleshoot/session-store';

const megan = '00000000-0000-0000-0000-0000000000021';
const lynne = '00000000-0000-0000-0000-0000000000025';

const report: CheckReport = {
  results: [{ id: 'shared', status: 'pass', message: 'shared', vars: { person: 'Alex Wilber' }, calendars: [{ name: 'Project Phoenix', level: 'read' }] }],
  facts: { sharedWithMe: true, inCalendarList: false },
  vars: { person: 'Alex Wilber', calendars: 'Project Phoenix' },
  incomplete: false,
};

function describeStores(backend: TestBackend): void {
  describe(`troubleshooting stores on ${backend.name}`, () => {
    let database: AppDatabase;
    const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
    let sessions: TroubleshootSessionStore;
    let audit: HelpdeskAuditLog;

    beforeAll(async () => {
      database = await backend.open();
      sessions = new TroubleshootSessionStore(database.db, clock);
      audit = new HelpdeskAuditLog(database.db, clock);
    });
    afterAll(async () => {
      await database.close();
      await backend.cleanUp();
    });

    it('creates a case and reads it back', async () => {
      const created = await sessions.create({ userId: megan, locale: 'fr', treeVersion: 1, symptomId: 'calendar-missing', person: { address: 'AlexW@example.com', name: 'Alex' } });
      expect(created).toMatchObject({ userId: megan, locale: 'fr', symptomId: 'calendar-missing', person: { address: 'alexw@example.com', name: 'Alex' }, status: 'open', revision: 1, history: [] });
      expect(await sessions.get(created.id)).toEqual(created);
    });

    it('changes a case only at the revision the card showed: a second click does nothing', async () => {
      const created = await sessions.create({ userId: megan, locale: 'en', treeVersion: 1 });
      const first = await sessions.update(created.id, 1, { clientId: 'outlook-web', checks: report, nodeId: 'o-web-show', history: [{ nodeId: 'x', answer: 'notFixed' }] });
      expect(first).toMatchObject({ revision: 2, clientId: 'outlook-web', nodeId: 'o-web-show', checks: report, history: [{ nodeId: 'x', answer: 'notFixed' }] });
      expect(await sessions.update(created.id, 1, { status: 'resolved' })).toBeUndefined();
      expect((await sessions.get(created.id))?.status).toBe('open');
      expect(await sessions.update(created.id, 2, { status: 'handedOff', person: null })).toMatchObject({ status: 'handedOff', revision: 3 });
    });

    it("lists a person's latest cases, newest first", async () => {
      const other = '00000000-0000-0000-0000-0000000000099';
      clock.set(new Date('2026-11-20T09:00:00Z'));
      await sessions.create({ userId: other, locale: 'en', treeVersion: 1, symptomId: 'sign-in-mfa' });
      clock.set(new Date('2026-11-22T09:00:00Z'));
      await sessions.create({ userId: other, locale: 'en', treeVersion: 1, symptomId: 'alias-missing' });
      clock.set(new Date('2026-11-21T09:00:00Z'));
      await sessions.create({ userId: other, locale: 'en', treeVersion: 1, symptomId: 'cannot-connect' });
      expect((await sessions.recentFor(other, 2)).map((session) => session.symptomId)).toEqual(['alias-missing', 'cannot-connect']);
    });

    it('records helpdesk actions and finds the cards sent from one diagnose', async () => {
      const shown = await audit.record({ actorUserId: lynne, actorAddress: 'lynner@example.com', action: 'diagnose', targetAddress: 'meganb@example.com', targetUserId: megan, outcome: 'shown', detail: 'Megan Bowen' });
      expect(await audit.get(shown.id)).toEqual(shown);
      await audit.record({ actorUserId: lynne, action: 'sendCard', reference: shown.id, outcome: 'unreachable' });
      const sent = await audit.record({ actorUserId: lynne, action: 'sendCard', reference: shown.id, outcome: 'sent', detail: 'symptom=alias-missing;session=1' });
      expect(await audit.sentFrom(shown.id)).toEqual([sent]);
      expect((await audit.recent(10)).length).toBeGreaterThanOrEqual(3);
    });
  });
}

for (const backend of testBackends('troubleshoot_test')) describeStores(backend);

import { CaseChecks } from '../../src/troubleshoot/case-checks';
import type { CheckReport } from '../../src/troubleshoot/check-report';
import { InMemorySharingRecords } from './in-memory-sharing-records';
import { loadTroubleshootTrees } from '../../src/troubleshoot/tree-loader';
import { nextInteractive } from '../../src/troubleshoot/tree-walk';
import { callers, startGraphKit, type GraphKit } from '../graph/graph-kit';

const statuses = (report: CheckReport) => Object.fromEntries(report.results.map((result) => [result.id, `${result.status}:${result.message}`]));

describe('the automatic checks, against the Graph emulator', () => {
  let kit: GraphKit;
  let records: InMemorySharingRecords;
  let checks: CaseChecks;
  const tree = loadTroubleshootTrees().in('en');
  const adviceFor = (report: CheckReport, clientId = 'outlook-windows-mapi') => nextInteractive(tree, 'cm-person', { facts: report.facts, clientId }).id;

  beforeAll(async () => {
    kit = await startGraphKit();
  });
  afterAll(() => kit.close());
  beforeEach(() => {
    kit.reset();
    records = new InMemorySharingRecords();
    checks = new CaseChecks({
      gateway: kit.gateway,
      records,
      policy: { defaultExternal: 'freeBusyRead', domains: { 'partner.example.org': 'limitedRead' } },
      organizationDomains: ['example.com'],
      clock: kit.clock,
    });
  });

  const phoenixId = () => {
    const calendar = kit.emulator.control.calendarsOf('alexw@example.com').find((c) => c.name === 'Project Phoenix');
    if (!calendar) throw new Error('seed changed: no Project Phoenix');
    return calendar.id;
  };

  it('nothing shared: every share check fails and the advice is to ask the owner', async () => {
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'isaiahl@example.com' });
    expect(statuses(report)).toEqual({
      person: 'pass:inside',
      shared: 'fail:nothingShared',
      subscription: 'fail:notSubscribed',
      calendarList: 'fail:notInList',
      readable: 'fail:notReadable',
    });
    expect(report.incomplete).toBe(false);
    expect(adviceFor(report)).toBe('o-ask-owner');
  });

  it('shared but not subscribed: the level Graph tells a sharee, and the advice is to add the calendar', async () => {
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(statuses(report)).toMatchObject({ shared: 'pass:shared', subscription: 'fail:notSubscribed', calendarList: 'fail:notInList', readable: 'pass:readable' });
    expect(report.results.find((r) => r.id === 'shared')?.calendars).toEqual([{ name: 'Project Phoenix', level: 'canView' }]);
    expect(report.vars).toMatchObject({ person: 'Alex Wilber', calendars: 'Project Phoenix' });
    expect(adviceFor(report)).toBe('o-add-calendar');
  });

  it('shared and subscribed: the level from our records, the Outlook list entry, then client steps', async () => {
    records.subscriptions.set(callers.megan.userId, [
      { ownerAddress: 'AlexW@example.com', ownerName: 'Alex Wilber', calendarId: phoenixId(), calendarName: 'Project Phoenix', role: 'read', since: '2026-11-01T00:00:00Z' },
    ]);
    kit.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenixId() });
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(statuses(report)).toMatchObject({ shared: 'pass:shared', subscription: 'pass:subscribed', calendarList: 'pass:inList', readable: 'pass:readable' });
    expect(report.results.find((r) => r.id === 'shared')?.calendars).toEqual([{ name: 'Project Phoenix', level: 'read' }]);
    expect(report.facts).toMatchObject({ aliasSet: false, inCalendarList: true });
    expect(adviceFor(report, 'outlook-2013-activesync')).toBe('o-2013-alias');
  });

  it('sees an alias the person gave the calendar', async () => {
    const entryId = kit.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenixId() });
    await kit.gateway.renameMyCalendarView(callers.megan, { calendarId: entryId, name: 'Phoenix (Alex)' });
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(report.facts.aliasSet).toBe(true);
    expect(report.vars.alias).toBe('Phoenix (Alex)');
  });

  it('pending invitation: the advice is to accept it', async () => {
    records.invitations.set(callers.megan.userId, [{ id: 'inv-1', ownerAddress: 'alexw@example.com', ownerName: 'Alex Wilber', calendarName: 'Project Phoenix', role: 'read', sentAt: '2026-11-20T10:00:00Z' }]);
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(statuses(report).subscription).toBe('fail:invitationPending');
    expect(report.facts.invitationPending).toBe(true);
    expect(adviceFor(report)).toBe('o-accept-invitation');
  });

  it('revoked: the calendar stays in the Outlook list but nothing is shared or readable any more', async () => {
    kit.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenixId() });
    const permission = (await kit.gateway.listPermissions(callers.alex, { calendarId: phoenixId() })).find((p) => p.recipient.address === 'meganb@example.com');
    await kit.gateway.revokePermission(callers.alex, { calendarId: phoenixId(), permissionId: permission?.id ?? '' });
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(statuses(report)).toMatchObject({ shared: 'fail:nothingShared', calendarList: 'pass:inList', readable: 'fail:notReadable' });
    expect(adviceFor(report)).toBe('o-share-revoked');
  });

  it('an owner outside the organisation: no share checks, and the advice says so', async () => {
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'jordan@partner.example.org' });
    expect(statuses(report)).toEqual({ person: 'pass:outside' });
    expect(adviceFor(report)).toBe('o-external-owner');
  });

  it('an unknown colleague: the address is checked first', async () => {
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'nobody@example.com' });
    expect(statuses(report)).toEqual({ person: 'fail:notFound' });
    expect(adviceFor(report)).toBe('o-person-unknown');
  });

  it.each([
    ['beyond the policy', 'jordan@partner.example.org', 'read', 'fail:beyondPolicy', 'o-beyond-policy'],
    ['within the policy', 'jordan@partner.example.org', 'limitedRead', 'pass:withinPolicy', 'o-within-policy'],
    ['beyond the default policy', 'sam@fabrikam.example.net', 'limitedRead', 'fail:beyondPolicy', 'o-beyond-policy'],
    ['edit rights outside', 'sam@fabrikam.example.net', 'write', 'fail:beyondPolicy', 'o-beyond-policy'],
    ['someone inside', 'adelev@example.com', 'write', 'pass:insideNoPolicy', 'o-internal-share'],
  ] as const)('a refused external share, %s', async (_name, address, triedRole, policyRow, advice) => {
    const report = await checks.run(callers.megan, { kind: 'recipient', address, triedRole });
    expect(statuses(report).policy).toBe(policyRow);
    expect(nextInteractive(tree, 'ex-person', { facts: report.facts, clientId: 'outlook-web' }).id).toBe(advice);
  });

  it('gives the cap and the level tried to the advice', async () => {
    const report = await checks.run(callers.megan, { kind: 'recipient', address: 'jordan@partner.example.org', triedRole: 'read' });
    expect(report.vars).toMatchObject({ domain: 'partner.example.org', capRole: 'limitedRead', triedRole: 'read' });
  });

  it('Graph failing: the checks say they could not tell, the records still answer, and the advice goes on with client steps', async () => {
    records.subscriptions.set(callers.megan.userId, [
      { ownerAddress: 'alexw@example.com', ownerName: 'Alex Wilber', calendarId: phoenixId(), calendarName: 'Project Phoenix', since: '2026-11-01T00:00:00Z' },
    ]);
    kit.emulator.control.injectFault({ path: '.*', status: 500 });
    const report = await checks.run(callers.megan, { kind: 'owner', address: 'alexw@example.com' });
    expect(statuses(report)).toEqual({
      person: 'unknown:error',
      shared: 'unknown:error',
      subscription: 'pass:subscribed',
      calendarList: 'unknown:error',
      readable: 'unknown:error',
    });
    expect(report.results[0].vars.reason).toBe('unavailable');
    expect(report.incomplete).toBe(true);
    expect(adviceFor(report, 'outlook-mac')).toBe('o-mac-show');
  });

  it('Graph failing for an external address: the configured domains still tell it is outside', async () => {
    kit.emulator.control.injectFault({ path: '.*', status: 500 });
    const report = await checks.run(callers.megan, { kind: 'recipient', address: 'jordan@partner.example.org', triedRole: 'read' });
    expect(statuses(report)).toEqual({ person: 'unknown:error', policy: 'fail:beyondPolicy' });
  });

  it('checks the mailbox when no one is named', async () => {
    expect(statuses(await checks.run(callers.megan, { kind: 'none' }))).toEqual({ mailbox: 'pass:reachable' });
    kit.emulator.control.injectFault({ path: '.*', status: 500 });
    const down = await checks.run(callers.megan, { kind: 'none' });
    expect(statuses(down)).toEqual({ mailbox: 'fail:notAnswering' });
    expect(nextInteractive(tree, 'cc-mailbox', { facts: down.facts, clientId: 'booking-tool' }).id).toBe('o-service-down');
  });
});

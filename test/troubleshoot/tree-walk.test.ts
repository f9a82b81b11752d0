import { loadTroubleshootTrees } from '../../src/troubleshoot/tree-loader';
import { nextInteractive, type Facts } from '../../src/troubleshoot/tree-walk';

describe('walking the tree with the facts of a case', () => {
  const tree = loadTroubleshootTrees().in('en');
  const allGood: Facts = { personFound: true, personInside: true, sharedWithMe: true, subscribed: true, invitationPending: false, inCalendarList: true, canReadNow: true };

  it.each<[string, Facts, string, string]>([
    ['nothing shared', { ...allGood, sharedWithMe: false, subscribed: false }, 'outlook-windows-mapi', 'o-ask-owner'],
    ['a share that was revoked', { ...allGood, sharedWithMe: false, subscribed: true }, 'outlook-windows-mapi', 'o-share-revoked'],
    ['an invitation waiting', { ...allGood, invitationPending: true, inCalendarList: false }, 'outlook-web', 'o-accept-invitation'],
    ['shared but not added', { ...allGood, subscribed: false, inCalendarList: false }, 'outlook-web', 'o-add-calendar'],
    ['shared but unreadable', { ...allGood, canReadNow: false }, 'outlook-web', 'o-cannot-read'],
    ['an owner nobody knows', { personFound: false }, 'outlook-web', 'o-person-unknown'],
    ['an owner outside', { personFound: true, personInside: false }, 'outlook-web', 'o-external-owner'],
    ['all good in Outlook 2013 over ActiveSync', allGood, 'outlook-2013-activesync', 'o-2013-alias'],
    ['all good in Outlook with MAPI', allGood, 'outlook-windows-mapi', 'o-restart-outlook'],
    ['Graph failing: nothing known', {}, 'outlook-mac', 'o-mac-show'],
  ])('%s leads to the right advice', (_name, facts, clientId, expected) => {
    expect(nextInteractive(tree, 'cm-person', { facts, clientId }).id).toBe(expected);
  });

  it('stops at a question for a booking app that cannot connect', () => {
    const node = nextInteractive(tree, 'cc-mailbox', { facts: { mailboxReachable: true }, clientId: 'booking-tool' });
    expect(node).toMatchObject({ kind: 'question', id: 'cc-protocol' });
  });

  it('returns an interactive node as it is', () => {
    expect(nextInteractive(tree, 'handoff', { facts: {}, clientId: 'outlook-web' }).kind).toBe('handoff');
  });
});

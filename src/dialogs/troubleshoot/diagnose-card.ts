import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { Person } from '../../graph/calendar-gateway';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import type { FollowedCalendar, PendingInvitation, ShareRecord } from '../../troubleshoot/sharing-records';
import type { TreeIndex } from '../../troubleshoot/tree-index';
import { caseSummary, clientLabel, symptomLabel } from './case-summary';
import { levelName, shortDate, type Speaker } from './case-text';
import { permissionLines, type PermissionsInGraph } from './graph-permissions';
import { fixChoices } from './helpdesk-fix';

/** What helpdesk mode knows about one person. */
export interface SharingState {
  person: Person;
  reachable: boolean;
  shares: ShareRecord[];
  invitations: PendingInvitation[];
  subscriptions: FollowedCalendar[];
  /** Newest first. */
  cases: TroubleshootSession[];
  /** Every permission on the person's calendars, as Graph reports them (read with the application identity). */
  inGraph: PermissionsInGraph;
}

/** The helpdesk's view of a person's sharing, with a form to send them a troubleshooting card. */
export function diagnoseCard(speaker: Speaker, tree: TreeIndex, state: SharingState, diagnosisId: string): AdaptiveCardJson {
  const { t, locale } = speaker;
  const name = state.person.displayName;
  const orNone = (items: string[]) => (items.length > 0 ? items : [t('troubleshoot:helpdesk.none')]).map((text) => ({ text }));
  const latest = state.cases.find((session) => session.checks);
  const latestSummary = latest && caseSummary(speaker, tree, latest);
  const sections = [
    { title: t('troubleshoot:helpdesk.graph.title'), items: permissionLines(speaker, state.inGraph, state.shares).map((text) => ({ text })) },
    {
      title: t('troubleshoot:helpdesk.sharesTitle'),
      items: orNone(
        state.shares.map((share) =>
          t('troubleshoot:helpdesk.share', { calendar: share.calendarName, recipient: `${share.recipientName} <${share.recipientAddress}>`, level: levelName(t, share.role), status: t(`troubleshoot:helpdesk.shareStatus.${share.status}`, { defaultValue: t('troubleshoot:helpdesk.shareStatus.other') }) }),
        ),
      ),
    },
    {
      title: t('troubleshoot:helpdesk.invitationsTitle'),
      items: orNone(
        state.invitations.map((invitation) =>
          t('troubleshoot:helpdesk.invitation', { calendar: invitation.calendarName, owner: invitation.ownerName, level: levelName(t, invitation.role), date: shortDate(locale, invitation.sentAt) }),
        ),
      ),
    },
    {
      title: t('troubleshoot:helpdesk.subscriptionsTitle'),
      items: orNone(
        state.subscriptions.map((subscription) =>
          t(subscription.alias ? 'troubleshoot:helpdesk.subscriptionAlias' : 'troubleshoot:helpdesk.subscription', {
            calendar: subscription.calendarName,
            owner: `${subscription.ownerName} <${subscription.ownerAddress}>`,
            level: levelName(t, subscription.role),
            alias: subscription.alias ?? '',
          }),
        ),
      ),
    },
    {
      title: t('troubleshoot:helpdesk.casesTitle'),
      items: orNone(
        state.cases.map((session) =>
          t('troubleshoot:helpdesk.case', {
            date: shortDate(locale, session.createdAt),
            symptom: symptomLabel(tree, session),
            client: clientLabel(tree, session),
            status: t(`troubleshoot:helpdesk.caseStatus.${session.status}`),
          }),
        ),
      ),
    },
    ...(latestSummary
      ? [
          {
            title: t('troubleshoot:helpdesk.lastChecksTitle', { name }),
            items: [...latestSummary.checks, t('troubleshoot:helpdesk.caseSteps', { steps: latestSummary.stepsTried.join('; ') || t('troubleshoot:handoff.noSteps') })].map((text) => ({ text })),
          },
        ]
      : []),
  ];
  const last = state.cases[0];
  return renderCard('troubleshoot-diagnose', {
    title: t('troubleshoot:helpdesk.title', { name }),
    subtitle: state.person.address,
    reachability: state.reachable ? t('troubleshoot:helpdesk.reachable') : t('troubleshoot:helpdesk.unreachable', { name }),
    reachabilityColor: state.reachable ? 'Good' : 'Attention',
    sections,
    recordsNote: t('troubleshoot:helpdesk.recordsNote', { name }),
    canSend: state.reachable,
    sendTitle: t('troubleshoot:helpdesk.sendTitle', { name }),
    symptomLabel: t('troubleshoot:helpdesk.sendSymptom'),
    symptoms: tree.tree.symptoms.map((symptom) => ({ title: symptom.label, value: symptom.id })),
    symptom: last?.symptomId ?? tree.tree.symptoms[0].id,
    fixLabel: t('troubleshoot:helpdesk.fix.label'),
    fixes: fixChoices(speaker, tree, state.invitations),
    clientLabel: t('troubleshoot:helpdesk.fix.client'),
    clients: tree.tree.clients.map((client) => ({ title: client.label, value: client.id })),
    client: last?.clientId ?? tree.tree.clients[0].id,
    personLabel: t('troubleshoot:helpdesk.sendPerson'),
    person: last?.person?.address ?? '',
    buttons: state.reachable
      ? [{ title: t('troubleshoot:helpdesk.send'), verb: Verb.HelpdeskSendCard, style: 'positive', data: { verb: Verb.HelpdeskSendCard, diagnosisId } }]
      : [],
  });
}

import type { AdaptiveCardJson } from '../../cards/render-card';
import type { PendingInvitation } from '../../troubleshoot/sharing-records';
import type { TreeIndex } from '../../troubleshoot/tree-index';
import type { OutcomeNode, Symptom } from '../../troubleshoot/tree-schema';
import type { Recipient } from '../notifier';
import { startCard, stepCard } from './case-cards';
import type { Speaker } from './case-text';
import type { TroubleshootDeps } from './troubleshoot-deps';

/**
 * What the helpdesk sends someone from /diagnose: the troubleshooting card from its start, one given step
 * of the tree (an outcome, with its steps and "did this fix it?"), or a prepared action such as sending
 * again an invitation that waits for them.
 */
export type HelpdeskFix = { kind: 'start' } | { kind: 'step'; node: OutcomeNode } | { kind: 'resend'; invitationId: string };

const resendPrefix = 'resend-';

/** The fix a card's choice names, or undefined when it names nothing the tree or the person has. */
export function fixFrom(value: string | undefined, tree: TreeIndex): HelpdeskFix | undefined {
  if (!value || value === 'start') return { kind: 'start' };
  if (value.startsWith(resendPrefix)) return { kind: 'resend', invitationId: value.slice(resendPrefix.length) };
  const node = tree.node(value);
  return node?.kind === 'outcome' ? { kind: 'step', node } : undefined;
}

/** The choices of the diagnose card's "what to send" list: the start, each invitation waiting, each step of the tree. */
export function fixChoices(speaker: Speaker, tree: TreeIndex, invitations: PendingInvitation[]): Array<{ title: string; value: string }> {
  const { t } = speaker;
  return [
    { title: t('troubleshoot:helpdesk.fix.start'), value: 'start' },
    ...invitations.map((invitation) => ({ title: t('troubleshoot:helpdesk.fix.resend', { calendar: invitation.calendarName, owner: invitation.ownerName }), value: `${resendPrefix}${invitation.id}` })),
    ...tree.tree.nodes.filter((node): node is OutcomeNode => node.kind === 'outcome').map((node) => ({ title: t('troubleshoot:helpdesk.fix.step', { title: node.title }), value: node.id })),
  ];
}

/** What the audit records for a fix: a sent fix starts with its key, so the same one is not sent twice. */
export function fixKey(fix: HelpdeskFix, symptom: Symptom): string {
  switch (fix.kind) {
    case 'start':
      return `symptom=${symptom.id};session=`;
    case 'step':
      return `symptom=${symptom.id};step=${fix.node.id};`;
    case 'resend':
      return `invitation=${fix.invitationId};`;
  }
}

export interface CaseForRecipient {
  targetUserId: string;
  recipient: Recipient;
  symptom: Symptom;
  fix: Extract<HelpdeskFix, { kind: 'start' | 'step' }>;
  person?: { address: string; name: string };
  clientId?: string;
  startedBy: string;
  note: string;
}

/** Opens the case on the person's side, in their language, at its start or at the chosen step; returns its card. */
export async function caseCardFor(deps: TroubleshootDeps, input: CaseForRecipient): Promise<{ card: AdaptiveCardJson; sessionId: string }> {
  const { sessions, trees } = deps;
  const tree = trees.in(input.recipient.locale);
  const client = input.clientId && tree.client(input.clientId) ? input.clientId : undefined;
  const created = await sessions.create({
    userId: input.targetUserId,
    locale: input.recipient.locale,
    treeVersion: trees.version,
    symptomId: input.symptom.id,
    ...(client && { clientId: client }),
    ...(input.person && { person: input.person }),
    startedBy: input.startedBy,
  });
  const speaker = input.recipient;
  if (input.fix.kind === 'start') return { card: startCard({ speaker, tree, session: created }, { note: input.note }), sessionId: created.id };
  // A step needs an app for the case to go on ("not fixed" may switch on it): the one chosen, else the usual Outlook.
  const session = (await sessions.update(created.id, created.revision, { clientId: client ?? tree.tree.clients[0].id, nodeId: input.fix.node.id, history: [] })) ?? created;
  const node = tree.node(input.fix.node.id) as OutcomeNode;
  return { card: stepCard({ speaker, tree, session }, node, { note: input.note }), sessionId: session.id };
}

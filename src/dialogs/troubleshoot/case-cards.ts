import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import { offeredRoles } from '../../sharing/roles';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import type { TreeIndex } from '../../troubleshoot/tree-index';
import type { OutcomeAction, OutcomeNode, QuestionNode } from '../../troubleshoot/tree-schema';
import { caseSummary, clientLabel, symptomLabel } from './case-summary';
import { checkRow, fillTreeText, levelName, type Speaker } from './case-text';

/** A case shown to someone: in the speaker's words, from the tree of the speaker's language. */
export interface CaseView {
  speaker: Speaker;
  tree: TreeIndex;
  session: TroubleshootSession;
}

interface Button {
  title: string;
  verb: string;
  style: 'default' | 'positive' | 'destructive';
  data: Record<string, unknown>;
}

const button = (title: string, verb: string, data: Record<string, unknown>, style: Button['style'] = 'default'): Button => ({
  title,
  verb,
  style,
  data: { verb, ...data },
});

const caseRef = (session: TroubleshootSession) => ({ sessionId: session.id, revision: session.revision });

function header({ speaker, tree, session }: CaseView): string {
  return speaker.t('troubleshoot:step.header', { symptom: symptomLabel(tree, session), client: clientLabel(tree, session) });
}

export function startAgainButton(speaker: Speaker): Button {
  return button(speaker.t('troubleshoot:step.startOver'), Verb.RunCommand, { command: 'troubleshoot' });
}

/** Which app, what goes wrong: the first card of a case. */
export function startCard({ speaker, tree, session }: CaseView, options: { note?: string; error?: string } = {}): AdaptiveCardJson {
  const { t } = speaker;
  return renderCard('troubleshoot-start', {
    title: t('troubleshoot:start.title'),
    hasNote: Boolean(options.note),
    note: options.note ?? '',
    intro: t('troubleshoot:start.intro'),
    hasError: Boolean(options.error),
    error: options.error ?? '',
    clientLabel: t('troubleshoot:start.clientLabel'),
    clientHint: t('troubleshoot:start.clientHint'),
    clients: tree.tree.clients.map((client) => ({ title: client.label, value: client.id })),
    client: session.clientId ?? '',
    symptomLabel: t('troubleshoot:start.symptomLabel'),
    symptoms: tree.tree.symptoms.map((symptom) => ({ title: symptom.label, value: symptom.id })),
    symptom: session.symptomId ?? '',
    next: t('troubleshoot:start.next'),
    data: { verb: Verb.TroubleshootChoose, ...caseRef(session) },
  });
}

/** Whose calendar (or, for a refused share, who and at what level). */
export function personCard(view: CaseView, options: { error?: string; value?: string } = {}): AdaptiveCardJson {
  const { speaker, tree, session } = view;
  const { t } = speaker;
  const recipient = session.symptomId !== undefined && tree.symptom(session.symptomId)?.person === 'recipient';
  return renderCard('troubleshoot-person', {
    header: header(view),
    question: t(recipient ? 'troubleshoot:person.recipientQuestion' : 'troubleshoot:person.ownerQuestion'),
    hasError: Boolean(options.error),
    error: options.error ?? '',
    placeholder: t('troubleshoot:person.placeholder'),
    person: options.value ?? session.person?.address ?? '',
    askLevel: recipient,
    levelLabel: t('troubleshoot:person.levelLabel'),
    levels: offeredRoles.map((role) => ({ title: levelName(t, role), value: role })),
    triedRole: session.triedRole ?? '',
    next: t('troubleshoot:person.next'),
    data: { verb: Verb.TroubleshootPerson, ...caseRef(session) },
  });
}

function checklist(view: CaseView) {
  const { t } = view.speaker;
  const results = view.session.checks?.results ?? [];
  return {
    hasChecks: results.length > 0,
    checksTitle: t('troubleshoot:step.checksTitle'),
    checks: results.map((result) => checkRow(t, result)),
    incomplete: view.session.checks?.incomplete ?? false,
    incompleteText: t('troubleshoot:step.incomplete'),
  };
}

/** The buttons an outcome offers besides "did this fix it?", wired to the feature that does the work. */
function actionButton(view: CaseView, action: OutcomeAction | undefined): Button[] {
  const { speaker, session } = view;
  const { t } = speaker;
  const person = session.person;
  const vars = session.checks?.vars ?? {};
  switch (action) {
    case 'requestAccess':
      return person ? [button(t('troubleshoot:actions.requestAccess', { person: vars.person ?? person.name }), Verb.RequestAccess, { ownerAddress: person.address }, 'positive')] : [];
    case 'subscribe':
      return [person ? button(t('troubleshoot:actions.subscribe'), Verb.SubscribeOwner, { ownerAddress: person.address }, 'positive') : button(t('troubleshoot:actions.subscribe'), Verb.RunCommand, { command: 'subscribe' }, 'positive')];
    case 'accept':
      return [button(t('troubleshoot:actions.accept'), Verb.RunCommand, { command: 'accept' }, 'positive')];
    case 'alias':
      return [button(t('troubleshoot:actions.alias'), Verb.RunCommand, { command: 'alias' }, 'positive')];
    case 'share':
      return [person ? button(t('troubleshoot:actions.share'), Verb.OpenShare, { recipientAddress: person.address }) : button(t('troubleshoot:actions.share'), Verb.RunCommand, { command: 'share' })];
    case 'bookingToolView':
      return [button(t('troubleshoot:actions.bookingToolView'), Verb.BookingToolView, {}, 'positive')];
    case 'ewsHelper':
      return [button(t('troubleshoot:actions.ewsHelper'), Verb.TroubleshootEws, { sessionId: session.id, step: 'open' }, 'positive')];
    default:
      return [];
  }
}

/** The checklist, then a question or an outcome with "did this fix it?". */
export function stepCard(view: CaseView, node: QuestionNode | OutcomeNode, options: { note?: string } = {}): AdaptiveCardJson {
  const { speaker, session } = view;
  const { t } = speaker;
  const vars = session.checks?.vars ?? {};
  const fill = (text: string) => fillTreeText(t, text, vars);
  const common = { hasHeader: true, header: header(view), hasNote: Boolean(options.note), note: options.note ?? '', ...checklist(view) };
  if (node.kind === 'question') {
    return renderCard('troubleshoot-step', {
      ...common,
      hasTitle: false,
      title: '',
      text: fill(node.text),
      steps: [],
      hasQuestion: false,
      question: '',
      buttons: [
        ...node.answers.map((answer) => button(fill(answer.label), Verb.TroubleshootAnswer, { ...caseRef(session), nodeId: node.id, answerId: answer.id })),
        startAgainButton(speaker),
      ],
    });
  }
  return renderCard('troubleshoot-step', {
    ...common,
    hasTitle: true,
    title: fill(node.title),
    text: fill(node.text),
    steps: node.steps.map((step, index) => ({ text: `${index + 1}. ${fill(step)}` })),
    hasQuestion: true,
    question: t('troubleshoot:step.fixedQuestion'),
    buttons: [
      ...actionButton(view, node.action),
      button(t('troubleshoot:step.fixedYes'), Verb.TroubleshootFeedback, { ...caseRef(session), nodeId: node.id, fixed: 'yes' }, 'positive'),
      button(t('troubleshoot:step.fixedNo'), Verb.TroubleshootFeedback, { ...caseRef(session), nodeId: node.id, fixed: 'no' }),
    ],
  });
}

/** A case the person closed as fixed. */
export function closedCard(view: CaseView): AdaptiveCardJson {
  const { t } = view.speaker;
  return renderCard('troubleshoot-step', {
    hasHeader: true,
    header: header(view),
    hasNote: false,
    note: '',
    ...checklist(view),
    hasChecks: false,
    incomplete: false,
    hasTitle: true,
    title: t('troubleshoot:closed.title'),
    text: t('troubleshoot:closed.text'),
    steps: [],
    hasQuestion: false,
    question: '',
    buttons: [startAgainButton(view.speaker)],
  });
}

export type HandoffStatus = 'sent' | 'alreadySent' | 'failed' | 'noHelpdesk';

/** The case summary, with the one-click "send to the helpdesk" while it has not been sent. */
export function handoffCard(
  view: CaseView,
  options: { title: string; text: string; status?: HandoffStatus; failure?: string; canSend: boolean; note?: string },
): AdaptiveCardJson {
  const { speaker, tree, session } = view;
  const { t } = speaker;
  const summary = caseSummary(speaker, tree, session);
  const statusText: Record<HandoffStatus, string> = {
    sent: t('troubleshoot:handoff.sent'),
    alreadySent: t('troubleshoot:handoff.alreadySent'),
    failed: t('troubleshoot:handoff.sendFailed', { reason: options.failure ?? '' }),
    noHelpdesk: t('troubleshoot:handoff.noHelpdesk'),
  };
  return renderCard('troubleshoot-handoff', {
    hasHeader: true,
    header: header(view),
    hasNote: Boolean(options.note),
    note: options.note ?? '',
    title: options.title,
    text: options.text,
    summaryTitle: t('troubleshoot:handoff.summaryTitle'),
    facts: summary.facts,
    hasChecks: summary.checks.length > 0,
    checksTitle: t('troubleshoot:handoff.checks'),
    checks: (session.checks?.results ?? []).map((result) => checkRow(t, result)),
    stepsTitle: t('troubleshoot:handoff.stepsTried'),
    steps: (summary.stepsTried.length > 0 ? summary.stepsTried : [t('troubleshoot:handoff.noSteps')]).map((text) => ({ text })),
    hasStatus: options.status !== undefined,
    status: options.status ? statusText[options.status] : '',
    statusColor: options.status === 'failed' || options.status === 'noHelpdesk' ? 'Attention' : 'Good',
    buttons: options.canSend ? [button(t('troubleshoot:handoff.send'), Verb.TroubleshootHandoff, caseRef(session), 'positive')] : [],
  });
}

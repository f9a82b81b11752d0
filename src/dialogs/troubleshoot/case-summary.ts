import { htmlText } from '../../graph/mail-html';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import type { TreeIndex } from '../../troubleshoot/tree-index';
import { checkLine, fillTreeText, shortDate, type Speaker } from './case-text';

/** A case as the helpdesk needs it: what, where, what was checked, what was tried. */
export interface CaseSummary {
  reference: string;
  facts: Array<{ title: string; value: string }>;
  checks: string[];
  stepsTried: string[];
}

/** The short reference a person can quote on the phone. */
export function caseReference(session: TroubleshootSession): string {
  return session.id.slice(0, 8).toUpperCase();
}

export function symptomLabel(tree: TreeIndex, session: TroubleshootSession): string {
  return (session.symptomId && tree.symptom(session.symptomId)?.label) || '-';
}

export function clientLabel(tree: TreeIndex, session: TroubleshootSession): string {
  return (session.clientId && tree.client(session.clientId)?.label) || '-';
}

/** The summary in the speaker's language (the person's, or a helpdesk member's). */
export function caseSummary(speaker: Speaker, tree: TreeIndex, session: TroubleshootSession): CaseSummary {
  const { t } = speaker;
  const vars = session.checks?.vars ?? {};
  const reference = caseReference(session);
  const facts = [
    { title: t('troubleshoot:handoff.reference'), value: reference },
    { title: t('troubleshoot:handoff.client'), value: clientLabel(tree, session) },
    { title: t('troubleshoot:handoff.symptom'), value: symptomLabel(tree, session) },
    ...(session.person ? [{ title: t('troubleshoot:handoff.person'), value: `${session.person.name} <${session.person.address}>` }] : []),
    { title: t('troubleshoot:handoff.openedAt'), value: shortDate(speaker.locale, session.createdAt) },
  ];
  const stepsTried = session.history.flatMap((entry) => {
    const node = tree.node(entry.nodeId);
    if (node?.kind === 'outcome' && entry.answer === 'notFixed') return [fillTreeText(t, node.title, vars)];
    if (node?.kind === 'question') {
      const answer = node.answers.find((candidate) => candidate.id === entry.answer);
      if (answer) return [t('troubleshoot:handoff.answered', { question: fillTreeText(t, node.text, vars), answer: answer.label })];
    }
    return [];
  });
  return { reference, facts, checks: (session.checks?.results ?? []).map((result) => checkLine(t, result)), stepsTried };
}

const escapeHtml = htmlText;

/** The summary as the body of an email to the helpdesk; every value is escaped. */
export function summaryHtml(speaker: Speaker, intro: string, summary: CaseSummary): string {
  const { t } = speaker;
  const list = (items: string[]) => (items.length > 0 ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : `<p>${escapeHtml(t('troubleshoot:handoff.noSteps'))}</p>`);
  return [
    `<p>${escapeHtml(intro)}</p>`,
    `<table>${summary.facts.map((fact) => `<tr><th align="left">${escapeHtml(fact.title)}</th><td>${escapeHtml(fact.value)}</td></tr>`).join('')}</table>`,
    `<h3>${escapeHtml(t('troubleshoot:handoff.checks'))}</h3>`,
    list(summary.checks),
    `<h3>${escapeHtml(t('troubleshoot:handoff.stepsTried'))}</h3>`,
    list(summary.stepsTried),
  ].join('\n');
}

import type { z } from 'zod';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import { nextInteractive } from '../../troubleshoot/tree-walk';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { closedCard, handoffCard, personCard, startCard, stepCard, type CaseView } from './case-cards';
import { fillTreeText, speakerFor } from './case-text';
import type { TroubleshootDeps } from './troubleshoot-deps';

export type Loaded<T> = { ok: true; view: CaseView; data: T } | { ok: false; result: ActionResult };

/** The case's cards speak the language it was opened in, whatever the client sends with each click. */
export function viewOf(deps: TroubleshootDeps, session: TroubleshootSession): CaseView {
  const speaker = speakerFor(session.locale);
  return { speaker, tree: deps.trees.in(session.locale), session };
}

/**
 * Validates a click's data and loads its case for the caller. Refuses a case that is not the caller's; for
 * a card that is out of date (already answered, or the case moved on) returns the case's current card.
 */
export async function loadCase<T extends { sessionId: string; revision: number }>(
  deps: TroubleshootDeps,
  caller: Caller,
  raw: Record<string, unknown>,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<Loaded<T>> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, result: { replies: [textReply(caller.t('troubleshoot:errors.invalid'))] } };
  const session = await deps.sessions.get(parsed.data.sessionId);
  if (!session) return { ok: false, result: { replies: [textReply(caller.t('troubleshoot:errors.expired'))] } };
  if (session.userId !== caller.userId) return { ok: false, result: { replies: [textReply(caller.t('troubleshoot:errors.notYours'))] } };
  const view = viewOf(deps, session);
  if (session.revision !== parsed.data.revision || session.status !== 'open') {
    return { ok: false, result: currentCard(deps, view, view.speaker.t('troubleshoot:step.outdated')) };
  }
  return { ok: true, view, data: parsed.data };
}

/** Where a case stands, as a card: the one to show for a stale click, or after a restart. */
export function currentCard(deps: TroubleshootDeps, view: CaseView, note?: string): ActionResult {
  const { session, tree, speaker } = view;
  if (session.status === 'resolved') return { card: closedCard(view) };
  const symptom = session.symptomId ? tree.symptom(session.symptomId) : undefined;
  if (!symptom || !session.clientId || !tree.client(session.clientId)) return { card: startCard(view, { note }) };
  if (!session.nodeId) return { card: symptom.person === 'none' ? startCard(view, { note }) : personCard(view) };
  if (!tree.hasNode(session.nodeId)) return { replies: [textReply(speaker.t('troubleshoot:errors.expired'))] };
  const node = nextInteractive(tree, session.nodeId, { facts: session.checks?.facts ?? {}, clientId: session.clientId });
  if (node.kind === 'handoff') {
    const status = session.status === 'handedOff' ? 'alreadySent' : deps.helpdeskUsers.length === 0 ? 'noHelpdesk' : undefined;
    const vars = session.checks?.vars ?? {};
    const words = { title: fillTreeText(speaker.t, node.title, vars), text: fillTreeText(speaker.t, node.text, vars) };
    return { card: handoffCard(view, { ...words, status, canSend: status === undefined, note }) };
  }
  return { card: stepCard(view, node, { note }) };
}

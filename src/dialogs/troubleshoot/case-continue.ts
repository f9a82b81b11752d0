import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, type Reply } from '../reply';
import { nextInteractive } from '../../troubleshoot/tree-walk';
import { currentCard, viewOf } from './case-loader';
import type { TroubleshootDeps } from './troubleshoot-deps';

/** An action's result as messages: its card first, then its replies. */
export function resultReplies(result: ActionResult): Reply[] {
  return [...(result.card ? [cardReply(result.card)] : []), ...(result.replies ?? [])];
}

/**
 * "Toujours pas" / "still not": the person's latest case goes on. At an outcome it counts as "not
 * fixed" (the tree's next step); anywhere else the case's current card is shown again. Undefined when
 * the person has no open case, so a new one starts.
 */
export async function continueOpenCase(deps: TroubleshootDeps, caller: Caller): Promise<Reply[] | undefined> {
  const [session] = await deps.sessions.recentFor(caller.userId, 1);
  if (!session || session.status !== 'open') return undefined;
  const view = viewOf(deps, session);
  const node = session.nodeId ? view.tree.node(session.nodeId) : undefined;
  if (node?.kind !== 'outcome' || !session.clientId) return resultReplies(currentCard(deps, view));
  const next = nextInteractive(view.tree, node.ifNotFixed, { facts: session.checks?.facts ?? {}, clientId: session.clientId });
  const history = [...session.history, { nodeId: node.id, answer: 'notFixed' }];
  const updated = await deps.sessions.update(session.id, session.revision, { nodeId: next.id, history });
  return resultReplies(currentCard(deps, viewOf(deps, updated ?? session)));
}

import { linksOf, type TreeNode, type TroubleshootTree } from './tree-schema';

/** How a walk through the tree ends: the person said it is fixed, reached the helpdesk, or came back to a node already seen. */
export type PathEnd = 'fixed' | 'handoff' | 'loop' | 'brokenLink';

export interface TreePath {
  nodes: string[];
  end: PathEnd;
}

/** Beyond this many paths for one client and symptom the tree is too tangled to be followed by a person. */
export const maxPathsPerCase = 20_000;

/**
 * Every way through the tree for one symptom and one client: each answer of a question, each value of a
 * fact (yes, no, unknown), and at each outcome both "fixed" (the walk ends) and "not fixed" (it goes on).
 * A walk that comes back to a node it already passed stops there as a `loop`.
 */
export function pathsFor(tree: TroubleshootTree, symptomId: string, clientId: string): TreePath[] {
  const nodes = new Map(tree.nodes.map((node) => [node.id, node]));
  const symptom = tree.symptoms.find((candidate) => candidate.id === symptomId);
  if (!symptom) return [];
  const paths: TreePath[] = [];
  const walk = (nodeId: string, trail: string[]): void => {
    if (paths.length > maxPathsPerCase) return;
    const node = nodes.get(nodeId);
    if (!node) {
      paths.push({ nodes: [...trail, nodeId], end: 'brokenLink' });
      return;
    }
    if (trail.includes(nodeId)) {
      paths.push({ nodes: [...trail, nodeId], end: 'loop' });
      return;
    }
    const here = [...trail, nodeId];
    if (node.kind === 'handoff') {
      paths.push({ nodes: here, end: 'handoff' });
      return;
    }
    if (node.kind === 'outcome') paths.push({ nodes: here, end: 'fixed' });
    for (const next of nextNodes(node, clientId)) walk(next, here);
  };
  walk(symptom.start, []);
  return paths;
}

/** Where a node can lead for this client: a client switch takes one way only. */
function nextNodes(node: TreeNode, clientId: string): string[] {
  if (node.kind === 'clientSwitch') return [node.cases[clientId] ?? node.default];
  return [...new Set(linksOf(node))];
}

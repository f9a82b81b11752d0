import type { TreeIndex } from './tree-index';
import type { FactName, InteractiveNode, TreeNode } from './tree-schema';

/** What the checks established: true, false, or absent when unknown. */
export type Facts = Partial<Record<FactName, boolean>>;

export interface WalkContext {
  facts: Facts;
  clientId: string;
}

/**
 * From `nodeId`, passes automatic nodes (branches on facts, switches on the client) until a node the person
 * must see: a question, an outcome or a handoff. A validated tree has no loop of automatic nodes; the bound
 * is a second guard, so a bad tree fails loudly instead of spinning.
 */
export function nextInteractive(tree: TreeIndex, nodeId: string, context: WalkContext): InteractiveNode {
  let node: TreeNode | undefined = tree.node(nodeId);
  for (let hops = 0; node && hops <= tree.tree.nodes.length; hops++) {
    switch (node.kind) {
      case 'branch': {
        const value = context.facts[node.fact];
        node = tree.node(value === undefined ? node.unknown : value ? node.yes : node.no);
        break;
      }
      case 'clientSwitch':
        node = tree.node(node.cases[context.clientId] ?? node.default);
        break;
      default:
        return node;
    }
  }
  throw new Error(`Troubleshooting tree: no question or outcome after node "${nodeId}"`);
}

import type { ClientChoice, Symptom, TreeNode, TroubleshootTree } from './tree-schema';

/** One language's tree with lookups by id. Built from a validated tree: every link resolves. */
export class TreeIndex {
  private readonly nodes: Map<string, TreeNode>;
  private readonly symptoms: Map<string, Symptom>;
  private readonly clients: Map<string, ClientChoice>;

  constructor(readonly tree: TroubleshootTree) {
    this.nodes = new Map(tree.nodes.map((node) => [node.id, node]));
    this.symptoms = new Map(tree.symptoms.map((symptom) => [symptom.id, symptom]));
    this.clients = new Map(tree.clients.map((client) => [client.id, client]));
  }

  get version(): number {
    return this.tree.version;
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  symptom(id: string): Symptom | undefined {
    return this.symptoms.get(id);
  }

  client(id: string): ClientChoice | undefined {
    return this.clients.get(id);
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }
}

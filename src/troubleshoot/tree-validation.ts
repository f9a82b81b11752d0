import { maxPathsPerCase, pathsFor } from './tree-paths';
import {
  factsByPersonKind,
  isAutomatic,
  linksOf,
  textVariables,
  type TreeNode,
  type TroubleshootTree,
} from './tree-schema';

/**
 * What a schema cannot check in a tree: every link leads to a node, every node is reachable and can
 * still reach the helpdesk (so no loop traps the person), no loop runs through automatic nodes only
 * (it would spin forever), branches test facts their case produces, and texts use known placeholders.
 * Returns the problems, one sentence each; none means the tree is sound.
 */
export function validateTree(tree: TroubleshootTree): string[] {
  const problems: string[] = [];
  const nodes = new Map<string, TreeNode>();
  for (const node of tree.nodes) {
    if (nodes.has(node.id)) problems.push(`node "${node.id}" is defined twice`);
    nodes.set(node.id, node);
  }
  problems.push(...duplicates(tree.clients.map((client) => client.id), 'client'));
  problems.push(...duplicates(tree.symptoms.map((symptom) => symptom.id), 'symptom'));
  const clientIds = new Set(tree.clients.map((client) => client.id));

  for (const symptom of tree.symptoms) {
    if (!nodes.has(symptom.start)) problems.push(`symptom "${symptom.id}" starts at missing node "${symptom.start}"`);
  }
  for (const node of tree.nodes) {
    for (const target of linksOf(node)) {
      if (!nodes.has(target)) problems.push(`node "${node.id}" links to missing node "${target}"`);
      if (target === node.id) problems.push(`node "${node.id}" links to itself`);
    }
    if (node.kind === 'question') problems.push(...duplicates(node.answers.map((answer) => answer.id), `answer of "${node.id}"`));
    if (node.kind === 'clientSwitch') {
      for (const client of Object.keys(node.cases)) {
        if (!clientIds.has(client)) problems.push(`node "${node.id}" has a case for unknown client "${client}"`);
      }
    }
    problems.push(...placeholderProblems(node));
  }
  if (problems.length > 0) return problems;

  problems.push(...unreachableNodes(tree, nodes));
  problems.push(...trappedNodes(tree, nodes));
  problems.push(...automaticLoops(tree, nodes));
  problems.push(...factProblems(tree, nodes));
  if (problems.length > 0) return problems;
  problems.push(...pathProblems(tree));
  return problems;
}

function duplicates(ids: string[], what: string): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))).map((id) => `${what} "${id}" is defined twice`);
}

const placeholder = /\{\{\s*([a-zA-Z]+)\s*(?:,\s*(?:de|que)\s*)?\}\}/g;

function placeholderProblems(node: TreeNode): string[] {
  const texts: string[] = [];
  if (node.kind === 'question') texts.push(node.text, ...node.answers.map((answer) => answer.label));
  if (node.kind === 'outcome') texts.push(node.title, node.text, ...node.steps);
  if (node.kind === 'handoff') texts.push(node.title, node.text);
  const known: readonly string[] = textVariables;
  return texts.flatMap((text) =>
    [...text.matchAll(placeholder)].filter((match) => !known.includes(match[1])).map((match) => `node "${node.id}" uses unknown placeholder {{${match[1]}}}`),
  );
}

function reachableFrom(starts: string[], nodes: Map<string, TreeNode>): Set<string> {
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    const node = nodes.get(id);
    if (seen.has(id) || !node) continue;
    seen.add(id);
    queue.push(...linksOf(node));
  }
  return seen;
}

function unreachableNodes(tree: TroubleshootTree, nodes: Map<string, TreeNode>): string[] {
  const reached = reachableFrom(tree.symptoms.map((symptom) => symptom.start), nodes);
  return tree.nodes.filter((node) => !reached.has(node.id)).map((node) => `node "${node.id}" cannot be reached from any symptom`);
}

/** Nodes from which no handoff can be reached: a person who keeps answering "no" would never get help. */
function trappedNodes(tree: TroubleshootTree, nodes: Map<string, TreeNode>): string[] {
  const canExit = new Set(tree.nodes.filter((node) => node.kind === 'handoff').map((node) => node.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of nodes.values()) {
      if (!canExit.has(node.id) && linksOf(node).some((target) => canExit.has(target))) {
        canExit.add(node.id);
        grew = true;
      }
    }
  }
  return tree.nodes.filter((node) => !canExit.has(node.id)).map((node) => `node "${node.id}" never leads to a helpdesk handoff (a loop without an exit)`);
}

/** A loop made of branches and client switches only would be walked forever without asking anything. */
function automaticLoops(tree: TroubleshootTree, nodes: Map<string, TreeNode>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'visiting');
    const node = nodes.get(id);
    for (const target of node ? linksOf(node) : []) {
      const next = nodes.get(target);
      if (!next || !isAutomatic(next)) continue;
      if (state.get(target) === 'visiting') problems.push(`automatic nodes loop through "${target}" without asking the person anything`);
      else if (!state.has(target)) visit(target);
    }
    state.set(id, 'done');
  };
  for (const node of tree.nodes) if (isAutomatic(node) && !state.has(node.id)) visit(node.id);
  return problems;
}

function factProblems(tree: TroubleshootTree, nodes: Map<string, TreeNode>): string[] {
  return tree.symptoms.flatMap((symptom) => {
    const available: readonly string[] = factsByPersonKind[symptom.person];
    return [...reachableFrom([symptom.start], nodes)]
      .map((id) => nodes.get(id))
      .filter((node): node is Extract<TreeNode, { kind: 'branch' }> => node?.kind === 'branch' && !available.includes(node.fact))
      .map((node) => `symptom "${symptom.id}" reaches node "${node.id}", which tests "${node.fact}": its checks never establish that fact`);
  });
}

function pathProblems(tree: TroubleshootTree): string[] {
  const problems: string[] = [];
  for (const symptom of tree.symptoms) {
    for (const client of tree.clients) {
      const paths = pathsFor(tree, symptom.id, client.id);
      if (paths.length > maxPathsPerCase) problems.push(`symptom "${symptom.id}" with client "${client.id}" has more than ${maxPathsPerCase} paths`);
      if (!paths.some((path) => path.end === 'handoff')) problems.push(`symptom "${symptom.id}" with client "${client.id}" never reaches the helpdesk`);
    }
  }
  return problems;
}

/**
 * The other languages must have the same tree as the reference, words aside: same version, clients,
 * symptoms (person kind, start) and nodes (kind, links, facts, actions, number of steps).
 */
export function compareTrees(reference: TroubleshootTree, other: TroubleshootTree): string[] {
  const problems: string[] = [];
  const lang = other.language;
  if (reference.version !== other.version) problems.push(`${lang} tree is version ${other.version}, ${reference.language} is ${reference.version}`);
  const ids = (items: Array<{ id: string }>) => items.map((item) => item.id).join(',');
  if (ids(reference.clients) !== ids(other.clients)) problems.push(`${lang} tree lists other clients than ${reference.language}`);
  const symptomShape = (tree: TroubleshootTree) => tree.symptoms.map(({ id, person, start }) => `${id}:${person}:${start}`).join(',');
  if (symptomShape(reference) !== symptomShape(other)) problems.push(`${lang} tree has other symptoms than ${reference.language}`);
  const otherNodes = new Map(other.nodes.map((node) => [node.id, node]));
  for (const node of reference.nodes) {
    const twin = otherNodes.get(node.id);
    if (!twin) problems.push(`node "${node.id}" is missing in the ${lang} tree`);
    else if (structureOf(node) !== structureOf(twin)) problems.push(`node "${node.id}" differs in structure between ${reference.language} and ${lang}`);
  }
  const referenceIds = new Set(reference.nodes.map((node) => node.id));
  for (const node of other.nodes) if (!referenceIds.has(node.id)) problems.push(`node "${node.id}" exists only in the ${lang} tree`);
  return problems;
}

/** A node without its words. */
function structureOf(node: TreeNode): string {
  switch (node.kind) {
    case 'branch':
      return JSON.stringify([node.kind, node.fact, node.yes, node.no, node.unknown]);
    case 'clientSwitch':
      return JSON.stringify([node.kind, Object.entries(node.cases).sort(), node.default]);
    case 'question':
      return JSON.stringify([node.kind, node.answers.map((answer) => [answer.id, answer.next])]);
    case 'outcome':
      return JSON.stringify([node.kind, node.steps.length, node.action ?? null, node.ifNotFixed]);
    case 'handoff':
      return JSON.stringify([node.kind]);
  }
}

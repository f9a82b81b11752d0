import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTroubleshootTrees, parseTree, TreeValidationError } from '../../src/troubleshoot/tree-loader';
import { pathsFor } from '../../src/troubleshoot/tree-paths';
import { compareTrees, validateTree } from '../../src/troubleshoot/tree-validation';

const srcDir = path.resolve(__dirname, '../../src/troubleshoot');
const rawTree = (lang: 'en' | 'fr'): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(srcDir, `tree.${lang}.json`), 'utf8')) as Record<string, unknown>;

/** A deep copy of the real tree with one change, to show the validator rejects it. */
function mutated(lang: 'en' | 'fr', change: (tree: { nodes: Array<Record<string, unknown>>; symptoms: Array<Record<string, unknown>> }) => void): unknown {
  const tree = rawTree(lang) as { nodes: Array<Record<string, unknown>>; symptoms: Array<Record<string, unknown>> };
  change(tree);
  return tree;
}

const node = (tree: { nodes: Array<Record<string, unknown>> }, id: string): Record<string, unknown> => {
  const found = tree.nodes.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`test setup: no node ${id}`);
  return found;
};

describe('the troubleshooting decision tree', () => {
  const trees = loadTroubleshootTrees();
  const en = trees.in('en').tree;
  const fr = trees.in('fr').tree;

  it('loads and validates in both languages, with the same version', () => {
    expect(validateTree(en)).toEqual([]);
    expect(validateTree(fr)).toEqual([]);
    expect(compareTrees(en, fr)).toEqual([]);
    expect(trees.version).toBe(en.version);
  });

  it('has every node, client and symptom in both languages, in different words', () => {
    expect(fr.nodes.map((n) => n.id)).toEqual(en.nodes.map((n) => n.id));
    expect(fr.clients.map((c) => c.id)).toEqual(en.clients.map((c) => c.id));
    expect(fr.symptoms.map((s) => s.id)).toEqual(en.symptoms.map((s) => s.id));
    const handoffEn = en.nodes.find((n) => n.kind === 'handoff');
    const handoffFr = fr.nodes.find((n) => n.kind === 'handoff');
    expect(handoffFr).toBeDefined();
    expect(JSON.stringify(handoffFr)).not.toEqual(JSON.stringify(handoffEn));
  });

  const cases = en.symptoms.flatMap((symptom) => en.clients.map((client) => [symptom.id, client.id] as const));

  it.each(cases)('%s with %s: every path ends in an outcome or the helpdesk, or loops back to where help is still reachable', (symptomId, clientId) => {
    const paths = pathsFor(en, symptomId, clientId);
    expect(paths.length).toBeGreaterThan(0);
    for (const walk of paths) {
      expect(['fixed', 'handoff', 'loop']).toContain(walk.end);
      const last = en.nodes.find((n) => n.id === walk.nodes[walk.nodes.length - 1]);
      if (walk.end === 'fixed') expect(last?.kind).toBe('outcome');
      if (walk.end === 'handoff') expect(last?.kind).toBe('handoff');
    }
    expect(paths.some((walk) => walk.end === 'handoff')).toBe(true);
    expect(pathsFor(fr, symptomId, clientId).map((walk) => walk.nodes)).toEqual(paths.map((walk) => walk.nodes));
  });

  it.each([
    ['calendar-missing', 'outlook-windows-mapi', 'o-restart-outlook'],
    ['calendar-missing', 'outlook-2016-activesync', 'o-restart-outlook'],
    ['calendar-missing', 'outlook-2013-activesync', 'o-2013-alias'],
    ['calendar-missing', 'outlook-mac', 'o-mac-show'],
    ['calendar-missing', 'outlook-web', 'o-web-show'],
    ['calendar-missing', 'outlook-mobile', 'o-mobile-show'],
    ['calendar-missing', 'iphone-mail', 'o-iphone-shared'],
    ['calendar-missing', 'booking-tool', 'o-booking-primary-only'],
    ['invitation-lost', 'outlook-windows-mapi', 'o-add-calendar'],
    ['alias-missing', 'outlook-2013-activesync', 'o-2013-alias-restart'],
    ['alias-missing', 'outlook-web', 'o-alias-refresh'],
    ['cannot-connect', 'booking-tool', 'o-ews-url'],
    ['cannot-connect', 'booking-tool', 'o-mfa-route'],
    ['cannot-connect', 'outlook-2013-activesync', 'o-activesync-settings'],
    ['cannot-connect', 'outlook-windows-mapi', 'o-outlook-reconnect'],
    ['external-refused', 'outlook-web', 'o-beyond-policy'],
    ['sign-in-mfa', 'booking-tool', 'o-mfa-route'],
    ['sign-in-mfa', 'outlook-2013-activesync', 'o-2013-modern-auth'],
  ])('%s with %s can lead to %s', (symptomId, clientId, nodeId) => {
    expect(pathsFor(en, symptomId, clientId).some((walk) => walk.nodes.includes(nodeId))).toBe(true);
  });

  it('keeps client steps where they belong: Outlook 2013 over ActiveSync never gets the plain restart first', () => {
    const paths = pathsFor(en, 'calendar-missing', 'outlook-2013-activesync');
    expect(paths.some((walk) => walk.nodes.includes('o-restart-outlook'))).toBe(false);
  });
});

describe('a broken tree', () => {
  const en = parseTree(rawTree('en'), 'tree.en.json', 'en');

  it.each([
    ['a link to a missing node', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => (node(t, 'o-restart-outlook').ifNotFixed = 'o-nowhere'), /links to missing node "o-nowhere"/],
    ['a symptom starting nowhere', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => (t.symptoms[0].start = 'nope'), /starts at missing node "nope"/],
    ['a node nobody reaches', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => t.nodes.push({ id: 'o-orphan', kind: 'handoff', title: 'Orphan', text: 'Nobody comes here.' }), /"o-orphan" cannot be reached/],
    [
      'a loop without an exit',
      (t: Parameters<Parameters<typeof mutated>[1]>[0]) => {
        node(t, 'o-open-shared').ifNotFixed = 'o-restart-outlook';
      },
      /never leads to a helpdesk handoff/,
    ],
    [
      'a loop of automatic nodes',
      (t: Parameters<Parameters<typeof mutated>[1]>[0]) => {
        node(t, 'cm-list').unknown = 'cm-person';
      },
      /automatic nodes loop/,
    ],
    ['an unknown placeholder', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => (node(t, 'handoff').text = 'Hello {{password}}'), /unknown placeholder \{\{password\}\}/],
    [
      'a branch on a fact its case never checks',
      (t: Parameters<Parameters<typeof mutated>[1]>[0]) => {
        node(t, 'cc-mailbox').fact = 'sharedWithMe';
      },
      /never establish that fact/,
    ],
    ['a duplicated node', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => t.nodes.push({ ...node(t, 'handoff') }), /"handoff" is defined twice/],
    ['a node with a missing field', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => delete node(t, 'o-web-show').ifNotFixed, /nodes\.\d+\.ifNotFixed: Required/],
    ['a node of an unknown kind', (t: Parameters<Parameters<typeof mutated>[1]>[0]) => (node(t, 'o-web-show').kind = 'magic'), /Invalid discriminator/],
  ])('is rejected: %s', (_name, change, message) => {
    expect(() => parseTree(mutated('en', change), 'tree.en.json', 'en')).toThrow(message);
  });

  it('is rejected when the French tree lacks a node or differs in structure', () => {
    const missing = parseTree(rawTree('fr'), 'tree.fr.json', 'fr');
    const withoutNode = { ...missing, nodes: missing.nodes.filter((n) => n.id !== 'o-web-check') };
    expect(compareTrees(en, withoutNode)).toContain('node "o-web-check" is missing in the fr tree');
    const relinked = {
      ...missing,
      nodes: missing.nodes.map((n) => (n.id === 'o-web-show' && n.kind === 'outcome' ? { ...n, ifNotFixed: 'o-web-check' } : n)),
    };
    expect(compareTrees(en, relinked)).toEqual(['node "o-web-show" differs in structure between en and fr']);
  });

  it('stops start-up with a one-line error naming the file and the problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-tree-'));
    writeFileSync(path.join(dir, 'tree.en.json'), JSON.stringify(rawTree('en')));
    writeFileSync(path.join(dir, 'tree.fr.json'), JSON.stringify(mutated('fr', (t) => (node(t, 'cm-list').no = 'o-gone'))));
    let error: unknown;
    try {
      loadTroubleshootTrees(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TreeValidationError);
    expect((error as Error).message).toBe('Invalid troubleshooting tree tree.fr.json: node "cm-list" links to missing node "o-gone"');
    expect((error as Error).message).not.toContain('\n');
  });

  it('stops start-up when a file is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-tree-'));
    writeFileSync(path.join(dir, 'tree.en.json'), '{ "version": 1,');
    writeFileSync(path.join(dir, 'tree.fr.json'), JSON.stringify(rawTree('fr')));
    expect(() => loadTroubleshootTrees(dir)).toThrow(/^Invalid troubleshooting tree tree\.en\.json: /);
  });
});

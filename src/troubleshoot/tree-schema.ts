import { z } from 'zod';

/**
 * The shape of a troubleshooting decision tree file (`tree.<lang>.json`). The structure (ids, kinds,
 * links, facts, actions) is the same in every language; only the words differ. `tree-validation.ts`
 * checks what a schema cannot: links, reachability, exits, and that both languages agree.
 */

/** What a person names in a case: a calendar's owner, the recipient of a refused share, or nobody. */
export const personKinds = ['owner', 'recipient', 'none'] as const;
export type PersonKind = (typeof personKinds)[number];

/**
 * Facts the automatic checks establish, which branch nodes test. A fact may stay unknown (Graph failed,
 * or the check does not apply): every branch says where unknown goes.
 */
export const factNames = [
  'personFound',
  'personInside',
  'withinPolicy',
  'sharedWithMe',
  'subscribed',
  'invitationPending',
  'inCalendarList',
  'aliasSet',
  'canReadNow',
  'mailboxReachable',
] as const;
export type FactName = (typeof factNames)[number];

/** The facts each kind of case produces; a branch on any other fact could never be decided. */
export const factsByPersonKind: Record<PersonKind, readonly FactName[]> = {
  owner: ['personFound', 'personInside', 'sharedWithMe', 'subscribed', 'invitationPending', 'inCalendarList', 'aliasSet', 'canReadNow'],
  recipient: ['personFound', 'personInside', 'withinPolicy'],
  none: ['mailboxReachable'],
};

/** Buttons an outcome may offer besides "did this fix it?". */
export const outcomeActions = ['requestAccess', 'subscribe', 'accept', 'alias', 'share', 'ewsHelper', 'bookingToolView'] as const;
export type OutcomeAction = (typeof outcomeActions)[number];

/** The `{{name}}` placeholders node texts may use; the flow fills them from the case. */
export const textVariables = ['person', 'address', 'domain', 'cap', 'tried', 'alias', 'calendars'] as const;
export type TextVariable = (typeof textVariables)[number];

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a lower-case id (letters, digits, dashes)');
const text = z.string().trim().min(1).max(600);
const label = z.string().trim().min(1).max(120);

const branchNode = z
  .object({
    id,
    kind: z.literal('branch'),
    fact: z.enum(factNames),
    yes: id,
    no: id,
    unknown: id,
  })
  .strict();

const clientSwitchNode = z
  .object({
    id,
    kind: z.literal('clientSwitch'),
    cases: z.record(id, id),
    default: id,
  })
  .strict();

const questionNode = z
  .object({
    id,
    kind: z.literal('question'),
    text,
    answers: z
      .array(z.object({ id, label, next: id }).strict())
      .min(1)
      .max(5),
  })
  .strict();

const outcomeNode = z
  .object({
    id,
    kind: z.literal('outcome'),
    title: label,
    text,
    steps: z.array(text).max(8).default([]),
    action: z.enum(outcomeActions).optional(),
    /** Where the "no, it did not fix it" answer leads: another step, a question, or a handoff. */
    ifNotFixed: id,
  })
  .strict();

const handoffNode = z
  .object({
    id,
    kind: z.literal('handoff'),
    title: label,
    text,
  })
  .strict();

export const treeNodeSchema = z.discriminatedUnion('kind', [branchNode, clientSwitchNode, questionNode, outcomeNode, handoffNode]);

export const treeSchema = z
  .object({
    version: z.number().int().min(1),
    language: z.enum(['en', 'fr']),
    clients: z
      .array(z.object({ id, label }).strict())
      .min(1),
    symptoms: z
      .array(
        z
          .object({
            id,
            label,
            person: z.enum(personKinds),
            /** Words that point to this symptom in a typed message (accents and case do not matter). */
            keywords: z.array(z.string().trim().min(2).max(60)).default([]),
            start: id,
          })
          .strict(),
      )
      .min(1),
    nodes: z.array(treeNodeSchema).min(1),
  })
  .strict();

export type TroubleshootTree = z.infer<typeof treeSchema>;
export type TreeNode = z.infer<typeof treeNodeSchema>;
export type BranchNode = z.infer<typeof branchNode>;
export type ClientSwitchNode = z.infer<typeof clientSwitchNode>;
export type QuestionNode = z.infer<typeof questionNode>;
export type OutcomeNode = z.infer<typeof outcomeNode>;
export type HandoffNode = z.infer<typeof handoffNode>;
export type Symptom = TroubleshootTree['symptoms'][number];
export type ClientChoice = TroubleshootTree['clients'][number];

/** Nodes the flow passes through on its own, from the facts and the client: the person never sees them. */
export type AutomaticNode = BranchNode | ClientSwitchNode;
/** Nodes shown to the person as a card. */
export type InteractiveNode = QuestionNode | OutcomeNode | HandoffNode;

export function isAutomatic(node: TreeNode): node is AutomaticNode {
  return node.kind === 'branch' || node.kind === 'clientSwitch';
}

/** Every node a node can lead to, in a stable order. Handoff nodes lead nowhere: they are the exits. */
export function linksOf(node: TreeNode): string[] {
  switch (node.kind) {
    case 'branch':
      return [node.yes, node.no, node.unknown];
    case 'clientSwitch':
      return [...Object.values(node.cases), node.default];
    case 'question':
      return node.answers.map((answer) => answer.next);
    case 'outcome':
      return [node.ifNotFixed];
    case 'handoff':
      return [];
  }
}

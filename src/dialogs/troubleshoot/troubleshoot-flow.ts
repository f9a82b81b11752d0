import type { Person } from '../../graph/calendar-gateway';
import { settle } from '../../troubleshoot/check-report';
import { foldText } from '../commands';
import { offeredRoles } from '../../sharing/roles';
import type { HistoryEntry, SessionChanges, TroubleshootSession } from '../../troubleshoot/session-store';
import type { InteractiveNode } from '../../troubleshoot/tree-schema';
import { nextInteractive } from '../../troubleshoot/tree-walk';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, type Reply } from '../reply';
import { answerData, chooseData, feedbackData, personData } from './card-data';
import { closedCard, personCard, startCard, type CaseView } from './case-cards';
import { hintsFrom, type CaseHints } from './case-hints';
import { continueOpenCase, resultReplies } from './case-continue';
import type { Understanding } from '../../nlu/understanding';
import { currentCard, loadCase, viewOf } from './case-loader';
import type { TroubleshootDeps } from './troubleshoot-deps';

const bookingWords = ['calendly', 'booking', 'rendez-vous', 'appointment', 'prise de rendez', 'doodle', 'acuity'];

function mentionsBookingTool(text: string): boolean {
  const folded = foldText(text);
  return bookingWords.some((word) => folded.includes(word));
}

const addressPattern = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/**
 * The guided troubleshooting flow: app and problem, the person concerned, automatic checks, then the
 * decision tree's questions and outcomes until the person says it is fixed or hands over to the helpdesk.
 */
export class TroubleshootFlow {
  constructor(private readonly deps: TroubleshootDeps) {}

  /**
   * /troubleshoot, or plain words: a new case, with what the message already said filled in. From a
   * sentence (`understood`), only its recognised entities count; when they name the app, the problem
   * and (where the problem needs one) the person, the case goes straight to its checks. "Still not"
   * continues the person's open case instead.
   */
  async start(caller: Caller, args: string, understood?: Understanding): Promise<Reply[]> {
    if (understood?.followUp === 'stillNot') {
      const continued = await continueOpenCase(this.deps, caller);
      if (continued) return continued;
    }
    const tree = this.deps.trees.in(caller.locale);
    // The classifier's entities only (a sentence, or the words after /troubleshoot); the bare command has none.
    const hints: CaseHints = understood ? hintsFrom(understood, tree) : {};
    const person = hints.personAddress ? { address: hints.personAddress, name: hints.personName ?? hints.personAddress } : await this.personNamed(caller, hints.personName);
    const session = await this.deps.sessions.create({
      userId: caller.userId,
      locale: caller.locale,
      treeVersion: this.deps.trees.version,
      ...(hints.symptomId && { symptomId: hints.symptomId }),
      ...(hints.clientId && { clientId: hints.clientId }),
      ...(person && { person }),
    });
    const symptom = session.symptomId ? tree.symptom(session.symptomId) : undefined;
    if (symptom && session.clientId && (symptom.person === 'none' || (symptom.person === 'owner' && person))) {
      const checks = await this.deps.checks.run(caller, symptom.person === 'owner' && person ? { kind: 'owner', address: person.address } : { kind: 'none' });
      const node = nextInteractive(tree, symptom.start, { facts: checks.facts, clientId: session.clientId });
      const named = person && { address: person.address, name: checks.vars.person ?? person.name };
      const result = await this.show(viewOf(this.deps, session), { checks, nodeId: node.id, history: [], ...(named && { person: named }) });
      return [...resultReplies(result), ...(await this.bookingToolReplies(caller, args, understood))];
    }
    return [cardReply(startCard(viewOf(this.deps, session))), ...(await this.bookingToolReplies(caller, args, understood))];
  }

  /** A name from a message, when the directory knows exactly one such person; anything else is left to the card. */
  private async personNamed(caller: Caller, name: string | undefined): Promise<{ address: string; name: string } | undefined> {
    if (!name) return undefined;
    const found = await settle(this.deps.gateway.findPeople(caller, { query: name, limit: 2 }));
    if (!found.ok || found.value.length !== 1) return undefined;
    return { address: found.value[0].address, name: found.value[0].displayName };
  }

  async choose(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await loadCase(this.deps, caller, raw, chooseData);
    if (!loaded.ok) return loaded.result;
    const { view, data } = loaded;
    const symptom = data.symptom ? view.tree.symptom(data.symptom) : undefined;
    const client = data.client ? view.tree.client(data.client) : undefined;
    if (!symptom || !client) return { card: startCard(view, { error: view.speaker.t('troubleshoot:start.missingChoice') }) };
    // The person is already known (named in the message that opened the case): straight to the checks.
    if (symptom.person === 'owner' && view.session.person) {
      const known = view.session.person;
      const checks = await this.deps.checks.run(caller, { kind: 'owner', address: known.address });
      const node = nextInteractive(view.tree, symptom.start, { facts: checks.facts, clientId: client.id });
      const named = { address: known.address, name: checks.vars.person ?? known.name };
      return this.show(view, { clientId: client.id, symptomId: symptom.id, person: named, checks, nodeId: node.id, history: [] });
    }
    if (symptom.person !== 'none') {
      const updated = await this.deps.sessions.update(view.session.id, view.session.revision, { clientId: client.id, symptomId: symptom.id, nodeId: null, checks: null, history: [] });
      return updated ? { card: personCard(viewOf(this.deps, updated)) } : this.current(view.session.id);
    }
    const checks = await this.deps.checks.run(caller, { kind: 'none' });
    const node = nextInteractive(view.tree, symptom.start, { facts: checks.facts, clientId: client.id });
    return this.show(view, { clientId: client.id, symptomId: symptom.id, person: null, checks, nodeId: node.id, history: [] });
  }

  async person(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await loadCase(this.deps, caller, raw, personData);
    if (!loaded.ok) return loaded.result;
    const { view, data } = loaded;
    const { t } = view.speaker;
    const symptom = view.session.symptomId ? view.tree.symptom(view.session.symptomId) : undefined;
    if (!symptom || !view.session.clientId) return currentCard(this.deps, view);
    const query = data.person.trim();
    const triedRole = offeredRoles.find((role) => role === data.triedRole);
    const retry = (error: string) => ({ card: personCard(view, { error, value: query }) });
    if (!query) return retry(t('troubleshoot:person.missing'));
    if (symptom.person === 'recipient' && !triedRole) return retry(t('troubleshoot:person.missingLevel'));

    let person: { address: string; name: string };
    if (query.includes('@')) {
      if (!addressPattern.test(query)) return retry(t('troubleshoot:person.invalidAddress', { query }));
      person = { address: query.toLowerCase(), name: query };
    } else {
      const found = await settle<Person[]>(this.deps.gateway.findPeople(caller, { query, limit: 5 }));
      const people = found.ok ? found.value : [];
      if (people.length === 0) return retry(t('troubleshoot:person.notFound', { query }));
      if (people.length > 1) {
        return retry(t('troubleshoot:person.several', { query, names: people.map((p) => `${p.displayName} (${p.address})`).join(', ') }));
      }
      person = { address: people[0].address, name: people[0].displayName };
    }

    const checks = await this.deps.checks.run(caller, { kind: symptom.person, address: person.address, ...(triedRole && { triedRole }) });
    const node = nextInteractive(view.tree, symptom.start, { facts: checks.facts, clientId: view.session.clientId });
    const named = { address: person.address, name: checks.vars.person ?? person.name };
    return this.show(view, { person: named, triedRole: triedRole ?? null, checks, nodeId: node.id, history: [] });
  }

  async answer(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await loadCase(this.deps, caller, raw, answerData);
    if (!loaded.ok) return loaded.result;
    const { view, data } = loaded;
    const node = view.tree.node(data.nodeId);
    const answer = node?.kind === 'question' && view.session.nodeId === node.id ? node.answers.find((a) => a.id === data.answerId) : undefined;
    if (!answer) return currentCard(this.deps, view);
    const next = this.walk(view, answer.next);
    return this.show(view, { nodeId: next.id, history: [...view.session.history, { nodeId: data.nodeId, answer: answer.id }] });
  }

  async feedback(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await loadCase(this.deps, caller, raw, feedbackData);
    if (!loaded.ok) return loaded.result;
    const { view, data } = loaded;
    const node = view.tree.node(data.nodeId);
    if (node?.kind !== 'outcome' || view.session.nodeId !== node.id) return currentCard(this.deps, view);
    const history: HistoryEntry[] = [...view.session.history, { nodeId: node.id, answer: data.fixed === 'yes' ? 'fixed' : 'notFixed' }];
    if (data.fixed === 'yes') {
      const updated = await this.deps.sessions.update(view.session.id, view.session.revision, { status: 'resolved', history });
      return updated ? { card: closedCard(viewOf(this.deps, updated)) } : this.current(view.session.id);
    }
    const next = this.walk(view, node.ifNotFixed);
    return this.show(view, { nodeId: next.id, history });
  }

  private walk(view: CaseView, nodeId: string): InteractiveNode {
    return nextInteractive(view.tree, nodeId, { facts: view.session.checks?.facts ?? {}, clientId: view.session.clientId ?? '' });
  }

  /** Saves the step (if the case has not moved meanwhile) and shows its card. */
  /** "Calendly ne voit pas mes rendez-vous": what such a tool sees next to what it misses (the free/busy feature's card). */
  private async bookingToolReplies(caller: Caller, args: string, understood?: Understanding): Promise<Reply[]> {
    const aboutBookingTool = understood?.client === 'booking-tool' || mentionsBookingTool(args);
    return this.deps.bookingToolView && aboutBookingTool ? this.deps.bookingToolView(caller) : [];
  }

  private async show(view: CaseView, changes: SessionChanges): Promise<ActionResult> {
    const updated = await this.deps.sessions.update(view.session.id, view.session.revision, changes);
    if (!updated) return this.current(view.session.id);
    return currentCard(this.deps, viewOf(this.deps, updated));
  }

  /** Another click changed the case first: show where it stands now. */
  private async current(sessionId: string): Promise<ActionResult> {
    const session: TroubleshootSession | undefined = await this.deps.sessions.get(sessionId);
    if (!session) return { replies: [] };
    const view = viewOf(this.deps, session);
    return currentCard(this.deps, view, view.speaker.t('troubleshoot:step.outdated'));
  }
}

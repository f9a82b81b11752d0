import { settle, reasonOf } from '../../troubleshoot/check-report';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply } from '../reply';
import { handoffData } from './card-data';
import { handoffCard, type CaseView } from './case-cards';
import { currentCard, loadCase, viewOf } from './case-loader';
import { caseSummary, symptomLabel, summaryHtml } from './case-summary';
import { fillTreeText, reasonText } from './case-text';
import type { TroubleshootDeps } from './troubleshoot-deps';

/**
 * Sends a case to the helpdesk in one click: an email from the person's own mailbox (so the helpdesk can
 * answer them directly), and a card in Teams to each helpdesk member the bot can reach. Either one is
 * enough; the case is marked handed off once something got through.
 */
export class CaseHandoff {
  constructor(private readonly deps: TroubleshootDeps) {}

  async send(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const loaded = await loadCase(this.deps, caller, raw, handoffData);
    if (!loaded.ok) return loaded.result;
    const { view } = loaded;
    const node = view.session.nodeId ? view.tree.node(view.session.nodeId) : undefined;
    if (node?.kind !== 'handoff' || this.deps.helpdeskUsers.length === 0) return currentCard(this.deps, view);
    const vars = view.session.checks?.vars ?? {};
    const words = { title: fillTreeText(view.speaker.t, node.title, vars), text: fillTreeText(view.speaker.t, node.text, vars) };

    const me = await settle(this.deps.gateway.getMe(caller));
    const requester = { name: caller.name || (me.ok ? me.value.displayName : ''), address: me.ok ? me.value.address : '' };
    const mail = await settle(this.mailHelpdesk(caller, view, requester.name));
    const notified = await this.notifyHelpdesk(caller, view.session, requester);
    if (!mail.ok && notified === 0) {
      this.deps.logger.warn({ err: mail.error, sessionId: view.session.id }, 'troubleshooting handoff could not reach the helpdesk');
      return { card: handoffCard(view, { ...words, status: 'failed', failure: reasonText(view.speaker.t, reasonOf(mail.error)), canSend: true }) };
    }
    const updated = await this.deps.sessions.update(view.session.id, view.session.revision, { status: 'handedOff' });
    if (!updated) return currentCard(this.deps, view);
    this.deps.logger.info({ sessionId: view.session.id, mail: mail.ok, teams: notified }, 'troubleshooting case handed to the helpdesk');
    return { card: handoffCard(viewOf(this.deps, updated), { ...words, status: 'sent', canSend: false }) };
  }

  /** The summary in the case's language, mailed from the person's mailbox to every helpdesk address. */
  private async mailHelpdesk(caller: Caller, view: CaseView, name: string): Promise<void> {
    const { speaker, tree, session } = view;
    const summary = caseSummary(speaker, tree, session);
    const subject = speaker.t('troubleshoot:handoff.mailSubject', { name, symptom: symptomLabel(tree, session), reference: summary.reference });
    const html = summaryHtml(speaker, speaker.t('troubleshoot:handoff.mailIntro', { name }), summary);
    await this.deps.gateway.sendMail(caller, { to: this.deps.helpdeskUsers, subject, html });
  }

  /** A card per reachable helpdesk member, in their own language; returns how many were queued. */
  private async notifyHelpdesk(caller: Caller, session: TroubleshootSession, requester: { name: string; address: string }): Promise<number> {
    let queued = 0;
    for (const address of this.deps.helpdeskUsers) {
      const member = await settle(this.deps.gateway.resolvePerson(caller, { address }));
      const memberId = member.ok ? member.value.id : undefined;
      const recipient = memberId ? await this.deps.notifier.reachable(memberId) : undefined;
      if (!memberId || !recipient) continue;
      const view = { speaker: recipient, tree: this.deps.trees.in(recipient.locale), session };
      const card = handoffCard(view, {
        title: recipient.t('troubleshoot:handoff.teamsTitle', { name: requester.name }),
        text: requester.address ? recipient.t('troubleshoot:handoff.teamsDiagnoseHint', { address: requester.address }) : '',
        canSend: false,
      });
      await this.deps.notifier.notify(memberId, [cardReply(card)], { dedupeKey: `troubleshoot-handoff:${session.id}:${memberId}` });
      queued += 1;
    }
    return queued;
  }
}

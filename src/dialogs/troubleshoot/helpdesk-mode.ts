import { settle, reasonOf } from '../../troubleshoot/check-report';
import type { HelpdeskAuditEntry } from '../../troubleshoot/helpdesk-audit';
import type { Clock } from '../../clock';
import type { Caller } from '../caller';
import { errorReplies } from '../error-reply';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { helpdeskSendData } from './card-data';
import { diagnoseCard } from './diagnose-card';
import { permissionsInGraph } from './graph-permissions';
import { caseCardFor, fixFrom, fixKey } from './helpdesk-fix';
import type { TroubleshootDeps } from './troubleshoot-deps';
import { addressTokens, isAddressToken } from '../../text/user-text';

/** One address and nothing around it (checked by token: linear, whatever was typed). */
const addressPattern = { test: (text: string) => addressTokens(text)[0] === text && isAddressToken(text) };

/**
 * Helpdesk mode: people listed in `helpdeskUsers` look at someone's sharing state (`/diagnose address`)
 * and send them the right troubleshooting card. Membership is checked on every use from the caller's own
 * mailbox address (never from card data), and every use, allowed or refused, is audited.
 */
export class HelpdeskMode {
  constructor(private readonly deps: TroubleshootDeps) {}

  async diagnose(caller: Caller, args: string): Promise<Reply[]> {
    const { audit, gateway, records } = this.deps;
    const typed = args.trim();
    let targetAddress = typed.includes('@') ? typed.split(/\s+/)[0]?.toLowerCase() : undefined;
    const actor = await this.actor(caller);
    const base = { actorUserId: caller.userId, actorAddress: actor.address, action: 'diagnose' as const, targetAddress };
    if (!actor.ok) {
      await audit.record({ ...base, outcome: 'failed', detail: reasonOf(actor.error) });
      return errorReplies(caller, actor.error);
    }
    if (!actor.helpdesk) {
      await audit.record({ ...base, outcome: 'refused' });
      return [textReply(caller.t('troubleshoot:helpdesk.refused'))];
    }
    // A name ("/diagnostiquer Megan") is looked up in the directory; it must name exactly one person.
    if (!targetAddress && typed && typed.length <= 80) {
      const people = await settle(gateway.findPeople(caller, { query: typed, limit: 5 }));
      const matches = people.ok ? people.value : [];
      if (matches.length > 1) return [textReply(caller.t('troubleshoot:person.several', { query: typed, names: matches.map((p) => `${p.displayName} (${p.address})`).join(', ') }))];
      if (matches.length === 0) {
        await audit.record({ ...base, targetAddress: typed.toLowerCase(), outcome: 'notFound', detail: 'name' });
        return [textReply(caller.t('troubleshoot:person.notFound', { query: typed }))];
      }
      targetAddress = matches[0].address.toLowerCase();
    }
    if (!targetAddress || !addressPattern.test(targetAddress)) {
      await audit.record({ ...base, outcome: 'invalid' });
      return [textReply(caller.t('troubleshoot:helpdesk.usage'))];
    }
    const found = await settle(gateway.resolvePerson(caller, { address: targetAddress }));
    if (!found.ok) {
      const reason = reasonOf(found.error);
      const notFound = reason === 'notFound' || reason === 'invalidRequest';
      await audit.record({ ...base, outcome: notFound ? 'notFound' : 'failed', detail: reason });
      return notFound ? [textReply(caller.t('troubleshoot:helpdesk.notFound', { address: targetAddress }))] : errorReplies(caller, found.error);
    }
    const person = found.value;
    if (!person.isInsideOrganization || !person.id) {
      await audit.record({ ...base, outcome: 'notFound', detail: 'external' });
      return [textReply(caller.t('troubleshoot:helpdesk.external', { address: targetAddress }))];
    }
    const [subscriptions, invitations, shares, cases, recipient, inGraph] = await Promise.all([
      records.subscriptionsOf(person.id),
      records.pendingInvitationsFor(person.id),
      records.sharesBy(person.id),
      this.deps.sessions.recentFor(person.id, 3),
      this.deps.notifier.reachable(person.id),
      permissionsInGraph(gateway, { id: person.id, address: person.address }),
    ]);
    const entry = await audit.record({ ...base, targetUserId: person.id, outcome: 'shown', detail: person.displayName });
    const state = { person, reachable: recipient !== undefined, subscriptions, invitations, shares, cases, inGraph };
    const parked = this.deps.parkedWork ? [await this.deps.parkedWork(caller, person.id)] : [];
    return [cardReply(diagnoseCard(caller, this.deps.trees.in(caller.locale), state, entry.id)), ...parked];
  }

  /** "Send the card" on a diagnose card: a new case for the person, started on their side, in their language. */
  async sendCard(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const { audit, notifier, trees } = this.deps;
    const parsed = helpdeskSendData.safeParse(raw);
    if (!parsed.success) return { replies: [textReply(caller.t('troubleshoot:errors.invalid'))] };
    const data = parsed.data;
    const diagnosis = await audit.get(data.diagnosisId);
    const actor = await this.actor(caller);
    const base = {
      actorUserId: caller.userId,
      actorAddress: actor.address,
      action: 'sendCard' as const,
      reference: data.diagnosisId,
      targetAddress: diagnosis?.targetAddress,
      targetUserId: diagnosis?.targetUserId,
    };
    if (!actor.ok) {
      await audit.record({ ...base, outcome: 'failed', detail: reasonOf(actor.error) });
      return { replies: errorReplies(caller, actor.error) };
    }
    if (!actor.helpdesk) {
      await audit.record({ ...base, outcome: 'refused' });
      return { replies: [textReply(caller.t('troubleshoot:helpdesk.refused'))] };
    }
    // The diagnose must be this helpdesk member's own: a forwarded card does not let someone else act.
    if (!diagnosis || !isShownDiagnosis(diagnosis, caller.userId) || !diagnosis.targetUserId) {
      await audit.record({ ...base, outcome: 'refused', detail: 'stale' });
      return { replies: [textReply(caller.t('troubleshoot:helpdesk.stale'))] };
    }
    const targetUserId = diagnosis.targetUserId;
    const name = diagnosis.detail ?? diagnosis.targetAddress ?? '';
    const symptom = data.symptom ? trees.in('en').symptom(data.symptom) : undefined;
    const fix = fixFrom(data.fix, trees.in('en'));
    if (!symptom || !fix) {
      await audit.record({ ...base, outcome: 'invalid' });
      return { replies: [textReply(caller.t(symptom ? 'troubleshoot:helpdesk.fix.invalid' : 'troubleshoot:helpdesk.missingSymptom'))] };
    }
    const key = fixKey(fix, symptom);
    const already = await audit.sentFrom(data.diagnosisId);
    if (already.some((entry) => entry.detail?.startsWith(key))) {
      await audit.record({ ...base, outcome: 'alreadySent', detail: key });
      return { replies: [textReply(caller.t('troubleshoot:helpdesk.alreadySent', { name }))] };
    }
    const recipient = await notifier.reachable(targetUserId);
    if (!recipient) {
      await audit.record({ ...base, outcome: 'unreachable' });
      return { replies: [textReply(caller.t('troubleshoot:helpdesk.unreachable', { name }))] };
    }
    if (fix.kind === 'resend') {
      // A prepared action: the invitation card again, if it still waits for this very person.
      const resent = (await this.deps.resendInvitation?.(fix.invitationId, targetUserId, `troubleshoot-helpdesk:${data.diagnosisId}:${key}`)) ?? false;
      await audit.record({ ...base, outcome: resent ? 'sent' : 'invalid', detail: resent ? `${key}sent` : `${key}notPending` });
      return { replies: [textReply(caller.t(resent ? 'troubleshoot:helpdesk.fix.resent' : 'troubleshoot:helpdesk.fix.notPending', { name }))] };
    }
    const personAddress = data.person.trim().toLowerCase();
    const { card, sessionId } = await caseCardFor(this.deps, {
      targetUserId,
      recipient,
      symptom,
      fix,
      ...(addressPattern.test(personAddress) && { person: { address: personAddress, name: personAddress } }),
      ...(data.client && { clientId: data.client }),
      startedBy: caller.userId,
      note: recipient.t('troubleshoot:start.helpdeskIntro', { name: caller.name || actor.address }),
    });
    const dedupe = fix.kind === 'step' ? `${symptom.id}:${fix.node.id}` : symptom.id;
    await notifier.notify(targetUserId, [cardReply(card)], { dedupeKey: `troubleshoot-helpdesk:${data.diagnosisId}:${dedupe}` });
    await audit.record({ ...base, outcome: 'sent', detail: `${key.replace(/session=$/, '')}session=${sessionId}` });
    return { replies: [textReply(caller.t('troubleshoot:helpdesk.sent', { name }))] };
  }

  /** Who is acting, from their own mailbox: helpdesk membership is decided by address, as configured. */
  private async actor(caller: Caller): Promise<{ ok: true; address: string; helpdesk: boolean } | { ok: false; address: undefined; error: unknown }> {
    const me = await settle(this.deps.gateway.getMe(caller, { fresh: true }));
    if (!me.ok) return { ok: false, address: undefined, error: me.error };
    const address = me.value.address.toLowerCase();
    return { ok: true, address, helpdesk: this.deps.helpdeskUsers.includes(address) };
  }
}

/**
 * Whether the caller is on the helpdesk, from their own mailbox address (the profile is cached a few
 * minutes). With no helpdesk configured, nobody is, and Graph is not asked.
 */
/** A membership answer is kept this long per person: `/help` is the commonest turn, and a failed read is not retried on each. */
const membershipMaxAgeMs = 5 * 60_000;
const maxRemembered = 10_000;

/**
 * Whether the caller is on the helpdesk, from their own mailbox address (never from card data). Each answer is
 * kept five minutes per person; an unreadable profile counts as "not on the helpdesk" until then.
 */
export function helpdeskMembership(gateway: Pick<TroubleshootDeps['gateway'], 'getMe'>, helpdeskUsers: readonly string[], clock: Clock): (caller: Caller) => Promise<boolean> {
  const members = new Set(helpdeskUsers.map((address) => address.toLowerCase()));
  const known = new Map<string, { member: boolean; at: number }>();
  return async (caller) => {
    if (members.size === 0) return false;
    const now = clock.now().getTime();
    const remembered = known.get(caller.userId);
    if (remembered && now - remembered.at >= 0 && now - remembered.at < membershipMaxAgeMs) return remembered.member;
    const me = await settle(gateway.getMe(caller));
    const member = me.ok && members.has(me.value.address.toLowerCase());
    known.delete(caller.userId);
    known.set(caller.userId, { member, at: now });
    if (known.size > maxRemembered) known.delete(known.keys().next().value as string);
    return member;
  };
}

function isShownDiagnosis(entry: HelpdeskAuditEntry, actorUserId: string): boolean {
  return entry.action === 'diagnose' && entry.outcome === 'shown' && entry.actorUserId === actorUserId;
}

import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import { checkEwsInput, type EwsUrlCheck } from '../../troubleshoot/ews-url';
import type { TroubleshootSession } from '../../troubleshoot/session-store';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, textReply } from '../reply';
import { ewsData } from './card-data';
import { currentCard, viewOf } from './case-loader';
import type { Speaker } from './case-text';
import type { TroubleshootDeps } from './troubleshoot-deps';

/**
 * The EWS helper card: explains the address format, builds it from an email address or a server name,
 * and says what was wrong with what was typed. It never asks for a password; what is typed is neither
 * stored nor logged, and is not shown again when it held credentials.
 */
export class EwsHelperDialog {
  constructor(private readonly deps: TroubleshootDeps) {}

  async handle(caller: Caller, raw: Record<string, unknown>): Promise<ActionResult> {
    const parsed = ewsData.safeParse(raw);
    if (!parsed.success) return { replies: [textReply(caller.t('troubleshoot:errors.invalid'))] };
    const { sessionId, step, ewsInput } = parsed.data;
    const session = sessionId ? await this.deps.sessions.get(sessionId) : undefined;
    const own = session && session.userId === caller.userId ? session : undefined;
    const speaker: Speaker = own ? viewOf(this.deps, own).speaker : caller;
    if (step === 'check') return { card: ewsCard(speaker, own, checkEwsInput(ewsInput, this.deps), ewsInput) };
    // Opened from a step card: that card stays as it is, the helper comes as a new message under it.
    const helper = cardReply(ewsCard(speaker, own, undefined, own?.checks?.vars.address ?? ''));
    if (!own) return { replies: [helper] };
    const stays = currentCard(this.deps, viewOf(this.deps, own));
    return { ...stays, replies: [...(stays.replies ?? []), helper] };
  }
}

/** The helper card, with the result of the last check when there is one. */
export function ewsCard(speaker: Speaker, session: TroubleshootSession | undefined, result: EwsUrlCheck | undefined, typed: string): AdaptiveCardJson {
  const { t } = speaker;
  const notes = result
    ? [
        ...result.problems.map((problem) => t(`troubleshoot:ews.problems.${problem}`)),
        ...(result.guessed ? [t('troubleshoot:ews.guessed')] : []),
        ...(result.exchangeOnline ? [t('troubleshoot:ews.exchangeOnlineNote')] : []),
      ]
    : [];
  const resultText = !result ? '' : result.alreadyCorrect ? t('troubleshoot:ews.correct') : result.url ? t('troubleshoot:ews.result') : t('troubleshoot:ews.none');
  // A typed value with a password in it is never sent back to the client.
  const value = result?.problems.includes('credentials') ? (result.url ?? '') : typed;
  return renderCard('troubleshoot-ews', {
    title: t('troubleshoot:ews.title'),
    intro: t('troubleshoot:ews.intro'),
    hasResult: result !== undefined,
    resultStyle: result?.url ? 'good' : 'attention',
    resultText,
    hasUrl: Boolean(result?.url),
    url: result?.url ?? '',
    notes: notes.map((text) => ({ text })),
    inputLabel: t('troubleshoot:ews.inputLabel'),
    placeholder: t('troubleshoot:ews.placeholder'),
    value,
    noPassword: t('troubleshoot:ews.noPassword'),
    // Exchange Online first: the organisation is in Microsoft 365; the on-premises form and the facts after.
    hints: ['office365', 'onPremises', 'versions', 'where'].map((key) => ({ text: t(`troubleshoot:ews.${key}`) })),
    check: t('troubleshoot:ews.check'),
    data: { verb: Verb.TroubleshootEws, step: 'check', ...(session && { sessionId: session.id }) },
  });
}

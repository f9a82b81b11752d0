import { z } from 'zod';
import type { SnapshotDraft } from '../../snapshot/snapshot-draft';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { shareNoticeCard } from '../share/card-kit';
import type { SnapshotFeatureDeps } from './snapshot-deps';
import { levelFor, limitCard, ownerOf, previewOf, recipientText } from './snapshot-preview';

const draftRef = z.object({ draftId: z.string().uuid() });
const adjustment = draftRef.extend({ range: z.enum(['today', 'tomorrow', 'next7']).optional(), level: z.enum(['freeBusyRead', 'limitedRead']).optional() });

const say = (caller: Caller, key: string): ActionResult => ({ replies: [textReply(caller.t(key))] });

/** The draft a button names, when the clicker owns it and it is still open; otherwise why not. */
async function openDraft(deps: SnapshotFeatureDeps, caller: Caller, draftId: string): Promise<SnapshotDraft | ActionResult> {
  const draft = await deps.drafts.get(draftId);
  if (!draft) return say(caller, 'errors.unknownAction');
  // Card data is never proof of identity: a forwarded preview does not let anyone else send it.
  if (draft.ownerUserId !== caller.userId) return say(caller, 'snapshot:notYours');
  if (draft.status === 'sent') return say(caller, 'snapshot:alreadySent');
  if (draft.status === 'sending') return say(caller, 'snapshot:sending');
  if (draft.status === 'cancelled') return say(caller, 'snapshot:cancelled');
  if (deps.drafts.isExpired(draft)) return say(caller, 'snapshot:expired');
  return draft;
}

const isDraft = (value: SnapshotDraft | ActionResult): value is SnapshotDraft => 'ownerUserId' in value;

/**
 * Sends the previewed snapshot from the owner's mailbox. The draft is claimed first (one mail for a
 * double click); the calendar is read again so the mail is current; any limit or Graph failure puts
 * the draft back, with nothing sent.
 */
export async function sendSnapshot(deps: SnapshotFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const ref = draftRef.safeParse(data);
  if (!ref.success) return say(caller, 'errors.unknownAction');
  const draft = await openDraft(deps, caller, ref.data.draftId);
  if (!isDraft(draft)) return draft;
  if (!(await deps.drafts.move(draft.id, 'open', 'sending'))) return say(caller, 'snapshot:alreadySent');
  try {
    const built = await deps.builder.build(ownerOf(caller), draft);
    if (!built.ok) {
      await deps.drafts.move(draft.id, 'sending', 'open');
      return built.problem.kind === 'range' ? say(caller, `snapshot:rangeProblems.${built.problem.problem}`) : { card: limitCard(caller, draft, built.problem) };
    }
    const { snapshot } = built;
    await deps.gateway.sendMail(
      { userId: caller.userId },
      {
        to: draft.recipients.map((recipient) => recipient.address),
        subject: snapshot.subject,
        html: snapshot.html,
        attachment: { name: snapshot.fileName, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', base64: Buffer.from(snapshot.ics, 'utf8').toString('base64') },
      },
    );
    await deps.drafts.move(draft.id, 'sending', 'sent');
    deps.logger?.info({ draftId: draft.id, events: snapshot.count, recipients: draft.recipients.length }, 'calendar snapshot sent');
    return {
      card: shareNoticeCard({
        title: caller.t('snapshot:sent.title'),
        paragraphs: [
          caller.t('snapshot:sent.text', { count: snapshot.count, calendar: draft.calendar.name, level: caller.t(`snapshot:levels.${draft.level}.label`) }),
          draft.recipients.map((recipient) => recipientText(caller, recipient)).join(', '),
        ],
      }),
    };
  } catch (error) {
    await deps.drafts.move(draft.id, 'sending', 'open');
    throw error;
  }
}

/** A shorter range or less detail, from the limit card; the preview is made again. */
export async function adjustSnapshot(deps: SnapshotFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const parsed = adjustment.safeParse(data);
  if (!parsed.success) return say(caller, 'errors.unknownAction');
  const draft = await openDraft(deps, caller, parsed.data.draftId);
  if (!isDraft(draft)) return draft;
  const requestedLevel = parsed.data.level ?? draft.requestedLevel;
  const revised: SnapshotDraft = { ...draft, range: parsed.data.range ?? draft.range, requestedLevel, level: levelFor(requestedLevel, draft.recipients) };
  if (!(await deps.drafts.revise(revised))) return say(caller, 'snapshot:alreadySent');
  return previewOf(deps, caller, revised);
}

export async function cancelSnapshot(deps: SnapshotFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const ref = draftRef.safeParse(data);
  if (!ref.success) return say(caller, 'errors.unknownAction');
  const draft = await openDraft(deps, caller, ref.data.draftId);
  if (!isDraft(draft)) return draft;
  await deps.drafts.move(draft.id, 'open', 'cancelled');
  return { card: shareNoticeCard({ title: caller.t('snapshot:cancelledTitle'), paragraphs: [caller.t('snapshot:cancelled')] }) };
}

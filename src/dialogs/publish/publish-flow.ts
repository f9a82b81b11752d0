import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import { publishableLevels } from '../../publishing/publishing-policy';
import { resolveTimeZone } from '../../time/zoned-time';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { cardReply, textReply, type Reply } from '../reply';
import { button, shareNoticeCard } from '../share/card-kit';
import { ownCalendars } from '../snapshot/snapshot-form';
import type { PublishFeatureDeps } from './publish-deps';
import { levelName, linksCard, publishFormCard } from './publish-cards';

const createInput = z.object({ calendarId: z.string().min(1).max(1024), level: z.enum(['freeBusyRead', 'limitedRead', 'read']) });

async function formCard(deps: PublishFeatureDeps, caller: Caller, prefill: { calendarId?: string; error?: string } = {}) {
  const { t } = caller;
  const levels = publishableLevels(deps.policy);
  const calendars = await ownCalendars(deps, caller);
  if (calendars.length === 0) return undefined;
  return publishFormCard(caller, {
    title: t('publish:form.title'),
    paragraphs: [t('publish:form.intro'), t('publish:form.anyone')],
    calendars: calendars.map((calendar) => ({ id: calendar.id, name: calendar.isDefault ? t('share:form.primary', { name: calendar.name }) : calendar.name })),
    calendarValue: prefill.calendarId,
    levels,
    levelValue: levels[0],
    cap: levels[levels.length - 1],
    error: prefill.error,
    buttons: [button(t('publish:form.publish'), Verb.PublishCreate, {}, 'positive')],
  });
}

/** /publish: the policy first (publishing may be off), then the calendar and level. */
export async function openPublishForm(deps: PublishFeatureDeps, caller: Caller): Promise<Reply[]> {
  if (publishableLevels(deps.policy).length === 0) return [textReply(caller.t('publish:disabled'))];
  const card = await formCard(deps, caller);
  return card ? [cardReply(card)] : [textReply(caller.t('snapshot:form.noCalendars'))];
}

/** Publishes one of the caller's calendars at an allowed level and shows its links, once. */
export async function createPublication(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const { t } = caller;
  const levels = publishableLevels(deps.policy);
  if (levels.length === 0) return { replies: [textReply(t('publish:disabled'))] };
  const parsed = createInput.safeParse(data);
  const calendarId = typeof data.calendarId === 'string' ? data.calendarId : undefined;
  if (!parsed.success) return { card: await formCard(deps, caller, { calendarId, error: t('snapshot:form.invalid') }) };
  if (!levels.includes(parsed.data.level)) {
    return { card: await formCard(deps, caller, { calendarId, error: t('publish:levelNotAllowed', { level: levelName(caller, levels[levels.length - 1]) }) }) };
  }
  const calendar = (await ownCalendars(deps, caller)).find((candidate) => candidate.id === parsed.data.calendarId);
  if (!calendar) return { card: await formCard(deps, caller, { error: t('snapshot:form.notYourCalendar') }) };
  const existing = (await deps.publications.listActiveForOwner(caller.userId)).find((publication) => !publication.recipient && publication.calendar.id === calendar.id);
  if (existing) {
    return {
      card: shareNoticeCard({
        title: t('publish:already.title'),
        paragraphs: [t('publish:already.text', { calendar: calendar.name, level: levelName(caller, existing.level) })],
        buttons: [button(t('publish:rotate'), Verb.PublishRotate, { publicationId: existing.id }), button(t('publish:changeLevel'), Verb.PublishChange, { publicationId: existing.id })],
      }),
    };
  }
  const me = await deps.gateway.getMe({ userId: caller.userId });
  const zone = resolveTimeZone(me.timeZone) ?? resolveTimeZone(caller.timeZone) ?? 'UTC';
  const { publication, token } = await deps.publications.create({
    owner: { userId: caller.userId, name: me.displayName || caller.name, locale: caller.locale, zone },
    calendar: { id: calendar.id, name: calendar.name },
    level: parsed.data.level,
  });
  deps.logger?.info({ publication: publication.id, level: publication.level }, 'calendar published');
  return { card: linksCard(caller, publication, token, deps.linkBase(), t('publish:links.title')) };
}

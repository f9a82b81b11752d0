import { z } from 'zod';
import { Verb } from '../../cards/verbs';
import type { Publication } from '../../publishing/publication-store';
import { roleLabel } from '../../sharing/roles';
import { publishableLevels } from '../../publishing/publishing-policy';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { textReply } from '../reply';
import { button, shareNoticeCard } from '../share/card-kit';
import type { PublishFeatureDeps } from './publish-deps';
import { levelName, linksCard, publishFormCard } from './publish-cards';
import { formatDate } from '../../i18n/dates';

const ref = z.object({ publicationId: z.string().uuid() });
const levelChange = ref.extend({ level: z.enum(['freeBusyRead', 'limitedRead', 'read']) });

/** An entry of the /permissions card: what /permissions-list renders for a person, here for a link. */
export interface LinkEntry {
  title: string;
  detail: string;
  buttons: ReturnType<typeof button>[];
}

function when(caller: Caller, iso: string): string {
  return formatDate(caller.locale, new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: caller.timeZone ?? 'UTC' });
}

/** The caller's published links for /permissions, next to the people: level, creation, last fetch, actions. */
export async function publishedLinkEntries(deps: Pick<PublishFeatureDeps, 'publications'>, caller: Caller): Promise<LinkEntry[]> {
  const { t } = caller;
  const publications = await deps.publications.listActiveForOwner(caller.userId);
  return publications.map((publication) => {
    // A personal link is named like the share it goes with ("Titles and places"), a public one like Outlook's publishing levels.
    const level = publication.recipient ? roleLabel(t, publication.level) : levelName(caller, publication.level);
    const ids = { publicationId: publication.id };
    return {
      title: publication.recipient
        ? t('publish:entry.personal', { calendar: publication.calendar.name, name: publication.recipient.name, level })
        : t('publish:entry.public', { calendar: publication.calendar.name, level }),
      detail: t('publish:entry.detail', {
        created: when(caller, publication.createdAt),
        fetched: publication.lastFetchedAt ? when(caller, publication.lastFetchedAt) : t('publish:entry.never'),
      }),
      // A personal link follows its share: its level changes with the person's entry above.
      buttons: [
        ...(publication.recipient ? [] : [button(t('publish:changeLevel'), Verb.PublishChange, ids)]),
        button(t('publish:rotate'), Verb.PublishRotate, ids),
        button(t('publish:stop'), Verb.PublishStop, ids, 'destructive'),
      ],
    };
  });
}

/** The link a button names, when the clicker owns it and it is active; otherwise the answer to give. */
async function ownedLink(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<Publication | ActionResult> {
  const parsed = ref.safeParse(data);
  const publication = parsed.success ? await deps.publications.get(parsed.data.publicationId) : undefined;
  if (!publication) return { replies: [textReply(caller.t('errors.unknownAction'))] };
  if (publication.owner.userId !== caller.userId) return { replies: [textReply(caller.t('publish:notYours'))] };
  if (publication.status !== 'active') return { replies: [textReply(caller.t('publish:alreadyStopped'))] };
  return publication;
}

const isLink = (value: Publication | ActionResult): value is Publication => 'owner' in value;

/** The levels a link may get: the publishing policy, and for a personal link the sharing cap it was given. */
export type LevelsFor = (publication: Publication) => ReturnType<typeof publishableLevels>;

export async function askLevelChange(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>, levelsFor: LevelsFor): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  const levels = levelsFor(publication);
  return {
    card: publishFormCard(caller, {
      title: caller.t('publish:change.title', { calendar: publication.calendar.name }),
      paragraphs: [caller.t('publish:change.text', { level: levelName(caller, publication.level) })],
      calendars: [],
      levels,
      levelValue: levels.includes(publication.level) ? publication.level : levels[0],
      cap: levels[levels.length - 1],
      buttons: [button(caller.t('publish:change.save'), Verb.PublishChangeConfirm, { publicationId: publication.id }, 'positive'), button(caller.t('publish:back'), Verb.PermissionsShow)],
    }),
  };
}

export async function confirmLevelChange(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>, levelsFor: LevelsFor, onChanged?: (publication: Publication) => Promise<void>): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  const parsed = levelChange.safeParse(data);
  const levels = levelsFor(publication);
  if (!parsed.success || !levels.includes(parsed.data.level)) return { replies: [textReply(caller.t('publish:levelNotAllowed', { level: levelName(caller, levels[levels.length - 1] ?? 'freeBusyRead') }))] };
  await deps.publications.changeLevel(publication.id, parsed.data.level);
  const changed = { ...publication, level: parsed.data.level };
  await onChanged?.(changed);
  return { card: shareNoticeCard({ title: caller.t('publish:change.done', { calendar: publication.calendar.name, level: levelName(caller, parsed.data.level) }), buttons: [button(caller.t('publish:back'), Verb.PermissionsShow)] }) };
}

export async function askRotate(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  return {
    card: shareNoticeCard({
      title: caller.t('publish:rotateAsk.title', { calendar: publication.calendar.name }),
      paragraphs: [caller.t(publication.recipient ? 'publish:rotateAsk.personal' : 'publish:rotateAsk.text', { name: publication.recipient?.name ?? '' })],
      buttons: [button(caller.t('publish:rotate'), Verb.PublishRotateConfirm, { publicationId: publication.id }, 'destructive'), button(caller.t('publish:back'), Verb.PermissionsShow)],
    }),
  };
}

export async function confirmRotate(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>, onRotated?: (publication: Publication, token: string) => Promise<void>): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  const token = await deps.publications.rotate(publication.id);
  if (!token) return { replies: [textReply(caller.t('publish:alreadyStopped'))] };
  deps.logger?.info({ publication: publication.id }, 'published link rotated');
  if (publication.recipient && onRotated) {
    await onRotated(publication, token);
    return { card: shareNoticeCard({ title: caller.t('publish:rotated.personal', { name: publication.recipient.name }), buttons: [button(caller.t('publish:back'), Verb.PermissionsShow)] }) };
  }
  return { card: linksCard(caller, publication, token, deps.linkBase(), caller.t('publish:rotated.title')) };
}

export async function askStop(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  return {
    card: shareNoticeCard({
      title: caller.t('publish:stopAsk.title', { calendar: publication.calendar.name }),
      paragraphs: [caller.t('publish:stopAsk.text')],
      buttons: [button(caller.t('publish:stop'), Verb.PublishStopConfirm, { publicationId: publication.id }, 'destructive'), button(caller.t('publish:back'), Verb.PermissionsShow)],
    }),
  };
}

export async function confirmStop(deps: PublishFeatureDeps, caller: Caller, data: Record<string, unknown>): Promise<ActionResult> {
  const publication = await ownedLink(deps, caller, data);
  if (!isLink(publication)) return publication;
  await deps.publications.stop(publication.id);
  deps.logger?.info({ publication: publication.id }, 'published link stopped');
  return { card: shareNoticeCard({ title: caller.t('publish:stopped', { calendar: publication.calendar.name }), buttons: [button(caller.t('publish:back'), Verb.PermissionsShow)] }) };
}

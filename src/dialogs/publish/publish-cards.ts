import { renderCard, type AdaptiveCardJson } from '../../cards/render-card';
import type { DetailLevel } from '../../ical/ics-event';
import { feedLinks } from '../../publishing/feed-token';
import type { Publication } from '../../publishing/publication-store';
import type { Caller } from '../caller';
import { commandButton, shareNoticeCard, type CardButton } from '../share/card-kit';
import { levelChoice } from '../snapshot/snapshot-form';

export const levelName = (caller: Caller, level: DetailLevel): string => caller.t(`snapshot:levels.${level}.label`);

/** The form of /publish, or of a level change (no calendars then). */
export function publishFormCard(
  caller: Caller,
  input: { title: string; paragraphs: string[]; calendars: Array<{ id: string; name: string }>; calendarValue?: string; levels: DetailLevel[]; levelValue: DetailLevel; cap: DetailLevel; error?: string; buttons: CardButton[] },
): AdaptiveCardJson {
  const { t } = caller;
  return renderCard('publish-form', {
    title: input.title,
    paragraphs: input.paragraphs,
    calendarLabel: t('snapshot:form.calendarLabel'),
    calendars: input.calendars,
    calendarValue: input.calendarValue ?? input.calendars[0]?.id ?? '',
    levelLabel: t('snapshot:form.levelLabel'),
    levelValue: input.levelValue,
    levels: input.levels.map((level) => levelChoice(caller, level)),
    cap: t('publish:cap', { level: levelName(caller, input.cap) }),
    error: input.error ?? '',
    buttons: input.buttons,
  });
}

/** The links of a new (or rotated) publication: shown once, the bot keeps only their fingerprint. */
export function linksCard(caller: Caller, publication: Publication, token: string, linkBase: string, title: string): AdaptiveCardJson {
  const { t } = caller;
  const links = feedLinks(linkBase, token);
  return shareNoticeCard({
    title,
    paragraphs: [
      t('publish:links.text', { calendar: publication.calendar.name, level: levelName(caller, publication.level) }),
      t('publish:links.https', { link: links.https }),
      t('publish:links.webcal', { link: links.webcal }),
      t('publish:links.keep'),
    ],
    buttons: [commandButton(t('publish:links.manage'), 'permissions')],
  });
}

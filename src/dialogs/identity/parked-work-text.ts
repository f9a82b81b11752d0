import type { ParkedJob, ParkedJobStore } from '../../jobs/parked-job-store';
import type { Locale, Translate } from '../../i18n';
import { textReply, type Reply } from '../reply';

interface Speaker {
  t: Translate;
  locale: Locale;
}

/** The plain-words reason of a parked job, for its owner and the helpdesk. */
function reasonText(t: Translate, reason: string): string {
  if (reason === 'AppIdentityNotConfigured') return t('identity:parked.reasonMissing');
  if (reason === 'forbidden') return t('identity:parked.reasonRefused');
  return t('identity:parked.reasonSignIn');
}

function describe(t: Translate, job: ParkedJob): string {
  const what = t(`identity:parked.what.${job.kind}`, { calendar: job.calendarName, recipient: job.recipient });
  return t('identity:parked.item', { what, reason: reasonText(t, job.reason), attempts: job.attempts });
}

/**
 * Told once at the owner's next message: what background work on their shares waits for the app
 * identity, why, and that it is retried (then what to ask their IT for).
 */
export function parkedWorkNotices(parked: ParkedJobStore) {
  return async (caller: Speaker & { userId: string }): Promise<Reply[]> => {
    const jobs = await parked.takeUntold(caller.userId);
    if (jobs.length === 0) return [];
    const { t } = caller;
    const lines = jobs.map((job) => `- ${describe(t, job)}`);
    return [textReply([`**${t('identity:parked.title')}**`, t('identity:parked.intro'), ...lines, t('identity:parked.next')].join('\n\n'))];
  };
}

/** The helpdesk's view of a person's parked work in /diagnose. */
export async function parkedWorkForHelpdesk(parked: ParkedJobStore, speaker: Speaker, userId: string): Promise<Reply> {
  const jobs = await parked.listFor(userId);
  const { t, locale } = speaker;
  if (jobs.length === 0) return textReply(t('identity:diagnose.none'));
  const when = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' });
  const lines = jobs.map((job) =>
    t('identity:diagnose.line', {
      what: t(`identity:parked.what.${job.kind}`, { calendar: job.calendarName, recipient: job.recipient }),
      reason: reasonText(t, job.reason),
      attempts: job.attempts,
      next: `${when.format(new Date(job.nextAttemptAt))} UTC`,
    }),
  );
  return textReply([`**${t('identity:diagnose.title')}**`, ...lines.map((line) => `- ${line}`)].join('\n\n'));
}

import { renderCard } from '../../cards/render-card';
import { Verb } from '../../cards/verbs';
import type { AuditEntry } from '../../sharing/audit-store';
import { roleLabel } from '../../sharing/roles';
import type { Caller } from '../caller';
import type { ActionResult } from '../feature';
import { button } from '../share/card-kit';
import type { ShareFeatureDeps } from '../share/feature-deps';
import { formatDate } from '../../i18n/dates';

/** When a change happened, in the viewer's own time zone (their Teams client's), else UTC; the zone is named. */
function when(caller: Caller, iso: string): string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  try {
    return formatDate(caller.locale, new Date(iso), { ...options, timeZone: caller.timeZone ?? 'UTC' });
  } catch {
    // A zone this runtime does not know (the client sends what it likes).
    return formatDate(caller.locale, new Date(iso), { ...options, timeZone: 'UTC' });
  }
}

function sentence(caller: Caller, entry: AuditEntry): string {
  const { t } = caller;
  const name = entry.recipientName || entry.recipientAddress || t('permissions:organization');
  const vars = {
    name,
    calendar: entry.calendarName,
    level: entry.role ? roleLabel(t, entry.role) : '',
    previous: entry.previousRole ? roleLabel(t, entry.previousRole) : '',
  };
  return t(`permissions:historyCard.actions.${entry.action}`, vars);
}

/** The audit log of the caller's calendars: every change, who made it, when, for whom. */
export async function showHistory(deps: ShareFeatureDeps, caller: Caller): Promise<ActionResult> {
  const { t } = caller;
  const entries = await deps.audit.listForOwner(caller.userId, 25);
  return {
    card: renderCard('permissions-history', {
      title: t('permissions:historyCard.title'),
      intro: entries.length > 0 ? t('permissions:historyCard.intro') : t('permissions:historyCard.empty'),
      entries: entries.map((entry) => ({ when: when(caller, entry.at), text: sentence(caller, entry) })),
      buttons: [button(t('permissions:historyCard.back'), Verb.PermissionsShow)],
    }),
  };
}

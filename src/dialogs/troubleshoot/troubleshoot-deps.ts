import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { CaseChecks } from '../../troubleshoot/case-checks';
import type { HelpdeskAuditLog } from '../../troubleshoot/helpdesk-audit';
import type { TroubleshootSessionStore } from '../../troubleshoot/session-store';
import type { SharingRecordsReader } from '../../troubleshoot/sharing-records';
import type { TroubleshootTrees } from '../../troubleshoot/tree-loader';
import type { Caller } from '../caller';
import type { Notifier } from '../notifier';
import type { Locale, Translate } from '../../i18n';
import type { Reply } from '../reply';

/** Everything the troubleshooting assistant and helpdesk mode need, built once at start-up. */
export interface TroubleshootDeps {
  trees: TroubleshootTrees;
  sessions: TroubleshootSessionStore;
  checks: CaseChecks;
  gateway: Pick<CalendarGateway, 'findPeople' | 'getMe' | 'resolvePerson' | 'sendMail' | 'listMyCalendars' | 'listPermissionsForCalendars'>;
  records: SharingRecordsReader;
  notifier: Notifier;
  audit: HelpdeskAuditLog;
  /** Helpdesk members' email addresses, lower case (config `helpdeskUsers`). */
  helpdeskUsers: string[];
  /** The organisation's domains: its mailboxes are in Exchange Online (config `organization.domains`). */
  exchangeOnlineDomains: readonly string[];
  clock: Clock;
  logger: Logger;
  /** What a booking tool limited to the main calendar sees this week, next to all my calendars (free/busy feature). */
  bookingToolView?: (caller: Caller) => Promise<Reply[]>;
  /** Sends again the card of an invitation that still waits for this recipient (share feature); false when it no longer does. */
  resendInvitation?: (invitationId: string, recipientUserId: string, dedupeKey: string) => Promise<boolean>;
  /** Background work on hold for a person (issue 9), shown under /diagnose. */
  parkedWork?: (speaker: { t: Translate; locale: Locale }, userId: string) => Promise<Reply>;
}

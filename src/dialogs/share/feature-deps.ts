import type { AttemptLimiter } from '../../sharing/attempt-limiter';
import type { Clock } from '../../clock';
import type { Caller as GraphCaller, CalendarGateway, CalendarSummary, Person } from '../../graph/calendar-gateway';
import type { AuditStore } from '../../sharing/audit-store';
import type { InvitationAnswers } from '../../sharing/invitation-answers';
import type { InvitationStore } from '../../sharing/invitation-store';
import type { ShareDraftStore } from '../../sharing/share-draft';
import type { ShareService } from '../../sharing/share-service';
import type { SharingPolicy } from '../../sharing/sharing-policy';
import type { AccessRequestStore } from '../../subscriptions/access-request-store';
import type { Caller } from '../caller';
import type { CardButton } from './card-kit';
import type { Notifier } from '../notifier';
import type { Reply } from '../reply';

/** Looks a person up by directory object id: what the Teams people picker returns. */
export interface PersonDirectory {
  personById(caller: GraphCaller, params: { id: string }): Promise<Person | undefined>;
}

/** What the share and permissions dialogs need, built once in app-runtime. */
export interface ShareFeatureDeps {
  gateway: CalendarGateway;
  notifier: Notifier;
  drafts: ShareDraftStore;
  invitations: InvitationStore;
  audit: AuditStore;
  service: ShareService;
  answers: InvitationAnswers;
  policy: SharingPolicy;
  clock: Clock;
  /** Access requests a share can answer ("Share with Megan" on a request card). */
  accessRequests?: Pick<AccessRequestStore, 'get' | 'markGranted'>;
  /** When set, the share card offers the Teams people picker (its choices are object ids). */
  directory?: PersonDirectory;
  /** Wrong /accept codes per person; without it (tests of other things) there is no limit. */
  acceptAttempts?: AttemptLimiter;
  /** Published calendar links, listed by /permissions next to the people (the publish feature's). */
  /** People outside get a personal subscription link by email (EXTERNAL_SHARE_LINKS), else a code. */
  outsidersGetLinks?: boolean;
  publishedLinks?: (caller: Caller) => Promise<Array<{ title: string; detail: string; buttons: CardButton[] }>>;
  /**
   * After an accept: the card that adds the calendar to the recipient's Outlook (Graph cannot), with
   * each app's steps and a "Done" check (the calendars feature's).
   */
  outlookSteps?: (caller: Caller, calendar: { ownerAddress: string; calendarId: string }, outlookList?: CalendarSummary[]) => Promise<Reply[]>;
}

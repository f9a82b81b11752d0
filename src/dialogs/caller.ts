import type { Locale, Translate } from '../i18n';

/**
 * The person a turn is for, taken from the authenticated activity (never from card data).
 * `userId` is the Entra object id (aadObjectId): the key of every record and Graph token.
 */
export interface Caller {
  userId: string;
  tenantId: string;
  name: string;
  locale: Locale;
  t: Translate;
  /** The Teams user id (`29:...`, the activity's `from.id`): what Universal Actions' refresh.userIds wants. */
  mri: string;
  /** The IANA time zone of the user's Teams client (`activity.localTimezone`), when it said. */
  timeZone?: string;
}

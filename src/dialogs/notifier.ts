import type { Locale, Translate } from '../i18n';
import type { Reply } from './reply';

/** A person the bot can message in Teams, with the language they last used with it. */
export interface Recipient {
  userId: string;
  locale: Locale;
  t: Translate;
}

/**
 * Sends messages to a person outside the current turn, durably (outbox): a message queued is a
 * message delivered, across restarts and several bot instances, at most once per `dedupeKey`.
 */
export interface Notifier {
  /** The person if the bot can reach them in Teams (they have a 1:1 chat with the bot), else undefined. */
  reachable(userId: string): Promise<Recipient | undefined>;
  /** Queues replies for the person; a second call with the same dedupeKey does nothing. */
  notify(userId: string, replies: Reply[], options: { dedupeKey: string }): Promise<void>;
}

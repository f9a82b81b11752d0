import type { Locale, Translate } from '../i18n';
import type { Reply } from './reply';

/** A person the bot can message in Teams, with the language they last used with it. */
export interface Recipient {
  userId: string;
  locale: Locale;
  t: Translate;
}

/**
 * What a message is about, kept with it so that a feature can act when it cannot be delivered for
 * good (the person blocked or removed the app, the chat is gone): `kind` names the feature's
 * handler, `id` its record (an invitation id...).
 */
export interface UndeliverableRef {
  kind: string;
  id: string;
}

/** Runs when a message carrying `ref` could not be delivered for good; throwing asks for a retry later. */
export type UndeliverableHandler = (ref: UndeliverableRef) => Promise<void>;

export interface NotifyOptions {
  /** A second call with the same key does nothing. */
  dedupeKey: string;
  /** Handed to the handler registered for `kind` when the message cannot be delivered for good. */
  onUndeliverable?: UndeliverableRef;
}

/**
 * Sends messages to a person outside the current turn, durably (outbox): a message queued is a
 * message delivered, across restarts and several bot instances, at most once per `dedupeKey`.
 */
export interface Notifier {
  /** The person if the bot can reach them in Teams (they have a 1:1 chat with the bot), else undefined. */
  reachable(userId: string): Promise<Recipient | undefined>;
  /** Queues replies for the person; a second call with the same dedupeKey does nothing. */
  notify(userId: string, replies: Reply[], options: NotifyOptions): Promise<void>;
  /**
   * For what is sent another way (an email): records `dedupeKey` as used, in the same key space as
   * notify's; true only the first time, so that a step run again (recovery) does not send it twice.
   */
  once?(dedupeKey: string): Promise<boolean>;
  /** Registers what to do with undeliverable messages of one kind (one handler per kind). */
  whenUndeliverable?(kind: string, handler: UndeliverableHandler): void;
}

import type { UndeliverableHandler, UndeliverableRef } from '../dialogs/notifier';
import type { Reply } from '../dialogs/reply';

/** What an outbox row's payload holds: the replies, and what they are about (see UndeliverableRef). */
export interface OutboxPayload {
  replies: Reply[];
  onUndeliverable?: UndeliverableRef;
}

/** The payload as stored. Without a reference it stays a bare array, as rows queued before it were. */
export function encodePayload(payload: OutboxPayload): string {
  return JSON.stringify(payload.onUndeliverable ? payload : payload.replies);
}

export function decodePayload(text: string): OutboxPayload {
  const parsed = JSON.parse(text) as Reply[] | OutboxPayload;
  return Array.isArray(parsed) ? { replies: parsed } : parsed;
}

/**
 * The handlers features register for messages that cannot be delivered for good, per kind. Each
 * bot instance registers its own at start-up; the instance whose dispatcher gives up runs it.
 */
export class UndeliverableHandlers {
  private readonly handlers = new Map<string, UndeliverableHandler>();

  register(kind: string, handler: UndeliverableHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Runs the handler for `ref.kind`; false when none is registered. Errors go to the caller. */
  async handle(ref: UndeliverableRef): Promise<boolean> {
    const handler = this.handlers.get(ref.kind);
    if (!handler) return false;
    await handler(ref);
    return true;
  }
}

/**
 * At most `limit` requests in flight per mailbox; the next ones wait in order. Exchange allows 4 concurrent
 * requests per app per mailbox and answers the 5th with 429, so queueing here is cheaper than retrying.
 */
export class MailboxLimiter {
  private readonly mailboxes = new Map<string, { inFlight: number; waiting: Array<() => void> }>();

  constructor(readonly limit = 4) {}

  /** Resolves when the request may go; call the returned function exactly when it is done. */
  async acquire(mailbox: string): Promise<() => void> {
    let state = this.mailboxes.get(mailbox);
    if (!state) {
      state = { inFlight: 0, waiting: [] };
      this.mailboxes.set(mailbox, state);
    }
    if (state.inFlight < this.limit) {
      state.inFlight += 1;
    } else {
      const queue = state.waiting;
      // The releasing request hands its slot over, so inFlight stays the same.
      await new Promise<void>((resolve) => queue.push(resolve));
    }
    return this.releaser(mailbox);
  }

  /** Requests in flight for a mailbox now (for logs and tests). */
  inFlight(mailbox: string): number {
    return this.mailboxes.get(mailbox)?.inFlight ?? 0;
  }

  private releaser(mailbox: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const state = this.mailboxes.get(mailbox);
      if (!state) return;
      const next = state.waiting.shift();
      if (next) {
        next();
        return;
      }
      state.inFlight -= 1;
      if (state.inFlight === 0) this.mailboxes.delete(mailbox);
    };
  }
}

/**
 * The mailbox a Graph path works on: `/me/...` is the caller's, `/users/{x}/...` is x's (an id or an address,
 * so one person reached both ways counts twice: a known, harmless imprecision). Anything else counts as the caller's.
 */
export function mailboxOfPath(path: string, callerId: string): string {
  const users = /^\/users\/([^/?]+)/i.exec(path);
  if (users) return safeDecode(users[1]).toLowerCase();
  return callerId.toLowerCase();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

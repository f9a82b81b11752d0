import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware } from './chained-middleware';
import { mailboxOfPath, type MailboxLimiter } from './mailbox-limiter';
import { pathAfterBase, requestContextOf, requestUrl } from './request-context';

/** Holds each attempt until its mailbox has a free slot; the slot is freed when the response (or failure) is in. */
export class MailboxLimitMiddleware extends ChainedMiddleware {
  constructor(
    private readonly limiter: MailboxLimiter,
    private readonly baseUrl: string,
  ) {
    super();
  }

  async execute(context: Context): Promise<void> {
    const call = requestContextOf(context);
    const callerId = call?.caller.userId ?? '';
    const mailbox = call?.mailbox?.toLowerCase() ?? mailboxOfPath(pathAfterBase(requestUrl(context), this.baseUrl), callerId);
    const release = await this.limiter.acquire(mailbox);
    try {
      await this.next(context);
    } finally {
      release();
    }
  }
}

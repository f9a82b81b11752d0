import restify, { type Next, type Request, type Response } from 'restify';

export interface SentActivity {
  type: string;
  text?: string;
  conversationId: string;
  replyToId?: string;
  /** Set when the bot updated an existing message instead of posting a new one. */
  updatedId?: string;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  [key: string]: unknown;
}

/**
 * The Bot Framework connector a Teams client exposes at `serviceUrl`: records what the bot sends,
 * creates 1:1 conversations for proactive messages. Loopback only, like the real local client.
 */
export class FakeConnector {
  readonly sent: SentActivity[] = [];
  /** The Authorization header of every call the bot made, in order (tests of what must never be logged). */
  readonly authorizations: string[] = [];
  private server = restify.createServer();
  private nextId = 1;
  url = '';
  /** Answer the next N sends with this status (to test retries and blocked bots). */
  failNext: { status: number; count: number } | undefined;

  async start(): Promise<this> {
    this.server.use(restify.plugins.bodyParser({ mapParams: false }));
    const record = (req: Request, res: Response, extra: Partial<SentActivity>) => {
      this.authorizations.push(req.header('authorization') ?? '');
      if (this.failNext && this.failNext.count > 0) {
        this.failNext.count -= 1;
        res.send(this.failNext.status, { error: { code: 'Failure', message: 'injected' } });
        return;
      }
      const id = `activity-${this.nextId++}`;
      this.sent.push({ ...(req.body as SentActivity), conversationId: String((req.params as Record<string, string>).conversationId), ...extra, id });
      res.send(200, { id });
    };
    this.server.post('/v3/conversations/:conversationId/activities', (req: Request, res: Response, next: Next) => {
      record(req, res, {});
      next();
    });
    this.server.post('/v3/conversations/:conversationId/activities/:activityId', (req: Request, res: Response, next: Next) => {
      record(req, res, { replyToId: String((req.params as Record<string, string>).activityId) });
      next();
    });
    this.server.put('/v3/conversations/:conversationId/activities/:activityId', (req: Request, res: Response, next: Next) => {
      record(req, res, { updatedId: String((req.params as Record<string, string>).activityId) });
      next();
    });
    this.server.post('/v3/conversations', (req: Request, res: Response, next: Next) => {
      const body = req.body as { members?: Array<{ id: string; aadObjectId?: string }> };
      const member = body.members?.[0];
      res.send(200, { id: `personal-${member?.aadObjectId ?? member?.id ?? 'unknown'}` });
      next();
    });
    await new Promise<void>((resolve) => {
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${this.server.address().port}/`;
    return this;
  }

  /** Messages (not typing indicators) sent since `index`. */
  messagesSince(index: number): SentActivity[] {
    return this.sent.slice(index).filter((activity) => activity.type === 'message');
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
    });
  }
}

/** The Adaptive Card inside a sent activity, if any. */
export function cardOf(activity: SentActivity | undefined): Record<string, unknown> | undefined {
  return activity?.attachments?.find((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

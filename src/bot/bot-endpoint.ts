import type { Activity } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { BotAdapter } from './adapter';
import type { TurnRunner } from './app';
import type { Logger } from 'pino';
import { z } from 'zod';
import { isLoopbackHost } from '../config';
import { KeyedQueue } from './keyed-queue';
import { tenantOf } from './turn-caller';
import { maxMessageChars } from '../text/user-text';

export interface BotRequest {
  body: unknown;
  authorization?: string;
}

export interface BotResponse {
  status: number;
  body?: unknown;
}

export interface BotEndpointDeps {
  mode: 'local' | 'production';
  auth: BotFrameworkAuthentication;
  adapter: BotAdapter;
  app: TurnRunner;
  allowedTenantIds: string[];
  logger: Logger;
}

/**
 * What the bot reads from an activity, typed at the door: a field of the wrong type (a `locale`
 * object, a `text` array) is a malformed request, refused with 400 before any turn runs.
 */
const account = z.object({ id: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional(), name: z.string().max(512).optional() }).passthrough();
const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    locale: z.string().max(35).optional(),
    text: z.string().optional(),
    name: z.string().max(256).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: z.object({ id: z.string().max(1024).optional(), conversationType: z.string().max(64).optional(), tenantId: z.string().max(128).optional() }).passthrough().optional(),
  })
  .passthrough();

/**
 * The bot's one HTTP entry point, framework-side: checks where an activity comes from, who signed
 * it, and which tenant it belongs to, then runs the turn. Failures answer with a status and a short
 * word, never with key material or a stack.
 */
export class BotEndpoint {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: BotEndpointDeps) {}

  async handle(request: BotRequest): Promise<BotResponse> {
    const { deps } = this;
    const parsed = activityShape.safeParse(request.body);
    if (!parsed.success) return { status: 400, body: { error: 'Bad request' } };
    const activity = parsed.data as unknown as Activity;
    boundText(activity);

    if (deps.mode === 'local' && !isLoopbackUrl(activity.serviceUrl)) {
      deps.logger.warn('refused an activity whose serviceUrl is not loopback (local mode)');
      return { status: 403, body: { error: 'Forbidden' } };
    }
    // Authenticate first, so an anonymous caller learns nothing about which tenants are allowed.
    let authResult;
    try {
      authResult = await deps.auth.authenticateRequest(activity, request.authorization ?? '');
    } catch (error) {
      deps.logger.warn({ reason: error instanceof Error ? error.name : 'unknown' }, 'refused an activity: authentication failed');
      return { status: 401, body: { error: 'Unauthorized' } };
    }
    const tenant = tenantOf(activity);
    if (deps.allowedTenantIds.length > 0 && (!tenant || !deps.allowedTenantIds.includes(tenant))) {
      deps.logger.warn({ tenant }, 'refused an activity from a tenant outside the allow-list');
      return { status: 403, body: { error: 'Forbidden' } };
    }

    const key = activity.conversation?.id ?? 'no-conversation';
    const invokeResponse = await this.queue.run(key, () =>
      deps.adapter.runAuthenticated(authResult, activity, async (context) => {
        await deps.app.run(context);
      }),
    );
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }
}

/**
 * A message longer than the bot reads is cut just past the limit before teams-ai sees it, so no
 * library parses the rest; the router then answers that it is too long.
 */
function boundText(activity: Activity): void {
  if (typeof activity.text === 'string' && activity.text.length > maxMessageChars) activity.text = activity.text.slice(0, maxMessageChars + 1);
}

function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return isLoopbackHost(new URL(url).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

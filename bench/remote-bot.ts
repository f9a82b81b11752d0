import type { TurnResult } from '../test/support/bot-harness';
import { tenantId, type DemoUser } from '../test/support/demo-users';
import type { FakeConnector } from '../test/support/fake-connector';

/**
 * A bot running in another process, driven like `BotHarness` drives the in-process one: the same
 * activities, replies recorded by a fake connector. Used to set the bench's data up through turns.
 */
export class RemoteBot {
  private nextActivity = 1;

  constructor(
    readonly url: string,
    readonly connector: FakeConnector,
  ) {}

  activity(user: DemoUser, fields: Record<string, unknown>): Record<string, unknown> {
    return {
      id: `setup-${this.nextActivity++}`,
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      locale: user.locale,
      from: { id: `29:${user.aadObjectId}`, aadObjectId: user.aadObjectId, name: user.name },
      recipient: { id: '28:bot', name: 'Calendar Sharing Assistant' },
      conversation: { id: `personal-${user.aadObjectId}`, conversationType: 'personal', tenantId },
      channelData: { tenant: { id: tenantId } },
      ...fields,
    };
  }

  async post(body: unknown): Promise<TurnResult> {
    const before = this.connector.sent.length;
    const response = await fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    const all = this.connector.sent.slice(before);
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, messages: all.filter((a) => a.type === 'message'), all };
  }

  say(user: DemoUser, text: string): Promise<TurnResult> {
    return this.post(this.activity(user, { type: 'message', text }));
  }

  click(user: DemoUser, data: Record<string, unknown>): Promise<TurnResult> {
    return this.post(this.activity(user, { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: data.verb, data } } }));
  }
}

import type { SendRateLimiter } from './shared-send-limiter';

/** A limit of `max` sends in any `windowMs`. */
export interface SendWindow {
  max: number;
  windowMs: number;
}

/** Teams' published limits for one bot: per conversation, and per app per tenant. */
export const teamsLimits = {
  perConversation: [
    { max: 7, windowMs: 1_000 },
    { max: 8, windowMs: 2_000 },
    { max: 60, windowMs: 30_000 },
    { max: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ max: 50, windowMs: 1_000 }],
} satisfies Record<string, SendWindow[]>;

/**
 * Sliding-window limiter: tells how long to wait before the next send to a conversation so that
 * no window's limit is passed. In memory, per bot instance.
 */
export class SendLimiter implements SendRateLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(private readonly limits: { perConversation: SendWindow[]; perTenant: SendWindow[] } = teamsLimits) {}

  /** Milliseconds to wait before sending; 0 means send now (and the send is recorded). */
  reserve(conversation: string, tenant: string, now: number): number {
    const keys: Array<[string, SendWindow[]]> = [
      [`c:${conversation}`, this.limits.perConversation],
      [`t:${tenant}`, this.limits.perTenant],
    ];
    const wait = Math.max(...keys.map(([key, windows]) => this.waitFor(key, windows, now)));
    if (wait > 0) return wait;
    for (const [key] of keys) this.sends(key).push(now);
    return 0;
  }

  private waitFor(key: string, windows: SendWindow[], now: number): number {
    const sends = this.sends(key);
    const longest = Math.max(...windows.map((w) => w.windowMs));
    while (sends.length > 0 && sends[0] <= now - longest) sends.shift();
    return Math.max(
      0,
      ...windows.map(({ max, windowMs }) => {
        const inWindow = sends.filter((time) => time > now - windowMs);
        return inWindow.length < max ? 0 : inWindow[inWindow.length - max] + windowMs - now;
      }),
    );
  }

  private sends(key: string): number[] {
    let list = this.history.get(key);
    if (!list) {
      list = [];
      this.history.set(key, list);
    }
    return list;
  }
}

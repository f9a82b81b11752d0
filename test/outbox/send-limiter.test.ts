import { backoffMs } from '../../src/outbox/backoff';
import { SendLimiter } from '../../src/outbox/send-limiter';

describe('SendLimiter (Teams rate limits)', () => {
  it('allows 7 sends per second to a conversation, then says how long to wait', () => {
    const limiter = new SendLimiter();
    const waits = Array.from({ length: 8 }, () => limiter.reserve('c1', 't1', 1_000));
    expect(waits.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits[7]).toBe(1_000);
    expect(limiter.reserve('c2', 't1', 1_000)).toBe(0);
  });

  it('also holds 8 per 2 seconds', () => {
    const limiter = new SendLimiter();
    for (let i = 0; i < 7; i++) expect(limiter.reserve('c', 't', 0)).toBe(0);
    expect(limiter.reserve('c', 't', 1_000)).toBe(0);
    expect(limiter.reserve('c', 't', 1_500)).toBe(500);
    expect(limiter.reserve('c', 't', 2_000)).toBe(0);
  });

  it('holds 60 per 30 seconds', () => {
    const limiter = new SendLimiter();
    let now = 0;
    for (let sent = 0; sent < 60; now += 1_000) {
      for (let i = 0; i < 2 && sent < 60; i++, sent++) expect(limiter.reserve('c', 't', now)).toBe(0);
    }
    expect(limiter.reserve('c', 't', 29_500)).toBe(500);
  });

  it('holds 50 per second across a tenant', () => {
    const limiter = new SendLimiter();
    for (let i = 0; i < 50; i++) expect(limiter.reserve(`c${i}`, 'tenant', 0)).toBe(0);
    expect(limiter.reserve('c-other', 'tenant', 0)).toBe(1_000);
    expect(limiter.reserve('c-other', 'other-tenant', 0)).toBe(0);
  });
});

describe('backoffMs', () => {
  it('grows exponentially with jitter, capped, and honours Retry-After', () => {
    expect(backoffMs(1, undefined, () => 0)).toBe(500);
    expect(backoffMs(1, undefined, () => 1)).toBe(1_000);
    expect(backoffMs(4, undefined, () => 1)).toBe(8_000);
    expect(backoffMs(30, undefined, () => 1)).toBe(300_000);
    expect(backoffMs(1, 10_000, () => 1)).toBe(10_000);
  });
});

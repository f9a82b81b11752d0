import { MailboxLimiter, mailboxOfPath } from '../../src/graph/middleware/mailbox-limiter';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('MailboxLimiter', () => {
  it('lets 4 requests of a mailbox go and queues the next ones in order', async () => {
    const limiter = new MailboxLimiter(4);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    for (let index = 0; index < 6; index += 1) {
      void limiter.acquire('alex').then((release) => {
        started.push(index);
        releases.push(release);
      });
    }
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(limiter.inFlight('alex')).toBe(4);

    releases[0]();
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.inFlight('alex')).toBe(4);

    releases[1]();
    releases[1]();
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    for (const release of releases) release();
    expect(limiter.inFlight('alex')).toBe(0);
  });

  it('does not make one mailbox wait for another', async () => {
    const limiter = new MailboxLimiter(1);
    await limiter.acquire('alex');
    let meganStarted = false;
    void limiter.acquire('megan').then(() => {
      meganStarted = true;
    });
    await flush();
    expect(meganStarted).toBe(true);
  });
});

describe('mailboxOfPath', () => {
  it.each([
    ['/me/calendars', 'caller-id'],
    ['/me', 'caller-id'],
    ['/users/MeganB@example.com/calendars', 'meganb@example.com'],
    ['/users/meganb%40example.com/calendar/calendarView?x=1', 'meganb@example.com'],
    ['/users?$filter=x', 'caller-id'],
    ['/$batch', 'caller-id'],
  ])('counts %s against %s', (path, mailbox) => {
    expect(mailboxOfPath(path, 'Caller-Id')).toBe(mailbox);
  });
});

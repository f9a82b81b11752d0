import { performance } from 'node:perf_hooks';
import { peopleIn } from '../../src/dialogs/share/share-form';
import { ownerQueryOf } from '../../src/dialogs/subscribe/owner-lookup';
import { splitPeople } from '../../src/dialogs/share/recipient-lookup';
import { maxMessageChars } from '../../src/text/user-text';
import { suiteHarness, type TurnResult } from '../support/bot-harness';
import { adele, alex, inFrench, megan, type DemoUser } from '../support/demo-users';

/** The shapes that made the old unanchored patterns backtrack: long runs with no `@`, many `<`, letters without 's. */
const shapes: Record<string, (length: number) => string> = {
  'letters without @': (n) => 'a'.repeat(n),
  'dots and @ pieces': (n) => 'a.'.repeat(n / 2),
  'angle brackets': (n) => '<'.repeat(n),
  'with, repeated': (n) => 'with '.repeat(n / 5),
  "letters before 's": (n) => `${'b'.repeat(n - 3)}'s`,
  'many short tokens': (n) => 'x@y '.repeat(n / 4),
};

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

describe('a message cannot freeze the bot', () => {
  const bot = suiteHarness();

  it.each([
    ['28 KB', 28_000],
    ['1 MB', 1_000_000],
  ])('a %s message of each worst shape gets a polite answer, while /healthz and another person stay fast', async (_label, size) => {
    await bot.say(adele, '/help'); // warm up
    const plain = median(await Promise.all([0, 1, 2].map(() => timed(() => bot.say(adele, '/help')).then((result) => result.ms))));
    for (const [shape, make] of Object.entries(shapes)) {
      const text = `/share ${make(size)}`;
      const [hostile, health, other] = await Promise.all([
        timed(() => bot.say(megan, text)),
        timed(() => fetch(`${bot.app.url}/healthz`).then((response) => response.status)),
        timed(() => bot.say(alex, '/help')),
      ]);
      // Turns run at the same time: keep each person's own messages.
      const mine = (turn: TurnResult, user: DemoUser) => turn.messages.filter((message) => message.conversationId === `personal-${user.aadObjectId}`);
      expect({ shape, status: hostile.value.status, text: mine(hostile.value, megan).map((message) => message.text) }).toEqual({
        shape,
        status: 200,
        text: [expect.stringContaining(`I read up to ${maxMessageChars} characters`)],
      });
      expect(health.value).toBe(200);
      expect(mine(other.value, alex)).toHaveLength(1);
      // Relative to a plain turn measured just now: the machine's speed cancels out. Carrying the message itself
      // (HTTP, JSON, the activity; the endpoint cuts the text at once) gets 0.5 ms per kilobyte, which a loaded
      // 2-core CI machine needs for 1 MB; backtracking, what this guards against, takes seconds.
      const bound = 20 * plain + 50 + size / 2_000;
      expect({ shape, slow: hostile.ms > bound }).toEqual({ shape, slow: false });
      expect({ shape, slow: other.ms > bound }).toEqual({ shape, slow: false });
    }
  });

  it('answers in French too', async () => {
    const turn = await bot.say(inFrench(megan), 'a'.repeat(maxMessageChars + 1));
    expect(turn.messages.map((message) => message.text)).toEqual([expect.stringContaining(`je lis au plus ${maxMessageChars} caractères`)]);
  });

  it.each(['/share', '/subscribe', '/troubleshoot'])('%s with the longest accepted text of each shape answers as fast as a plain turn would', async (command) => {
    const plain = median(await Promise.all([0, 1, 2].map(() => timed(() => bot.say(adele, command)).then((result) => result.ms))));
    for (const [shape, make] of Object.entries(shapes)) {
      const turn = await timed(() => bot.say(megan, `${command} ${make(maxMessageChars - command.length - 1)}`));
      expect({ shape, status: turn.value.status }).toEqual({ shape, status: 200 });
      expect({ shape, slow: turn.ms > 20 * plain + 50 }).toEqual({ shape, slow: false });
    }
  });
});

describe('the parsers of typed text are linear', () => {
  const parsers: Record<string, (text: string) => unknown> = {
    peopleIn,
    ownerQueryOf,
    splitPeople,
  };

  // No timing here: a linear parser reads each 1 MB worst shape in well under a second, the old
  // unanchored patterns needed minutes (900 KB froze the bot), so the test's own time limit decides.
  it.each(Object.keys(parsers))('%s reads 1 MB of each worst shape', (name) => {
    for (const make of Object.values(shapes)) parsers[name](make(1_024_000));
  });

  it('still finds what people type', () => {
    expect(peopleIn('share my calendar with megan@example.com.')).toBe('megan@example.com');
    expect(peopleIn('partager avec Megan Bowen !')).toBe('Megan Bowen');
    expect(ownerQueryOf("I lost <jordan@partner.example.org>'s invitation")).toBe('jordan@partner.example.org');
    expect(splitPeople('Megan Bowen <meganb@example.com>; adelev@example.com isaiahl@example.com')).toEqual(['meganb@example.com', 'adelev@example.com', 'isaiahl@example.com']);
  });
});

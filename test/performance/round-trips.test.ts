import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { countedActions, lastRequests } from '../support/round-trips';

/**
 * Graph round trips per action (issue 16), counted from the emulator's request log: one HTTP request
 * is one, a `$batch` is one. Each count is pinned: one more request fails the test, with the list of
 * what was called. Where the target is not reached yet the pin is today's count, so it cannot
 * grow unnoticed.
 */
const expected: Record<string, number> = {
  // One write per recipient; the review before it already read their current access.
  'share confirm (1 recipient)': 1,
  'share confirm (5 recipients)': 5,
  // One $batch: the calendar checked readable (the subscription is ours to record) and the recipient's Outlook list,
  // to say whether Outlook already shows it (issue 14: Graph cannot add it there).
  accept: 1,
  // One $batch: the owner's lookup, their calendars shared with me, their primary calendar and its events (the level).
  'subscribe listing': 1,
  // The same calendars and level read again (card data never carries a permission), in one $batch.
  'subscribe save': 1,
  // The write, then one read of every calendar's permissions to redraw the list.
  'permission change': 2,
  revoke: 2,
  // An entry made in Outlook has no invitation: the recipient to tell is looked up in the redraw's $batch.
  'permission change (shared in Outlook)': 2,
  'revoke (shared in Outlook)': 2,
  // The profile and time zone are known from the first click.
  'agenda click': 1,
  // One $batch: the person, the owner's calendars shared with me, mine, the owner's primary calendar today.
  'troubleshoot checks': 1,
};

describe('Graph round trips per action', () => {
  let bot: BotHarness | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('counts every action the issue names', () => {
    expect(Object.keys(countedActions).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))('%s', async (action) => {
    bot = await startBotHarness();
    const count = await countedActions[action](bot);
    expect({ action, count, requests: count === expected[action] ? [] : lastRequests(bot) }).toEqual({ action, count: expected[action], requests: [] });
  });
});

import { alex, inFrench, megan } from '../support/demo-users';
import { suiteHarness } from '../support/bot-harness';
import { cardJson } from '../support/cards';
import { cardOf } from '../support/fake-connector';

describe('help, welcome and unknown input', () => {
  const bot = suiteHarness();

  it('answers /help with the help card at once, with no typing indicator first', async () => {
    const turn = await bot.say(alex, '/help');
    expect(turn.status).toBe(200);
    expect(turn.all.map((activity) => activity.type)).toEqual(['message']);
    expect(turn.messages).toHaveLength(1);
    const card = cardOf(turn.messages[0]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardJson(card)).toContain('What I can do');
    expect(cardJson(card)).toContain('/share');
  });

  it('shows a typing indicator first where the answer reads Graph', async () => {
    const turn = await bot.say(alex, '/permissions');
    expect(turn.all[0].type).toBe('typing');
    expect(turn.messages.length).toBeGreaterThan(0);
  });

  it.each([
    [inFrench(alex), '/aide', 'Ce que je sais faire'],
    [inFrench(alex), 'aide', 'Ce que je sais faire'],
    [alex, 'help', 'What I can do'],
    [{ ...alex, locale: 'fr-CA' }, '/help', 'Ce que je sais faire'],
    [{ ...alex, locale: 'de-DE' }, '/help', 'What I can do'],
  ])('speaks the activity locale (%#)', async (user, text, title) => {
    const turn = await bot.say(user, text);
    expect(cardJson(cardOf(turn.messages[0]))).toContain(title);
  });

  it('answers input it does not get with "Did you mean…?", never silence', async () => {
    const turn = await bot.say(megan, 'zxqv plorb');
    expect(cardJson(cardOf(turn.messages[0]))).toContain('Did you mean');
  });

  it('answers an unknown slash command in French', async () => {
    const turn = await bot.say(inFrench(megan), '/frobnicate');
    expect(turn.messages[0].text).toContain('je n\'ai pas compris');
  });

  it('answers a message with no text', async () => {
    const turn = await bot.say(megan, '');
    expect(turn.messages[0].text).toMatch(/only understand text/);
  });

  it('runs a help card button as the command it names', async () => {
    const turn = await bot.click(alex, { verb: 'runCommand', command: 'help' });
    expect(turn.status).toBe(200);
    expect(cardJson(turn.body as Record<string, unknown>)).toContain('What I can do');
  });

  it('answers a card verb it does not know without a stack trace', async () => {
    const turn = await bot.click(alex, { verb: 'noSuchVerb' });
    expect(JSON.stringify(turn.body ?? '')).not.toMatch(/at .*\.ts:\d+/);
    expect(turn.status).toBeLessThan(500);
  });

  it('welcomes the user when the bot is installed, in their language', async () => {
    const turn = await bot.post(
      bot.activity(inFrench(megan), { type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }] }),
    );
    expect(cardJson(cardOf(turn.messages[0]))).toContain('Bonjour Megan');
  });

  it('stays silent when someone else joins a chat', async () => {
    const turn = await bot.post(bot.activity(megan, { type: 'conversationUpdate', membersAdded: [{ id: '29:someone' }] }));
    expect(turn.messages).toHaveLength(0);
  });

  it('answers every one of several rapid messages in one conversation, with no error shown', async () => {
    const turns = await Promise.all(['/help', 'help', '/aide', 'hello', '/help'].map((text) => bot.say(alex, text)));
    for (const turn of turns) {
      expect(turn.status).toBe(200);
    }
    const texts = bot.connector.sent.map((activity) => activity.text ?? '');
    expect(texts.filter((text) => text.includes('went wrong'))).toEqual([]);
  });
});

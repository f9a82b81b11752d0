import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { megan } from '../../support/demo-users';
import { cardFrom, cardText, buttonData, textFrom, inputValue } from './card-helpers';

describe('smoke', () => {
  let bot: BotHarness;
  beforeAll(async () => { bot = await startBotHarness(); });
  afterAll(() => bot.stop());
  it('runs', async () => {
    let turn = await bot.say(megan, '/subscribe alex');
    let card = cardFrom(turn);
    console.log(cardText(card));
    turn = await bot.click(megan, { ...buttonData(card, 'Save'), calendarIds: inputValue(card, "calendarIds") });
    card = cardFrom(turn);
    console.log(cardText(card));
    turn = await bot.click(megan, buttonData(card, 'Open the agenda'));
    console.log(JSON.stringify(turn.body).slice(0, 300));
    card = cardFrom(turn);
    console.log(cardText(card));
    turn = await bot.say(megan, '/calendars');
    console.log(cardText(cardFrom(turn)));
    turn = await bot.say(megan, '/subscribe patti');
    console.log(cardText(cardFrom(turn)));
    turn = await bot.say(megan, '/subscribe isaiah');
    console.log(cardText(cardFrom(turn)));
    console.log(textFrom(turn));
  });
});

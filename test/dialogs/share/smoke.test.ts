import { alex, megan } from '../../support/demo-users';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { buttonData, cardText, deliveredInvitation, invokeCard, review } from './share-kit';

describe('smoke', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness();
  });
  afterAll(() => bot.stop());
  it('flows', async () => {
    await bot.say(megan, 'hello');
    const form = await bot.say(alex, '/share');
    console.log(cardText(form.messages.map((m) => m.attachments)).slice(0, 3000));
    const r = await review(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com, jordan@partner.example.org', role: 'write' });
    console.log(r.status, JSON.stringify(r.body).slice(0, 3000));
    const c = await bot.click(alex, buttonData(invokeCard(r), 'Share'));
    console.log(c.status, JSON.stringify(c.body).slice(0, 3000), c.messages.map((m) => m.text));
    const inv = await deliveredInvitation(bot, megan);
    console.log(cardText(inv));
    const a = await bot.click(megan, buttonData(inv, 'Accept'));
    console.log(JSON.stringify(a.body).slice(0, 2000));
    console.log(JSON.stringify((await bot.deliverOutbox()).map((x) => [x.conversationId, x.text])));
    console.log(JSON.stringify(bot.emulator.control.sentMail().map((m) => [m.subject, m.body.content])));
  });
});

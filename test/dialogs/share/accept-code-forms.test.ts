import { suiteHarness } from '../../support/bot-harness';
import { cardText, messageCards, textFrom } from '../../support/cards';
import { alex, inFrench, patti } from '../../support/demo-users';
import { share } from './share-kit';

/**
 * The code of an emailed invitation, typed the way people copy it: lower case, with spaces, without or with
 * another dash. Every form finds the same invitation; then the calendar still has to be added in Outlook.
 */
describe('/accept takes the code however it is typed', () => {
  const bot = suiteHarness();

  it('accepts "k7qm 4tzp"-like forms and then gives the steps to add the calendar in Outlook', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' });
    const [mail] = bot.emulator.control.sentMail('pattif@example.com');
    const code = /\/accept ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(mail.body.content)?.[1] ?? '';
    expect(code).not.toBe('');
    // The email says Outlook needs the calendar added, and how.
    expect(mail.body.content).toContain('Microsoft 365 does not do it for you');
    expect(mail.body.content).toContain('Add calendar &gt; Add from directory, type alexw@example.com');
    const [first, second] = code.split('-');

    const accepted = await bot.say(patti, `/accept ${first.toLowerCase()} ${second.toLowerCase()}`);
    const cards = messageCards(accepted).map(cardText);
    expect(cards[0]).toContain('You accepted this invitation.');
    expect(cards[1]).toMatch(/^Add «Team Offsite» to your Outlook\n/);
    expect(cards[1]).toContain('Not in your Outlook calendar list yet');

    // The same invitation, already answered, whatever the form.
    for (const typed of [`${first}${second}`, ` ${first.toLowerCase()} - ${second} `, `${first}–${second}`, `${first.toLowerCase()} — ${second.toLowerCase()}`]) {
      const turn = await bot.say(patti, `/accept ${typed}`);
      expect([typed, cardText(messageCards(turn)[0])]).toEqual([typed, expect.stringContaining('You accepted this invitation.')]);
    }
    // In French too, and a wrong code is still refused clearly.
    expect(textFrom(await bot.say(inFrench(patti), '/accepter ZZZZ ZZZZ'))).toContain("Aucune invitation");
  });
});

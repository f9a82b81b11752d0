import { suiteHarness } from '../../support/bot-harness';
import { alex, megan } from '../../support/demo-users';
import { buttonData, cardFrom, cardText } from '../../support/cards';
import { share } from '../share/share-kit';
import { subscriptionsOf } from '../subscribe/world';

/** An invitation sent with /share and a subscription made with /subscribe are the same thing. */
describe('/calendars and the invitations of the share flow', () => {
  const bot = suiteHarness();

  it('offers an invitation I have not answered; accepting it makes it a followed calendar with its role', async () => {
    await bot.say(megan, '/help');
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    await bot.deliverOutbox();

    const list = cardFrom(await bot.say(megan, '/calendars'));
    expect(cardText(list)).toContain('Also shared with you');
    expect(cardText(list)).toContain('«Team Offsite» from Alex Wilber (All details): invitation not answered yet\nAccept\n');
    const accept = buttonData(list, 'Accept');
    expect(accept).toEqual({ verb: 'invitationAccept', invitationId: expect.any(String) as unknown });

    await bot.click(megan, accept);
    expect(await subscriptionsOf(bot, megan)).toEqual([
      expect.objectContaining({ ownerAddress: 'alexw@example.com', calendarName: 'Team Offsite', role: 'read', source: 'invitation' }),
    ]);
    const after = cardText(cardFrom(await bot.say(megan, '/calendars')));
    expect(after).toMatch(/Team Offsite\nOwner\nAlex Wilber \(alexw@example.com\)\nYour access\nAll details/);
    expect(after).not.toContain('Also shared with you');
  });
});

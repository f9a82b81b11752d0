import { shareNotices } from '../../src/dialogs/share/share-notices';
import { InvitationEmailFallback } from '../../src/sharing/invitation-email-fallback';
import { InvitationStore } from '../../src/sharing/invitation-store';
import { suiteHarness } from '../support/bot-harness';
import { alex, megan } from '../support/demo-users';
import { share } from '../dialogs/share/share-kit';

describe('email fallback of an undeliverable Teams invitation', () => {
  const bot = suiteHarness();

  it('two runs at once send one email: the switch to email is taken before sending', async () => {
    await bot.say(megan, 'hello');
    await share(bot, alex, { calendar: 'Team Offsite', people: megan.email, role: 'read' });
    const row = await bot.app.database.db.selectFrom('share_invitations').select('id').where('recipient_address', '=', megan.email).executeTakeFirstOrThrow();
    const fallback = new InvitationEmailFallback({
      invitations: new InvitationStore(bot.app.database.db, bot.clock),
      notices: shareNotices,
      notifier: bot.app.notifier,
      gateway: bot.app.gateway,
      parked: bot.app.parkedJobs,
    });
    await Promise.all([fallback.deliverByEmailInstead(row.id), fallback.deliverByEmailInstead(row.id), fallback.deliverByEmailInstead(row.id)]);
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(1);
    await fallback.deliverByEmailInstead(row.id);
    expect(bot.emulator.control.sentMail(megan.email)).toHaveLength(1);
  });

  it('an email Graph is too busy to send is parked and sent later, once', async () => {
    await share(bot, alex, { calendar: 'Project Phoenix', people: 'adelev@example.com', role: 'read' });
    const row = await bot.app.database.db.selectFrom('share_invitations').select(['id', 'channel']).where('recipient_address', '=', 'adelev@example.com').executeTakeFirstOrThrow();
    expect(row.channel).toBe('email');
    const before = bot.emulator.control.sentMail('adelev@example.com').length;
    // Adele never opened the bot: her invitation went by email already; make a Teams one fail instead.
    await bot.app.database.db.updateTable('share_invitations').set({ channel: 'teams', code: null }).where('id', '=', row.id).execute();
    bot.emulator.control.injectFault({ method: 'POST', path: 'sendMail', status: 503, times: 4 });
    const fallback = new InvitationEmailFallback({
      invitations: new InvitationStore(bot.app.database.db, bot.clock),
      notices: shareNotices,
      notifier: bot.app.notifier,
      gateway: bot.app.gateway,
      parked: bot.app.parkedJobs,
    });
    await fallback.deliverByEmailInstead(row.id);
    expect(bot.emulator.control.sentMail('adelev@example.com')).toHaveLength(before);
    expect(await bot.app.parkedJobs.get('emailFallback', row.id)).toMatchObject({ reason: 'unavailable' });
    bot.emulator.control.clearFaults();
    bot.clock.advance(5 * 60_000 + 1);
    expect(await bot.app.shareMaintenance.retryParkedJobs()).toBe(1);
    expect(bot.emulator.control.sentMail('adelev@example.com')).toHaveLength(before + 1);
    expect(await bot.app.shareMaintenance.retryParkedJobs()).toBe(0);
  });
});

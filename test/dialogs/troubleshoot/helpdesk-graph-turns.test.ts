import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench, lynne, megan } from '../../support/demo-users';
import { cardFrom, cardJson, cardText } from '../../support/cards';
import { share } from '../share/share-kit';

/**
 * /diagnose by name, in plain words, and its view of every permission Graph reports on the person's
 * calendars, read with the application identity: shares made in Outlook show next to the assistant's.
 */
describe('helpdesk mode: a person by name, and the permissions Graph reports', () => {
  const bot = suiteHarness();
  beforeEach(() => bot.emulator.control.reset());

  it.each([
    ['diagnose Alex', lynne],
    ['/diagnose Alex Wilber', lynne],
    ['diagnostique Alex', inFrench(lynne)],
    ['/diagnostiquer alexw@example.com', inFrench(lynne)],
  ])('"%s" shows the same person', async (text, user) => {
    const card = cardFrom(await bot.say(user, text));
    expect(cardText(card)).toMatch(/Sharing state of Alex Wilber|État des partages d'Alex Wilber/);
  });

  it('lists the shares made in Outlook, read with the application identity, apart from those made through the assistant', async () => {
    // Project Phoenix → Megan is in the demo organisation's mailbox data: made in Outlook, not through the assistant.
    await share(bot, alex, { people: 'isaiahl@example.com', role: 'limitedRead', calendar: 'Team Offsite' });
    bot.emulator.control.clearRequests();
    const text = cardText(cardFrom(await bot.say(lynne, '/diagnose alexw@example.com')));
    expect(text).toContain('Permissions in Outlook, as Graph reports them');
    expect(text).toContain('Project Phoenix → Megan Bowen <meganb@example.com> (All details), shared outside the assistant (in Outlook)');
    expect(text).toContain('Team Offsite → Isaiah Langer <isaiahl@example.com> (Titles and places), shared through the assistant');
    expect(text).toMatch(/Calendar: everyone in the organisation \(Free\/busy only\)/);
    // Only the owner can list permissions: the reads went to Alex's mailbox as the application, not as Lynne.
    const reads = bot.emulator.control.requests().filter((request) => request.path.includes('calendarPermissions'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((request) => request.path.startsWith(`/users/${alex.aadObjectId}/`) || request.path.startsWith('/$batch'))).toBe(true);
  });

  it('says it in French, with the status words in French', async () => {
    await share(bot, alex, { people: 'isaiahl@example.com', role: 'limitedRead', calendar: 'Team Offsite' });
    const text = cardText(cardFrom(await bot.say(inFrench(lynne), '/diagnostiquer Alex')));
    expect(text).toContain('Autorisations dans Outlook, telles que Graph les indique');
    expect(text).toContain('partagé hors de l\'assistant (dans Outlook)');
    expect(text).not.toMatch(/\bpending\b|\baccepted\b/);
  });

  it('shows the helpdesk commands on the help card to the helpdesk only, in their language', async () => {
    expect(cardJson(cardFrom(await bot.say(lynne, '/help')))).toContain('/diagnose');
    expect(cardJson(cardFrom(await bot.say(inFrench(lynne), 'aide')))).toContain('/diagnostiquer');
    expect(cardJson(cardFrom(await bot.say(megan, '/help')))).not.toContain('diagnose');
    expect(cardJson(cardFrom(await bot.say(inFrench(megan), '/aide')))).not.toContain('diagnostiquer');
  });

  it('reads who is on the helpdesk once per person for a while, even when that read failed, not on every /help', async () => {
    bot.clock.advance(5 * 60_000); // what earlier tests remembered of Lynne is forgotten
    bot.emulator.control.injectFault({ path: '^/me', status: 403 });
    expect(cardJson(cardFrom(await bot.say(lynne, '/help')))).not.toContain('/diagnose');
    expect(bot.emulator.control.requests().length).toBeGreaterThan(0);
    bot.emulator.control.clearRequests();
    expect(cardJson(cardFrom(await bot.say(lynne, '/help')))).not.toContain('/diagnose');
    expect(bot.emulator.control.requests()).toEqual([]);

    bot.emulator.control.clearFaults();
    bot.clock.advance(5 * 60_000);
    expect(cardJson(cardFrom(await bot.say(lynne, '/help')))).toContain('/diagnose');
  });
});

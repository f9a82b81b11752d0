import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench, lynne, megan } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { cardFrom, cardText, choicesOf, press, textFrom, type Card } from '../../support/cards';
import { share, toUser } from '../share/share-kit';

/**
 * The helpdesk's targeted fix from /diagnose: one given step of the troubleshooting tree, or a prepared
 * action (the invitation sent again), delivered to the person in their language and audited.
 */
describe('helpdesk mode: a targeted fix', () => {
  const bot = suiteHarness();
  const sentAudit = async () =>
    (await bot.app.database.db.selectFrom('helpdesk_audit').selectAll().where('action', '=', 'sendCard').execute()).map((row) => `${row.outcome}:${row.detail ?? ''}`);
  const cardsTo = async (user: typeof megan) => toUser(await bot.deliverOutbox(), user).map((activity) => cardOf(activity) as Card);

  beforeEach(async () => {
    bot.emulator.control.reset();
    await bot.say(inFrench(megan), 'bonjour');
    await bot.say(lynne, 'hello');
    await bot.deliverOutbox();
  });

  it('sends one given step, in the person\'s language; the case goes on from there, and the same step is not sent twice', async () => {
    const diagnose = cardFrom(await bot.say(lynne, '/diagnose Megan'));
    expect(choicesOf(diagnose, 'fix').map((choice) => choice.title)).toContain('Step: Restart Outlook');
    const sent = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'calendar-missing', fix: 'o-restart-outlook', client: 'outlook-windows-mapi', person: 'alexw@example.com' });
    expect(textFrom(sent)).toBe('Sent to Megan Bowen: they will find the card in their chat with the assistant.');

    const [step] = await cardsTo(megan);
    expect(cardText(step)).toContain('Redémarrez Outlook');
    expect(cardText(step)).toContain('Lynne Robbins, du support informatique');
    expect((await sentAudit()).some((line) => /^sent:symptom=calendar-missing;step=o-restart-outlook;session=/.test(line))).toBe(true);

    // Megan answers on that very card: the case goes on with the tree.
    const next = cardFrom(await press(bot, inFrench(megan), step, 'Non, toujours pas'));
    expect(cardText(next)).not.toContain('Redémarrez Outlook');

    const again = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'calendar-missing', fix: 'o-restart-outlook', client: 'outlook-windows-mapi' });
    expect(textFrom(again)).toBe('Megan Bowen already got this card.');
    expect(await cardsTo(megan)).toEqual([]);
  });

  it('refuses a step the tree does not have, and says so', async () => {
    const before = (await sentAudit()).length;
    const diagnose = cardFrom(await bot.say(lynne, '/diagnose Megan'));
    const refused = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'calendar-missing', fix: 'no-such-step' });
    expect(textFrom(refused)).toBe('Choose what to send from the list.');
    expect((await sentAudit()).slice(before)).toEqual(['invalid:']);
  });

  it('sends a waiting invitation again, once, and only while it waits for that person', async () => {
    await share(bot, alex, { people: 'meganb@example.com', role: 'read', calendar: 'Team Offsite' });
    expect(await cardsTo(megan)).toHaveLength(1);

    const before = (await sentAudit()).length;
    const diagnose = cardFrom(await bot.say(lynne, '/diagnose meganb@example.com'));
    const resend = choicesOf(diagnose, 'fix').find((choice) => choice.title === 'Send the invitation to «Team Offsite» from Alex Wilber again');
    expect(resend).toBeDefined();
    const sent = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'calendar-missing', fix: resend?.value ?? '' });
    expect(textFrom(sent)).toBe('Sent Megan Bowen the invitation again: they will find it in their chat with the assistant.');
    const [invitation] = await cardsTo(megan);
    expect(cardText(invitation)).toContain('Alex Wilber partage un calendrier avec vous');
    expect((await sentAudit()).slice(before)).toEqual([expect.stringMatching(/^sent:invitation=[0-9a-f-]+;sent$/)]);

    // Another person's invitation id, or one already answered, is not sent.
    const other = await press(bot, lynne, cardFrom(await bot.say(lynne, '/diagnose meganb@example.com')), 'Send the card', { symptom: 'calendar-missing', fix: 'resend-00000000-0000-0000-0000-000000000000' });
    expect(textFrom(other)).toContain('This invitation no longer waits for Megan Bowen');
    expect(await cardsTo(megan)).toEqual([]);
  });
});

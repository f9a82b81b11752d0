import { SqlSubscriptionStore } from '../../../src/subscriptions/subscription-store';
import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { adele, inFrench, lynne, megan, patti } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { actionsOf, cardFrom, cardText, findAction, inputValue, press, textFrom, type Card } from '../../support/cards';

describe('helpdesk mode: /diagnose', () => {
  let bot: BotHarness;
  const audit = () => bot.app.database.db.selectFrom('helpdesk_audit').selectAll().execute();
  const auditOf = async (actorUserId: string) => (await audit()).filter((row) => row.actor_user_id === actorUserId);

  beforeAll(async () => {
    bot = await startBotHarness();
    // Megan talks to the bot (in French), follows Alex's calendar, and ran a case that ended with the helpdesk.
    const phoenix = bot.emulator.control.calendarsOf('alexw@example.com').find((calendar) => calendar.name === 'Project Phoenix');
    await new SqlSubscriptionStore(bot.app.database.db, bot.clock).upsert({
      userId: megan.aadObjectId,
      ownerAddress: 'alexw@example.com',
      ownerName: 'Alex Wilber',
      calendarId: phoenix?.id ?? '',
      calendarName: 'Project Phoenix',
      role: 'read',
      source: 'subscribe',
    });
    let card = cardFrom(await bot.say(inFrench(megan), '/depanner'));
    card = cardFrom(await press(bot, inFrench(megan), card, 'Suivant', { client: 'outlook-web', symptom: 'calendar-missing' }));
    card = cardFrom(await press(bot, inFrench(megan), card, 'Vérifier', { person: 'alexw@example.com' }));
    await press(bot, inFrench(megan), card, 'Non, toujours pas');
    await bot.say(lynne, 'hello');
  });
  afterAll(() => bot.stop());

  it('refuses anyone outside the helpdesk list, in their language, and audits it', async () => {
    const turn = await bot.say(adele, '/diagnose meganb@example.com');
    expect(textFrom(turn)).toBe('Seul le support informatique peut utiliser /diagnostiquer.');
    expect(await auditOf(adele.aadObjectId)).toEqual([
      expect.objectContaining({ action: 'diagnose', actor_address: 'adelev@example.com', target_address: 'meganb@example.com', outcome: 'refused' }),
    ]);
  });

  it.each([
    ['/diagnose', 'Type /diagnose followed by', 'invalid'],
    ['/diagnose not-an-address', 'I found no one named "not-an-address"', 'notFound'],
    ['/diagnose nobody@example.com', 'No one in the organisation has the address nobody@example.com', 'notFound'],
    ['/diagnose jordan@partner.example.org', 'outside the organisation', 'notFound'],
  ])('answers %s clearly, and audits it', async (text, answer, outcome) => {
    const before = (await auditOf(lynne.aadObjectId)).length;
    expect(textFrom(await bot.say(lynne, text))).toContain(answer);
    const rows = await auditOf(lynne.aadObjectId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.find((row) => row.outcome === outcome && (row.target_address ?? '') === (text.split(' ')[1]?.toLowerCase() ?? ''))).toBeDefined();
  });

  it("shows a person's sharing state: subscriptions, invitations, shares, and the last case with its checks", async () => {
    const card = cardFrom(await bot.say(lynne, '/diagnose MeganB@example.com'));
    const text = cardText(card);
    expect(text).toContain('Sharing state of Megan Bowen');
    expect(text).toContain('Can receive cards from the assistant');
    expect(text).toContain('Project Phoenix of Alex Wilber <alexw@example.com> (All details)');
    expect(text).toContain('A calendar shared with me does not show, Outlook on the web (in progress)');
    expect(text).toContain('Checks of the last case, as Megan Bowen saw them');
    expect(text).toContain('✓ You follow it in the assistant: Project Phoenix');
    expect(text).toContain('Steps tried: Add the calendar yourself: no invitation needed');
    expect(inputValue(card, 'symptom')).toBe('calendar-missing');
    expect(inputValue(card, 'person')).toBe('alexw@example.com');
    const rows = await auditOf(lynne.aadObjectId);
    expect(rows).toContainEqual(expect.objectContaining({ action: 'diagnose', outcome: 'shown', target_user_id: megan.aadObjectId, actor_address: 'lynner@example.com' }));
  });

  it('sends the person the right troubleshooting card, in their language, once', async () => {
    const diagnose = cardFrom(await bot.say(lynne, '/diagnose meganb@example.com'));
    const sent = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'invitation-lost', person: 'alexw@example.com' });
    expect(textFrom(sent)).toBe('Sent to Megan Bowen: they will find the card in their chat with the assistant.');

    const delivered = await bot.deliverOutbox();
    const toMegan = delivered.filter((activity) => activity.conversationId === `personal-${megan.aadObjectId}`);
    expect(toMegan).toHaveLength(1);
    const card = cardOf(toMegan[0]) as Card;
    expect(cardText(card)).toContain('Lynne Robbins, du support informatique');
    expect(inputValue(card, 'symptom')).toBe('invitation-lost');

    // Megan answers on the card the helpdesk sent: the case is hers.
    const person = cardFrom(await press(bot, inFrench(megan), card, 'Suivant', { client: 'outlook-windows-mapi', symptom: 'invitation-lost' }));
    // The helpdesk named the person: Megan is not asked again, the checks run for Alex.
    expect(inputValue(person, 'person')).toBeUndefined();
    expect(cardText(person)).toContain('Alex Wilber');

    const twice = await press(bot, lynne, diagnose, 'Send the card', { symptom: 'invitation-lost', person: 'alexw@example.com' });
    expect(textFrom(twice)).toBe('Megan Bowen already got this card.');
    expect(await bot.deliverOutbox()).toEqual([]);
    const rows = await auditOf(lynne.aadObjectId);
    expect(rows.filter((row) => row.action === 'sendCard').map((row) => row.outcome).sort()).toEqual(['alreadySent', 'sent']);
    const session = await bot.app.database.db.selectFrom('troubleshoot_sessions').selectAll().where('started_by', '=', lynne.aadObjectId).executeTakeFirst();
    expect(session).toMatchObject({ user_id: megan.aadObjectId, locale: 'fr', symptom_id: 'invitation-lost' });
  });

  it('refuses a helpdesk card clicked by someone else (a forwarded card), and audits it', async () => {
    const diagnose = cardFrom(await bot.say(lynne, '/diagnose meganb@example.com'));
    const stolen = await press(bot, patti, diagnose, 'Send the card', { symptom: 'calendar-missing' });
    expect(textFrom(stolen)).toBe('Only the helpdesk can use /diagnose.');
    expect(await auditOf(patti.aadObjectId)).toContainEqual(expect.objectContaining({ action: 'sendCard', outcome: 'refused' }));
    expect(await bot.deliverOutbox()).toEqual([]);
  });

  it('cannot send a card to someone who never talked to the bot, and says so', async () => {
    const card = cardFrom(await bot.say(lynne, '/diagnose isaiahl@example.com'));
    expect(cardText(card)).toContain("Isaiah Langer has not chatted with the assistant yet");
    expect(actionsOf(card)).toEqual([]);
    expect(() => findAction(card, 'Send the card')).toThrow();
  });

  it('audits a diagnose that failed because Microsoft 365 did not answer', async () => {
    bot.emulator.control.injectFault({ path: '^/me', status: 500 });
    try {
      const turn = await bot.say(lynne, '/diagnose meganb@example.com');
      expect(textFrom(turn)).toContain('Microsoft 365 is not answering');
    } finally {
      bot.emulator.control.clearFaults();
    }
    expect(await auditOf(lynne.aadObjectId)).toContainEqual(expect.objectContaining({ outcome: 'failed', detail: 'unavailable', actor_address: null }));
  });
});

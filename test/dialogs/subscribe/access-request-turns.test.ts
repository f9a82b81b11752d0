import { type BotHarness } from '../../support/bot-harness';
import { adele, alex, inFrench, isaiah, megan } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';
import { buttonData, cardFrom, cardText, choicesOf, inputValue, press, textFrom, type Card } from '../../support/cards';
import { demoWorld, follow, subscriptionsOf } from './world';

/** The access requests the bot recorded, oldest first. */
async function requests(bot: BotHarness) {
  return bot.app.database.db.selectFrom('access_requests').selectAll().orderBy('created_at').execute();
}

describe('asking an owner for access when nothing is shared', () => {
  const bot = demoWorld();

  /** Megan finds nothing shared by the owner and clicks "Ask <first name>". */
  async function ask(owner: typeof isaiah): Promise<Card> {
    const nothing = cardFrom(await bot.say(megan, `/subscribe ${owner.email}`));
    return cardFrom(await bot.click(megan, buttonData(nothing, `Ask ${owner.name.split(' ')[0]}`)));
  }

  it('sends the owner a request card in Teams, in the owner\'s language; the owner declines once and the requester is told', async () => {
    // Isaiah has talked to the bot in French: the bot can reach him, and knows his language.
    await bot.say(inFrench(isaiah), '/aide');

    const sent = await ask(isaiah);
    expect(cardText(sent)).toContain('I asked Isaiah Langer in Teams to share their calendar with you');
    const [request] = await requests(bot);
    expect(request).toMatchObject({ requester_id: megan.aadObjectId, owner_id: isaiah.aadObjectId, status: 'pending', channel: 'teams' });

    const delivered = await bot.deliverOutbox();
    const ownerCard = cardOf(delivered.find((activity) => activity.conversationId === `personal-${isaiah.aadObjectId}`));
    expect(ownerCard).toBeDefined();
    const card = ownerCard as Card;
    expect(cardText(card)).toContain('Megan Bowen demande à voir votre calendrier');
    // "Share with Megan" opens the share flow with Megan pre-filled: an address, never an identity to trust.
    const shareData = buttonData(card, 'Partager avec Megan');
    expect(shareData).toEqual({ verb: 'openShare', recipientAddress: 'meganb@example.com', accessRequestId: request.id });
    const declineData = buttonData(card, 'Refuser');

    // A forwarded card: only the owner may answer.
    expect(textFrom(await bot.click(alex, declineData))).toBe('Only Isaiah Langer can answer this request.');
    expect((await requests(bot))[0].status).toBe('pending');

    const declined = cardFrom(await bot.click(inFrench(isaiah), declineData));
    expect(cardText(declined)).toContain('Vous avez refusé la demande de Megan Bowen');
    const told = await bot.deliverOutbox();
    expect(told.filter((activity) => activity.conversationId === `personal-${megan.aadObjectId}`).map((activity) => activity.text)).toEqual([
      'Isaiah Langer declined your request to see their calendar.',
    ]);

    // A replayed click changes nothing and tells Megan nothing twice.
    const replay = cardFrom(await bot.click(inFrench(isaiah), declineData));
    expect(cardText(replay)).toContain('Cette demande a déjà reçu une réponse.');
    expect(await bot.deliverOutbox()).toEqual([]);
    expect((await requests(bot))[0]).toMatchObject({ status: 'declined', answered_at: bot.clock.now().toISOString() });
  });

  it('completes the round trip: "Share with Megan" opens the share form; sharing through it answers the request', async () => {
    await bot.say(isaiah, 'hello');
    await ask(isaiah);
    const [request] = await requests(bot);
    const ownerCard = cardOf((await bot.deliverOutbox()).find((activity) => activity.conversationId === `personal-${isaiah.aadObjectId}`)) as Card;
    const declineData = buttonData(ownerCard, 'Decline');
    const form = cardFrom(await bot.click(isaiah, buttonData(ownerCard, 'Share with Megan')));
    // The share flow's form, with the requester as the person to share with.
    expect(inputValue(form, 'emails')).toBe('meganb@example.com');
    // The owner reviews and shares through that form, as Teams sends it (inputs merged into the data).
    const inputs = { calendarId: String(inputValue(form, 'calendarId')), emails: String(inputValue(form, 'emails')), role: 'limitedRead', endDate: '' };
    const reviewed = cardFrom(await press(bot, isaiah, form, 'Review', inputs));
    expect((await requests(bot))[0].status).toBe('pending');
    expect(cardText(cardFrom(await press(bot, isaiah, reviewed, 'Share')))).toContain('Megan Bowen');
    expect((await requests(bot))[0]).toMatchObject({ id: request.id, status: 'granted', answered_at: bot.clock.now().toISOString() });

    // A later Decline on the request card: answered already, in the clicker's language; Megan is not told no.
    expect(cardText(cardFrom(await bot.click(isaiah, declineData)))).toContain('This request was already answered: you shared your calendar with Megan Bowen.');
    expect(cardText(cardFrom(await bot.click(inFrench(isaiah), declineData)))).toContain('Cette demande a déjà reçu une réponse : vous avez partagé votre calendrier avec Megan Bowen.');
    const toMegan = (await bot.deliverOutbox()).filter((activity) => activity.conversationId === `personal-${megan.aadObjectId}`);
    expect(JSON.stringify(toMegan)).not.toContain('declined');
    expect((await requests(bot))[0].status).toBe('granted');

    const pick = cardFrom(await bot.say(megan, '/subscribe isaiahl@example.com'));
    expect(choicesOf(pick, 'calendarIds').map((choice) => choice.title)).toEqual(['Calendar (Titles and places)']);
    await follow(bot, megan, isaiah);
    expect(await subscriptionsOf(bot, megan)).toEqual([expect.objectContaining({ ownerAddress: 'isaiahl@example.com', calendarName: 'Calendar' })]);
  });

  it('does not mark a request answered by a share that leaves the requester out or comes from someone else', async () => {
    await bot.say(isaiah, 'hello');
    await ask(isaiah);
    const [request] = await requests(bot);
    const form = cardFrom(await bot.click(isaiah, { verb: 'openShare', recipientAddress: 'meganb@example.com', accessRequestId: request.id }));
    const calendarId = String(inputValue(form, 'calendarId'));
    // Isaiah shares with Adele instead, carrying Megan's request id.
    const other = cardFrom(await press(bot, isaiah, form, 'Review', { calendarId, emails: 'adelev@example.com', role: 'limitedRead', endDate: '' }));
    await press(bot, isaiah, other, 'Share');
    // Alex replays the request id on a share of his own.
    const alexForm = cardFrom(await bot.click(alex, { verb: 'openShare', recipientAddress: 'meganb@example.com', accessRequestId: request.id }));
    const alexReview = cardFrom(await press(bot, alex, alexForm, 'Review', { calendarId: String(inputValue(alexForm, 'calendarId')), emails: 'meganb@example.com', role: 'limitedRead', endDate: '' }));
    await press(bot, alex, alexReview, 'Share');
    expect((await requests(bot))[0].status).toBe('pending');
  });

  it('emails the owner from the requester\'s mailbox when the bot cannot reach them in Teams', async () => {
    const sent = await ask(adele);
    expect(cardText(sent)).toContain('Adele Vance does not use this assistant yet, so I emailed them your request');
    const [mail] = bot.emulator.control.sentMail('adelev@example.com');
    expect(mail.subject).toBe('Megan Bowen asks to see your calendar');
    expect(JSON.stringify(mail)).toContain('meganb@example.com');
    expect(await bot.deliverOutbox()).toEqual([]);
    expect(await requests(bot)).toEqual([expect.objectContaining({ channel: 'email', owner_address: 'adelev@example.com' })]);
  });

  it('does not ask the same owner twice in a row, but may ask again days later', async () => {
    await ask(adele);
    const again = await ask(adele);
    expect(cardText(again)).toContain('You already asked Adele Vance on November 23, 2026');
    expect(bot.emulator.control.sentMail('adelev@example.com')).toHaveLength(1);

    bot.clock.advance(4 * 24 * 3600_000);
    await ask(adele);
    expect(bot.emulator.control.sentMail('adelev@example.com')).toHaveLength(2);
  });

  it('sends nothing and records nothing when the mail cannot be sent', async () => {
    bot.emulator.control.injectFault({ method: 'POST', path: '^/me/sendMail', status: 500 });
    const nothing = cardFrom(await bot.say(megan, '/subscribe adelev@example.com'));
    const turn = await bot.click(megan, buttonData(nothing, 'Ask Adele'));
    expect(textFrom(turn)).toContain('Microsoft 365 is not answering right now');
    expect(await requests(bot)).toEqual([]);
  });

  it.each([
    ['an address nobody has', { verb: 'requestAccess', ownerAddress: 'ghost@example.com' }, 'I cannot send a request to ghost@example.com'],
    ['someone outside the organisation', { verb: 'requestAccess', ownerAddress: 'jordan@partner.example.org' }, 'I cannot send a request to jordan@partner.example.org'],
    ['no address', { verb: 'requestAccess' }, 'This button is no longer valid'],
    ['an unknown request id', { verb: 'declineAccessRequest', requestId: 'nope' }, 'This button is no longer valid'],
    ['a request id that is not text', { verb: 'declineAccessRequest', requestId: { $ne: null } }, 'This button is no longer valid'],
  ])('refuses a card naming %s', async (_case, data, message) => {
    expect(textFrom(await bot.click(megan, data))).toContain(message);
    expect(await requests(bot)).toEqual([]);
    expect(bot.emulator.control.sentMail()).toEqual([]);
  });

  it('explains a Graph failure while resolving the owner', async () => {
    bot.emulator.control.injectFault({ path: '^/users$', status: 503, retryAfter: '120' });
    const turn = await bot.click(megan, { verb: 'requestAccess', ownerAddress: 'adelev@example.com' });
    expect(textFrom(turn)).toContain('Microsoft 365 is not answering right now');
    expect(await requests(bot)).toEqual([]);
  });
});

import { suiteHarness } from '../support/bot-harness';
import { alex, inFrench, megan } from '../support/demo-users';
import { buttonTitles, cardFrom, cardText, inputValue, messageCards, press, textFrom } from '../support/cards';

/** Sentences as people type them reach the right card, with only recognised entities in its fields. */
describe('plain words reach the right flow', () => {
  const bot = suiteHarness();
  const fr = inFrench(alex);

  it('"je veux partager mon agenda avec un partenaire externe, tous les détails": the share form, level filled, no recipient invented', async () => {
    const card = cardFrom(await bot.say(fr, 'je veux partager mon agenda avec un partenaire externe, tous les détails'));
    expect(inputValue(card, 'role')).toBe('read');
    expect(inputValue(card, 'emails')).toBe('');
  });

  it('"give Adele access to my calendar": the share form with Adele as recipient', async () => {
    const card = cardFrom(await bot.say(alex, 'give Adele access to my calendar'));
    expect(inputValue(card, 'emails')).toBe('adelev@example.com');
  });

  it('"partage mon agenda avec Megan en free/busy": recipient and level', async () => {
    const card = cardFrom(await bot.say(fr, 'partage mon agenda avec Megan en free/busy'));
    expect(inputValue(card, 'emails')).toBe('meganb@example.com');
    expect(inputValue(card, 'role')).toBe('freeBusyRead');
  });

  it('"remove Megan\'s access": the confirmation to stop sharing Project Phoenix with Megan', async () => {
    const card = cardFrom(await bot.say(alex, "remove Megan's access"));
    expect(cardText(card)).toMatch(/Megan Bowen/);
    expect(cardText(card)).toMatch(/Project Phoenix/);
    expect(buttonTitles(card).length).toBe(2);
  });

  it('"j\'ai supprimé le mail d\'invitation": /subscribe (find the share again)', async () => {
    const card = cardFrom(await bot.say(fr, "j'ai supprimé le mail d'invitation"));
    expect(inputValue(card, 'owner')).toBe('');
    expect(cardText(card)).toMatch(/calendrier/i);
  });

  it('"Calendly n\'arrive pas à se connecter à mon Exchange": the booking-tool case, straight to its first step', async () => {
    const card = cardFrom(await bot.say(fr, "Calendly n'arrive pas à se connecter à mon Exchange"));
    const text = cardText(card);
    expect(text).toMatch(/rendez-vous|Calendly/i);
    // Not the start card: app and problem were both recognised.
    expect(inputValue(card, 'client')).toBeUndefined();
  });

  it('"quelle est l\'adresse de mon serveur Exchange sur mon iPhone": the connection case for the iPhone', async () => {
    const card = cardFrom(await bot.say(fr, "quelle est l'adresse de mon serveur Exchange sur mon iPhone"));
    expect(inputValue(card, 'client')).toBeUndefined();
    expect(cardText(card)).toMatch(/iPhone/);
  });

  it('"je ne vois toujours pas le calendrier d\'Adele": a case about Adele\'s calendar, the person filled in', async () => {
    const card = cardFrom(await bot.say(fr, "je ne vois toujours pas le calendrier d'Adele"));
    expect(inputValue(card, 'symptom')).toBe('calendar-missing');
    expect(cardText(card)).not.toMatch(/toujours/);
    const next = cardFrom(await press(bot, fr, card, /Continuer|Suivant/, { client: 'outlook-web', symptom: 'calendar-missing' }));
    expect(cardText(next)).toMatch(/Adele Vance/);
  });

  it('a sentence it does not get: "Vouliez-vous…" with likely commands and the troubleshooter', async () => {
    const turn = await bot.say(fr, 'zorglub flimflam');
    const card = messageCards(turn)[0];
    expect(cardText(card)).toMatch(/Vouliez-vous/);
    const titles = buttonTitles(card);
    expect(titles.length).toBeGreaterThanOrEqual(3);
    expect(titles.length).toBeLessThanOrEqual(4);
    expect(titles).toContain('Décrire mon problème');
    const described = await press(bot, fr, card, 'Décrire mon problème');
    expect(textFrom(described) + JSON.stringify(described.body ?? '')).toMatch(/probl/i);
  });

  it('"et pour Megan ?" after a share: the share form again, for Megan, same level', async () => {
    await bot.say(fr, 'partager mon agenda avec Adele, tous les détails');
    const card = cardFrom(await bot.say(fr, 'et pour Megan ?'));
    expect(inputValue(card, 'emails')).toBe('meganb@example.com');
    expect(inputValue(card, 'role')).toBe('read');
  });

  it('"still not" continues the open case instead of starting over', async () => {
    const first = cardFrom(await bot.say(megan, "Calendly can't connect to my Exchange"));
    const before = await bot.app.database.db.selectFrom('troubleshoot_sessions').selectAll().where('user_id', '=', megan.aadObjectId).execute();
    const again = await bot.say(megan, 'still not');
    const after = await bot.app.database.db.selectFrom('troubleshoot_sessions').selectAll().where('user_id', '=', megan.aadObjectId).execute();
    expect(after).toHaveLength(before.length);
    expect(cardFrom(again)).toBeDefined();
    expect(first).toBeDefined();
  });

  it('one sentence naming app, problem and person goes straight to the checks; "toujours pas" takes the next step', async () => {
    const french = inFrench(megan);
    const checks = cardFrom(await bot.say(french, "je vois toujours pas le calendrier d'Alex dans outlook 2013"));
    expect(cardText(checks)).toContain("Ce que j'ai vérifié");
    expect(cardText(checks)).toContain('Project Phoenix');
    const next = cardFrom(await bot.say(french, 'toujours pas'));
    expect(cardText(next)).toContain("Outlook 2013 en ActiveSync a besoin d'un alias");
  });

  it('slash commands work exactly as before', async () => {
    expect(cardText(cardFrom(await bot.say(fr, '/aide')))).toMatch(/Ce que je sais faire/);
    expect(inputValue(cardFrom(await bot.say(alex, '/share meganb@example.com')), 'emails')).toBe('meganb@example.com');
  });
});

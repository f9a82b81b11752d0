import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startApp } from '../../../src/app-runtime';
import { startBotHarness, suiteHarness, type BotHarness } from '../../support/bot-harness';
import { alex, inFrench, isaiah, lynne, megan } from '../../support/demo-users';
import { actionsOf, cardFrom, cardText, findAction, inputValue, messageCards, press, textFrom, type Card } from '../../support/cards';
import { checklist } from './card-kit';
import { share } from '../share/share-kit';

async function startCase(bot: BotHarness, user: typeof megan, text = '/troubleshoot'): Promise<Card> {
  return cardFrom(await bot.say(user, text));
}

/** /troubleshoot, app and problem, then the person: the first card with checks and advice. */
async function caseFor(bot: BotHarness, user: typeof megan, choice: { client: string; symptom: string }, person?: Record<string, string>): Promise<Card> {
  const isFrench = user.locale.startsWith('fr');
  let card = await startCase(bot, user);
  card = cardFrom(await press(bot, user, card, isFrench ? 'Suivant' : 'Next', choice));
  if (person) card = cardFrom(await press(bot, user, card, isFrench ? 'Vérifier' : 'Check', person));
  return card;
}

const sessionsOf = (bot: BotHarness, userId: string) =>
  bot.app.database.db.selectFrom('troubleshoot_sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

describe('the troubleshooting assistant, through the bot', () => {
  const bot = suiteHarness();
  beforeEach(() => {
    bot.emulator.control.reset();
    bot.emulator.control.clearFaults();
  });

  it('starts from /troubleshoot with the apps (versions and protocols) and the problems', async () => {
    const card = await startCase(bot, megan);
    const text = cardText(card);
    for (const client of ['Outlook 2013 with an ActiveSync account', 'Outlook 2016 with an ActiveSync account', 'Exchange account (MAPI)', 'Outlook on the web', 'Outlook mobile', 'booking']) {
      expect(text).toContain(client);
    }
    for (const symptom of ['does not show', 'lost or deleted the sharing invitation', 'alias', 'cannot connect to Exchange', 'outside the organisation is refused', 'MFA']) {
      expect(text).toContain(symptom);
    }
    expect(findAction(card, 'Next').verb).toBe('troubleshootChoose');
    expect(findAction(card, 'Next').fallback).toMatchObject({ type: 'Action.Submit', data: findAction(card, 'Next').data });
  });

  it('understands plain French words: the problem and the person are filled in', async () => {
    const french = inFrench(megan);
    let card = await startCase(bot, french, "je ne vois pas le calendrier d'Alex");
    expect(cardText(card)).toContain('Réglons ça ensemble');
    expect(inputValue(card, 'symptom')).toBe('calendar-missing');
    // The person was named in the message: no question about them, the checks run for Alex.
    card = cardFrom(await press(bot, french, card, 'Suivant', { client: 'outlook-web', symptom: 'calendar-missing' }));
    expect(inputValue(card, 'person')).toBeUndefined();
    expect(cardText(card)).toContain('Alex Wilber');
  });

  it('asks again when the app or the problem is missing', async () => {
    const card = await startCase(bot, megan);
    const again = cardFrom(await press(bot, megan, card, 'Next', { client: 'outlook-web' }));
    expect(cardText(again)).toContain('Choose your app and what goes wrong');
  });

  it('finds a person by name, and asks for the address when the name is ambiguous or unknown', async () => {
    let card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'calendar-missing' });
    const unknown = cardFrom(await press(bot, megan, card, 'Check', { person: 'Zebulon' }));
    expect(cardText(unknown)).toContain('I found no one named "Zebulon"');
    card = cardFrom(await press(bot, megan, unknown, 'Check', { person: 'Alex' }));
    expect(checklist(card)).toContain('✓ Alex Wilber (alexw@example.com) is in your organisation');
  });

  it('nothing shared: the checklist says so, and the advice is to ask the owner, with the request button', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-windows-mapi', symptom: 'calendar-missing' }, { person: 'isaiahl@example.com' });
    const text = cardText(card);
    expect(checklist(card)).toEqual([
      '✓ Isaiah Langer (isaiahl@example.com) is in your organisation',
      '✗ Isaiah Langer shares no calendar with you',
      '✗ No calendar of Isaiah Langer added yet, and no invitation waiting',
      '✗ Not in your Outlook calendar list',
      "✗ Isaiah Langer's calendar cannot be read right now",
    ]);
    expect(text).toContain('Nothing is shared with you yet: ask Isaiah Langer');
    expect(text).not.toContain('Restart Outlook');
    expect(findAction(card, 'Ask Isaiah Langer to share').data).toEqual({ verb: 'requestAccess', ownerAddress: 'isaiahl@example.com' });
  });

  it('pending invitation: a share made through the assistant and not yet answered is found in its records', async () => {
    await bot.say(megan, 'hello');
    await share(bot, isaiah, { calendar: 'Calendar', people: 'meganb@example.com', role: 'limitedRead' });
    const card = await caseFor(bot, megan, { client: 'outlook-windows-mapi', symptom: 'calendar-missing' }, { person: 'isaiahl@example.com' });
    expect(checklist(card)).toEqual(expect.arrayContaining(['✓ Shared with you: Calendar (Titles and places)', '✗ An invitation from Isaiah Langer is waiting for you: Calendar']));
    expect(cardText(card)).toMatch(/accept/i);
  });

  it('shared but not in the list: the add-calendar button opens the subscribe flow for that owner', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'invitation-lost' }, { person: 'alexw@example.com' });
    expect(checklist(card)).toContain('✓ Shared with you: Project Phoenix (Can view)');
    expect(cardText(card)).toContain('Add the calendar yourself: no invitation needed');
    expect(findAction(card, 'Follow it here').data).toEqual({ verb: 'subscribeOwner', ownerAddress: 'alexw@example.com' });
  });

  it('a share refused beyond the external policy: the cap, the level tried, and a share button for that person', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'external-refused' }, { person: 'jordan@partner.example.org', triedRole: 'read' });
    const text = cardText(card);
    expect(checklist(card)).toEqual([
      '✓ jordan@partner.example.org is outside your organisation (partner.example.org)',
      '✗ The policy allows at most "Titles and places" with partner.example.org; you tried "All details"',
    ]);
    expect(text).toContain('The sharing policy caps partner.example.org at "Titles and places"');
    expect(findAction(card, 'Share again').data).toEqual({ verb: 'openShare', recipientAddress: 'jordan@partner.example.org' });
  });

  it('a refused share needs the level tried', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'external-refused' });
    const again = cardFrom(await press(bot, megan, card, 'Check', { person: 'jordan@partner.example.org' }));
    expect(cardText(again)).toContain('Choose the level you tried to give');
  });

  it('Graph failing: the checklist says what could not be checked, and the advice still comes', async () => {
    bot.emulator.control.injectFault({ path: '.*', status: 500 });
    const card = await caseFor(bot, megan, { client: 'outlook-mac', symptom: 'calendar-missing' }, { person: 'alexw@example.com' });
    const text = cardText(card);
    expect(checklist(card)).toContain('? Could not look up alexw@example.com: Microsoft 365 did not answer');
    expect(text).toContain('Some checks could not run');
    expect(text).toContain('Show it in Outlook for Mac');
  });

  it('"yes" closes the case; an old button of a closed case shows it closed', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'sign-in-mfa' });
    const closed = cardFrom(await press(bot, megan, card, 'Yes, it works'));
    expect(cardText(closed)).toContain('Great, it works!');
    const again = cardFrom(await press(bot, megan, card, 'No, still not working'));
    expect(cardText(again)).toContain('Great, it works!');
    const [session] = (await sessionsOf(bot, megan.aadObjectId)).slice(-1);
    expect(session.status).toBe('resolved');
    expect(JSON.parse(session.history)).toEqual([{ nodeId: 'o-sign-in-again', answer: 'fixed' }]);
  });

  it('a double click moves the case once and shows where it stands', async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-windows-mapi', symptom: 'sign-in-mfa' });
    const first = cardFrom(await press(bot, megan, card, 'No, still not working'));
    const second = cardFrom(await press(bot, megan, card, 'No, still not working'));
    expect(cardText(first)).toContain("Let's hand this over to the helpdesk");
    expect(cardText(second)).toContain('This card was out of date');
    expect(cardText(second)).toContain("Let's hand this over to the helpdesk");
    const [session] = (await sessionsOf(bot, megan.aadObjectId)).slice(-1);
    expect(JSON.parse(session.history)).toEqual([{ nodeId: 'o-sign-in-again', answer: 'notFixed' }]);
  });

  it("refuses someone else's case card, and card data that is not ours", async () => {
    const card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'sign-in-mfa' });
    const stolen = await press(bot, alex, card, 'No, still not working');
    expect(textFrom(stolen)).toContain("belongs to someone else's case");
    const forged = await bot.click(megan, { verb: 'troubleshootFeedback', sessionId: 'not-a-case', revision: 1, nodeId: 'handoff', fixed: 'no' });
    expect(textFrom(forged)).toContain('I could not read this answer');
    const unknown = await bot.click(megan, { verb: 'troubleshootFeedback', sessionId: '7d1f0c55-3c2b-4f59-9f0e-2f1d8e2b9a11', revision: 1, nodeId: 'handoff', fixed: 'no' });
    expect(textFrom(unknown)).toContain('no longer valid');
  });

  it('a booking app: EWS only, MFA question, then the EWS helper builds and checks the address without keeping a password', async () => {
    let card = await caseFor(bot, megan, { client: 'booking-tool', symptom: 'cannot-connect' });
    expect(checklist(card)).toEqual(['✓ Your mailbox meganb@example.com answers']);
    expect(cardText(card)).toContain('How does the app connect to Exchange?');
    card = cardFrom(await press(bot, megan, card, 'Exchange (EWS)'));
    card = cardFrom(await press(bot, megan, card, 'No, only a password'));
    expect(cardText(card)).toContain('https://mail.example.com/ews/exchange.asmx');

    const opened = await press(bot, megan, card, 'Build my EWS address');
    expect(cardText(cardFrom(opened))).toContain('Give the app the EWS address');
    const [helper] = messageCards(opened);
    expect(cardText(helper)).toContain('Never type your password here');
    expect(inputValue(helper, 'ewsInput')).toBe('meganb@example.com');

    // The helper speaks of Exchange Online first: the organisation is in Microsoft 365.
    expect(cardText(helper).indexOf('https://outlook.office365.com/EWS/Exchange.asmx')).toBeLessThan(cardText(helper).indexOf('https://mail.example.com/ews/exchange.asmx'));
    expect(cardText(helper)).toContain('Exchange 2013, 2016 and 2019');
    expect(cardText(helper)).toContain('Amazon WorkMail is not supported');

    // An address at the organisation's domain: Exchange Online's address, never a guessed mail.example.com.
    const built = cardFrom(await press(bot, megan, helper, 'Build and check', { ewsInput: 'meganb@example.com' }));
    expect(cardText(built)).toMatch(/Use this address:\nhttps:\/\/outlook\.office365\.com\/EWS\/Exchange\.asmx/);
    expect(cardText(built)).toContain('Your mailbox is in Microsoft 365 (Exchange Online)');
    expect(cardText(built)).not.toContain('Built from your email domain');

    // A domain that is not on Exchange Online: the on-premises address, flagged as a guess.
    const elsewhere = cardFrom(await press(bot, megan, built, 'Build and check', { ewsInput: 'sam@fabrikam.example.net' }));
    expect(cardText(elsewhere)).toContain('https://mail.fabrikam.example.net/ews/exchange.asmx');
    expect(cardText(elsewhere)).toContain('Built from your email domain');

    const repaired = await press(bot, megan, built, 'Build and check', { ewsInput: 'http://megan:Hunter2!@Mail.Contoso.com/owa/' });
    const repairedCard = cardFrom(repaired);
    expect(cardText(repairedCard)).toContain('https://mail.contoso.com/ews/exchange.asmx');
    expect(cardText(repairedCard)).toContain('I removed them');
    expect(cardText(repairedCard)).toContain('webmail address');
    expect(JSON.stringify(repaired.body)).not.toContain('Hunter2');

    const refused = cardFrom(await press(bot, megan, built, 'Build and check', { ewsInput: 'my exchange' }));
    expect(cardText(refused)).toContain("I can't read a server name");
    const rows = await bot.app.database.db.selectFrom('troubleshoot_sessions').select('checks').execute();
    expect(JSON.stringify(rows)).not.toContain('Hunter2');
  });

  it('hands over to the helpdesk in one click: a mail from the person and a Teams card, with the case summary', async () => {
    await bot.say(lynne, 'hello');
    bot.emulator.control.addToCalendarList({ userId: 'meganb@example.com', ownerId: 'alexw@example.com', calendarId: phoenixId(bot) });
    let card = await caseFor(bot, megan, { client: 'outlook-2013-activesync', symptom: 'calendar-missing' }, { person: 'alexw@example.com' });
    expect(cardText(card)).toContain('Outlook 2013 over ActiveSync needs an alias');
    card = cardFrom(await press(bot, megan, card, 'No, still not working'));
    expect(cardText(card)).toContain('Open the shared calendar by hand');
    card = cardFrom(await press(bot, megan, card, 'No, still not working'));
    const summary = cardText(card);
    for (const part of ['Outlook 2013 with an ActiveSync account', 'A calendar shared with me does not show', 'Alex Wilber <alexw@example.com>', 'Outlook 2013 over ActiveSync needs an alias', 'Open the shared calendar by hand']) {
      expect(summary).toContain(part);
    }
    expect(checklist(card)).toContain('✓ Shared with you: Project Phoenix (Can view)');

    const sent = cardFrom(await press(bot, megan, card, 'Send to the helpdesk'));
    expect(cardText(sent)).toContain('Sent to the helpdesk');
    expect(actionsOf(sent).map((action) => action.title)).not.toContain('Send to the helpdesk');
    const [mail] = bot.emulator.control.sentMail('lynner@example.com');
    expect(mail.from.address).toBe('meganb@example.com');
    expect(mail.subject).toMatch(/^\[Calendar help\] Megan Bowen: A calendar shared with me does not show \(case [0-9A-F]{8}\)$/);
    expect(mail.body.content).toContain('Alex Wilber &lt;alexw@example.com&gt;');
    expect(mail.body.content).toContain('<li>Outlook 2013 over ActiveSync needs an alias</li>');
    expect(mail.body.content).toContain('<li>✓ Shared with you: Project Phoenix (Can view)</li>');

    const delivered = await bot.deliverOutbox();
    const teamsCard = delivered.map((activity) => cardText(activity.attachments?.[0]?.content ?? {})).find((text) => text.includes('New case from Megan Bowen'));
    expect(teamsCard).toContain('/diagnose meganb@example.com');
    expect(teamsCard).toContain('Open the shared calendar by hand');

    const again = cardFrom(await press(bot, megan, card, 'Send to the helpdesk'));
    expect(cardText(again)).toContain('already sent');
    expect(bot.emulator.control.sentMail('lynner@example.com')).toHaveLength(1);
  });

  it('keeps a case in the language it was opened in, whatever the client sends with each click', async () => {
    const french = inFrench(isaiah);
    let card = await startCase(bot, french, '/depanner');
    card = cardFrom(await press(bot, isaiah, card, 'Suivant', { client: 'outlook-web', symptom: 'sign-in-mfa' }));
    expect(cardText(card)).toContain('Reconnectez-vous et validez la vérification');
  });
});

function phoenixId(bot: BotHarness): string {
  const calendar = bot.emulator.control.calendarsOf('alexw@example.com').find((candidate) => candidate.name === 'Project Phoenix');
  if (!calendar) throw new Error('seed changed');
  return calendar.id;
}

describe('the assistant without a helpdesk configured', () => {
  const bot = suiteHarness({ HELPDESK_USERS: '' });

  it('shows the summary to copy, with no send button', async () => {
    let card = await caseFor(bot, megan, { client: 'outlook-web', symptom: 'sign-in-mfa' });
    card = cardFrom(await press(bot, megan, card, 'No, still not working'));
    expect(cardText(card)).toContain('No helpdesk is set up');
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('start-up with a broken decision tree', () => {
  it('refuses to start, with a one-line error naming the file and the problem', async () => {
    const source = path.resolve(__dirname, '../../../src/troubleshoot');
    const dir = mkdtempSync(path.join(tmpdir(), 'csa-broken-tree-'));
    const fr = JSON.parse(readFileSync(path.join(source, 'tree.fr.json'), 'utf8')) as { nodes: Array<{ id: string }> };
    writeFileSync(path.join(dir, 'tree.en.json'), readFileSync(path.join(source, 'tree.en.json')));
    writeFileSync(path.join(dir, 'tree.fr.json'), JSON.stringify({ ...fr, nodes: fr.nodes.filter((node) => node.id !== 'o-web-check') }));
    const bot = await startBotHarness();
    try {
      await expect(startApp(bot.config, { logger: pino({ level: 'silent' }), troubleshootTreesDir: dir })).rejects.toThrow(
        /^Invalid troubleshooting tree tree\.fr\.json: node "o-mac-show" links to missing node "o-web-check" \(and \d+ more problems\)$/,
      );
    } finally {
      await bot.stop();
    }
  });
});

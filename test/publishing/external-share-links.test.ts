import { ICAL } from '../../src/ical/ical';
import { suiteHarness } from '../support/bot-harness';
import { buttonData, cardFrom, cardText, invokeCard } from '../support/cards';
import { alex } from '../support/demo-users';
import { share } from '../dialogs/share/share-kit';
import { rowButton } from './publish-kit';

const jordan = 'jordan@partner.example.org';
const linkIn = (html: string): string => {
  const link = /https?:\/\/[^"<\s]+\/feeds\/[0-9a-f]{64}\.ics/.exec(html)?.[0];
  if (!link) throw new Error(`No link in: ${html}`);
  return link;
};
const summaries = async (link: string): Promise<string[]> => {
  const response = await fetch(link);
  if (response.status !== 200) return [`HTTP ${response.status}`];
  return new ICAL.Component(ICAL.parse(await response.text()) as unknown[]).getAllSubcomponents('vevent').map((vevent) => String(vevent.getFirstPropertyValue('summary'))).sort();
};

/** The permissions card's row of a person on a calendar (the permissions test's helper, by the row's first text). */
function personButton(card: Record<string, unknown>, person: string, title: string): Record<string, unknown> {
  return rowButton(card, `${person}:`, title);
}

describe('a share with someone outside comes with a personal subscription link', () => {
  const bot = suiteHarness();

  it('emails the link at the level given instead of a code; /permissions changes and revokes it', async () => {
    const status = invokeCard(await share(bot, alex, { calendar: 'Project Phoenix', people: jordan, role: 'limitedRead' }));
    expect(cardText(status)).toContain(`Shared. ${jordan} got a personal subscription link by email, at this level; removing the share stops it.`);
    const [mail] = bot.emulator.control.sentMail(jordan);
    expect(mail.subject).toBe('Alex Wilber shared the calendar «Project Phoenix» with you');
    expect(mail.body.content).not.toMatch(/\/accept|code/i);
    expect(mail.body.content).toContain('Your link shows: Titles and places.');
    expect(mail.body.content).toContain('webcal://');
    const link = linkIn(mail.body.content);
    expect(await summaries(link)).toEqual(['Busy', 'Phoenix design review', 'Phoenix kickoff']);

    const list = cardFrom(await bot.say(alex, '/permissions'));
    expect(cardText(list)).toContain(`Project Phoenix: personal link of ${jordan} · Titles and places`);
    expect(cardText(list)).toContain(`${jordan} · outside your organisation · personal subscription link sent by email`);
    const ask = invokeCard(await bot.click(alex, personButton(list, jordan, 'Change')));
    await bot.click(alex, { ...buttonData(ask, 'Change'), role: 'freeBusyRead' });
    expect(await summaries(link)).toEqual(['Busy', 'Busy', 'Tentative']);

    const rotate = invokeCard(await bot.click(alex, rowButton(cardFrom(await bot.say(alex, '/permissions')), 'Project Phoenix: personal link', 'New link')));
    expect(cardText(rotate)).toContain(`I email the new one to ${jordan}.`);
    await bot.click(alex, buttonData(rotate, 'New link'));
    const renewed = linkIn(bot.emulator.control.sentMail(jordan).at(-1)!.body.content);
    expect(renewed).not.toBe(link);
    expect(await summaries(link)).toEqual(['HTTP 404']);
    expect(await summaries(renewed)).toEqual(['Busy', 'Busy', 'Tentative']);

    const remove = invokeCard(await bot.click(alex, personButton(cardFrom(await bot.say(alex, '/permissions')), jordan, 'Remove')));
    await bot.click(alex, buttonData(remove, 'Stop sharing'));
    expect(await summaries(renewed)).toEqual(['HTTP 404']);
  });

  it('writes in the recipient\'s language (a French domain), whatever the owner\'s', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'claire@exemple.fr', role: 'freeBusyRead' });
    const [mail] = bot.emulator.control.sentMail('claire@exemple.fr');
    expect(mail.body.content).toContain('Votre lien montre : Disponibilités seulement.');
    expect(mail.body.content).toContain('Ce lien est personnel');
    expect(mail.subject).toBe('Alex Wilber a partagé le calendrier « Team Offsite » avec vous');
  });

  it('stops the personal link when Graph refuses its mail for good, not listed in /permissions any more', async () => {
    const sam = 'sam@fabrikam.example.net';
    const links = () => bot.app.database.db.selectFrom('published_calendars').select('status').where('recipient_address', '=', sam).execute();
    bot.emulator.control.injectFault({ method: 'POST', path: 'sendMail$', status: 400, code: 'ErrorInvalidRecipients' });
    try {
      const status = invokeCard(await share(bot, alex, { calendar: 'Project Phoenix', people: sam, role: 'freeBusyRead' }));
      expect(cardText(status)).toContain('Shared, but I could not send the invitation email');
    } finally {
      bot.emulator.control.clearFaults();
    }
    expect(await links()).toEqual([{ status: 'stopped' }]);
    expect(cardText(cardFrom(await bot.say(alex, '/permissions')))).not.toContain(`personal link of ${sam}`);
  });

  it('leaves shares inside the organisation as they were', async () => {
    await share(bot, alex, { calendar: 'Team Offsite', people: 'pattif@example.com', role: 'read' });
    const [mail] = bot.emulator.control.sentMail('pattif@example.com');
    expect(mail.body.content).toMatch(/\/accept [A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(mail.body.content).not.toContain('/feeds/');
  });
});

import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench } from '../../support/demo-users';
import { buttonData, invokeCard } from '../../support/cards';
import { review } from './share-kit';

/**
 * People outside the organisation are never told to use Teams or /accept: their email says how to open the calendar.
 * With personal subscription links off (EXTERNAL_SHARE_LINKS=false), it gives Outlook's own steps for Exchange partners;
 * the personal-link mail is tested in test/publishing/external-share-links.test.ts.
 */
describe('the invitation email to someone outside the organisation, without personal links', () => {
  const bot = suiteHarness({ EXTERNAL_SHARE_LINKS: 'false' });

  it.each([
    ['French', inFrench(alex), /Alex Wilber vous a partagé le calendrier « Calendar »/, /Ouvrir ce calendrier/],
    ['English', alex, /Alex Wilber shared the calendar «Calendar» with you/, /Open this calendar/],
  ] as const)('owner writing in %s: both languages, the owner\'s first, Outlook steps, no Teams, no code', async (_name, owner, first, step) => {
    const address = owner === alex ? 'sam@fabrikam.example.net' : 'jordan@partner.example.org';
    const reviewed = invokeCard(await review(bot, owner, { calendar: 'Calendar', people: address, role: 'freeBusyRead' }));
    await bot.click(owner, buttonData(reviewed, /^(Share|Partager)$/));
    const [mail] = bot.emulator.control.sentMail(address);
    expect(mail).toBeDefined();
    const body = JSON.stringify(mail);
    expect(body).toMatch(first);
    expect(body).toMatch(step);
    expect(body).toMatch(/Open this calendar/);
    expect(body).toMatch(/Ouvrir ce calendrier/);
    expect(body).toContain('alexw@example.com');
    expect(body).not.toMatch(/\/accept|\/accepter|Teams/);
    const french = body.indexOf('Ouvrir ce calendrier');
    const english = body.indexOf('Open this calendar');
    expect(owner === alex ? english < french : french < english).toBe(true);
  });
});

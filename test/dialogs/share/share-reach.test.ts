import { startBotHarness, type BotHarness } from '../../support/bot-harness';
import { cardText, invokeCard } from '../../support/cards';
import { alex, inFrench } from '../../support/demo-users';
import { review } from './share-kit';

const megan = 'meganb@example.com';
const jordan = 'jordan@partner.example.org';

/** The review card says, per person, how they will hear of the share, before anything is written. */
describe('the share review card says how each person is reached', () => {
  let bot: BotHarness;
  afterEach(() => bot?.stop());

  const reviewText = async (owner = alex) =>
    cardText(invokeCard(await review(bot, owner, { calendar: 'Team Offsite', people: `${megan}, ${jordan}`, role: 'limitedRead' })));
  /** The text between a person's heading and the next heading (or the end date line). */
  const section = (text: string, address: string): string => {
    const start = text.indexOf(address);
    const next = [megan, jordan].filter((other) => other !== address).map((other) => text.indexOf(other, start)).filter((at) => at > start);
    return text.slice(start, Math.min(...next, text.length));
  };

  it('with personal links (the default): Teams card inside, personal subscription link by email outside; no code promised', async () => {
    bot = await startBotHarness();
    const text = await reviewText();
    expect(section(text, megan)).toContain('In Teams: an invitation card to accept (or an email with a code if I cannot reach them in Teams).');
    expect(section(text, jordan)).toContain('By email: a personal subscription link for their calendar app, at the level chosen below.');
    expect(section(text, jordan)).not.toMatch(/code/i);
    expect(text).toContain('Nothing is shared until you click Share; this card then shows where each invitation stands.');

    const french = await reviewText(inFrench(alex));
    expect(section(french, megan)).toContain("Dans Teams : une carte d'invitation à accepter (ou un e-mail avec un code si je ne peux pas joindre cette personne dans Teams).");
    expect(section(french, jordan)).toContain("Par e-mail : un lien d'abonnement personnel pour son application d'agenda, au niveau choisi ci-dessous.");
    expect(section(french, jordan)).not.toMatch(/code/i);
  });

  it('with EXTERNAL_SHARE_LINKS=false: people outside get an email with Outlook\'s own way to open it, never a code or Teams', async () => {
    bot = await startBotHarness({ EXTERNAL_SHARE_LINKS: 'false' });
    const text = await reviewText();
    expect(section(text, jordan)).toContain('By email, in English and French: how to open the calendar in their own Outlook («Open this calendar»). Nothing to do in Teams.');
    expect(section(text, jordan)).not.toMatch(/code|\/accept/i);
    expect(text).not.toContain('personal subscription link');
    const french = section(await reviewText(inFrench(alex)), jordan);
    expect(french).toContain('Par e-mail, en français et en anglais : comment ouvrir le calendrier dans son propre Outlook (« Ouvrir ce calendrier »).');
    expect(french).not.toMatch(/code|\/accepter/i);
  });
});

import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench, megan } from '../../support/demo-users';
import { cardText, messageCards } from '../../support/cards';
import { nodesOf, pictureOf, pixel } from './freebusy-kit';
import { statusColors } from '../../../src/freebusy/picture';

describe('/troubleshoot for a booking tool: what it sees next to what is really busy', () => {
  const bot = suiteHarness();

  it('FR: "Calendly ne voit pas mes rendez-vous" shows the case and the comparison, with the events it misses', async () => {
    const turn = await bot.say(inFrench(alex), 'Calendly ne voit pas mes rendez-vous');
    const cards = messageCards(turn);
    expect(cards).toHaveLength(2);
    const text = cardText(cards[1]);
    expect(text).toContain("Ce qu'un outil de réservation voit cette semaine");
    expect(text).toMatch(/Vu par l'outil\nplages occupées : 4\nTous mes calendriers\nplages occupées : 6/);
    expect(text).toContain("Événements que l'outil ne voit pas (2)");
    expect(text).toContain('Mardi 24 novembre, 10:00 – 11:00 · Phoenix kickoff (Project Phoenix)');
    expect(text).toContain('Jeudi 26 novembre, 14:00 – 15:30 · Phoenix design review (Project Phoenix)');
    expect(text).toContain("L'outil vous voit aussi libre pendant les événements « travaille ailleurs » de votre calendrier principal (1).");
  });

  it('EN: the picture has the two rows, the kickoff busy only in the second', async () => {
    const turn = await bot.say(alex, 'Calendly does not see my appointments');
    const card = messageCards(turn)[1];
    expect(cardText(card)).toContain('Events the tool misses (2)');
    const { png, altText } = pictureOf(card);
    expect(altText).toContain('it misses 2 events');
    expect(nodesOf(card, 'Image')).toHaveLength(1);
    // Monday to Friday from now, 08:00-17:00: Tuesday is the second day block; 10:30 is 2.5 h into it.
    const dayWidth = 710 / 5;
    const x = 180 + dayWidth + (2.5 / 9) * dayWidth;
    expect(pixel(png, x, 38 + 25 + 11)).not.toBe(statusColors.busy); // the tool's row
    expect(pixel(png, x, 38 + 50 + 11)).toBe(statusColors.busy); // all my calendars
  });

  it('from the outcome button of the booking-tool path, as new messages, for Megan too', async () => {
    const turn = await bot.click(megan, { verb: 'bookingToolView' });
    const text = messageCards(turn).map(cardText).join('\n');
    // Megan's "Marketing launches" has the spring launch on Thursday evening, outside the main calendar.
    expect(text).toContain('Events the tool misses (1)');
    expect(text).toContain('Spring launch event (Marketing launches)');
  });
});

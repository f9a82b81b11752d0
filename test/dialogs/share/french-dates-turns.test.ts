import { suiteHarness } from '../../support/bot-harness';
import { alex, inFrench } from '../../support/demo-users';
import { cardText, invokeCard } from '../../support/cards';
import { review } from './share-kit';

/** Dates in French cards read as French writes them: the first of the month is "1er". */
describe('French dates on cards', () => {
  const bot = suiteHarness();

  it('shows a share ending on the first of the month as "1er"', async () => {
    const reviewed = invokeCard(await review(bot, inFrench(alex), { calendar: 'Project Phoenix', people: 'meganb@example.com', role: 'read', endDate: '2027-01-01' }));
    expect(cardText(reviewed)).toContain('1er janv. 2027');
    expect(cardText(reviewed)).not.toMatch(/\b1 janv\./);
  });
});

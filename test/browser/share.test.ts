import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

/** Two playgrounds on one bot: Alex (the default config) shares a calendar, Megan accepts it. */
describe('in the Agents Playground, Alex shares a calendar with Megan', () => {
  let session: PlaygroundSession;
  let alex: PlaygroundDriver;
  let megan: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({
      port: 56192,
      configFile: '.m365agentsplayground.yml',
      extraPlaygrounds: [{ port: 56193, configFile: 'playground/megan.m365agentsplayground.yml' }],
    });
    ({ driver: alex, extraDrivers: [megan] } = session);
  });

  afterAll(() => session?.close());

  it('shares, Megan gets the invitation card and accepts, Alex sees the status', async () => {
    // Megan has talked to the bot once, so it can reach her in Teams.
    await megan.say('hello');
    await megan.waitForText('What I can do');

    await alex.say('/share');
    await alex.waitForText('Share a calendar');
    const form = alex.card('Choose a calendar, the people');
    await form.getByRole('combobox', { name: /Calendar/ }).click();
    await alex.page.getByRole('option', { name: 'Team Offsite' }).click();
    await form.getByPlaceholder('e.g. Megan Bowen').fill('meganb@example.com');
    await form.getByText('All details: Sees all the details', { exact: false }).click();
    await alex.screenshot('share-form');
    await alex.clickButton(form, 'Review');

    await alex.waitForText('Check before sharing');
    const reviewCard = alex.card('Check before sharing');
    await reviewCard.getByText('Megan Bowen (meganb@example.com)').waitFor({ state: 'visible' });
    await alex.screenshot('share-review');
    await alex.clickButton(reviewCard, 'Share');

    await alex.waitForText('Invitation sent in Teams: waiting for an answer.');
    await alex.screenshot('share-status-sent');

    await megan.waitForText('Alex Wilber shares a calendar with you');
    const invitation = megan.card('Alex Wilber shares a calendar with you');
    await megan.screenshot('share-invitation');
    await megan.clickButton(invitation, 'Accept');
    await megan.waitForText('You accepted this invitation.');
    await megan.waitForText('does not add «Team Offsite» to your Outlook by itself');
    await megan.waitForText('Add «Team Offsite» to your Outlook');
    await megan.screenshot('share-accepted');

    await alex.waitForText('Megan Bowen accepted your invitation to «Team Offsite» (All details). They add it to their own Outlook: I gave them the steps.');
    await alex.clickButton(alex.card('Sharing «Team Offsite»'), 'Refresh');
    await alex.waitForText('Accepted on');
    await alex.screenshot('share-owner-status');
  });
});

import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

describe('free/busy in the Agents Playground', () => {
  let session: PlaygroundSession;
  let driver: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({ port: 56197, configFile: '.m365agentsplayground.yml' });
    ({ driver } = session);
  });

  afterAll(() => session?.close());

  it('shows the availability picture inside the card, and books a slot after the confirmation', async () => {
    // Next week always has working days ahead, whatever day the test runs.
    await driver.say('find a 30 minute slot with Megan and Adele next week');
    await driver.waitForText('Availability: Megan Bowen, Adele Vance');
    const card = driver.card('Availability: Megan Bowen, Adele Vance');
    const picture = card.locator('img[alt^="Availability picture"]');
    await picture.waitFor({ state: 'visible' });
    // The data: URL decoded and laid out: a real picture, not a broken-image icon.
    const size = await picture.evaluate((node) => {
      const image = node as unknown as { naturalWidth: number; getBoundingClientRect(): { width: number } };
      return { natural: image.naturalWidth, shown: image.getBoundingClientRect().width };
    });
    expect(size.natural).toBe(900);
    expect(size.shown).toBeGreaterThan(300);
    await picture.scrollIntoViewIfNeeded();
    await driver.screenshot('freebusy-card');

    await card.getByRole('button', { name: 'Create the meeting' }).first().click();
    await driver.waitForText('Create this meeting?');
    await driver.clickButton(driver.card('Create this meeting?'), 'Create and invite');
    await driver.waitForText('Meeting created, invitations sent');
    await driver.screenshot('freebusy-booked');
  });
});

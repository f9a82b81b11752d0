import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

describe('in the Agents Playground', () => {
  let session: PlaygroundSession;
  let driver: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({ port: 56190, configFile: '.m365agentsplayground.yml' });
    ({ driver } = session);
  });

  afterAll(() => session?.close());

  it('answers /help with the help card, and its buttons work', async () => {
    await driver.say('/help');
    await driver.waitForText('What I can do');
    await driver.screenshot('help-card');
    const help = driver.card('What I can do');
    await driver.clickButton(help, 'Fix a problem');
    await driver.waitForText("Let's fix it together");
    await driver.screenshot('help-button');
  });
});

import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

describe('in the Agents Playground, as Megan', () => {
  let session: PlaygroundSession;
  let driver: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({ port: 56194, configFile: 'playground/megan.m365agentsplayground.yml' });
    ({ driver } = session);
  });

  afterAll(() => session?.close());

  it('subscribes to the calendar Alex shared earlier, names it, and reads its agenda', async () => {
    // The invitation is long gone: Megan only knows whose calendar it is.
    await driver.say('/subscribe alexw@example.com');
    await driver.waitForText('Calendars Alex Wilber shares with you');
    const pick = driver.card('Calendars Alex Wilber shares with you');
    // The one calendar shared with her is ticked already.
    expect(await pick.getByRole('checkbox', { name: /Project Phoenix/ }).isChecked()).toBe(true);
    await driver.screenshot('subscribe-pick');
    await driver.clickButton(pick, 'Save');

    await driver.waitForText('Done: you now follow Project Phoenix');
    await driver.screenshot('subscribe-done');
    await driver.clickButton(driver.card('Done: you now follow Project Phoenix'), 'Give it my own name');

    await driver.waitForText('Give a shared calendar your own name');
    const form = driver.card('Give a shared calendar your own name');
    await form.getByPlaceholder('e.g. Phoenix').fill('Phoenix');
    await driver.screenshot('subscribe-alias-form');
    await driver.clickButton(form, 'Save');

    await driver.waitForText('"Phoenix" is now your name for Alex Wilber\'s "Project Phoenix"');
    await driver.screenshot('subscribe-alias-saved');
    await driver.clickButton(driver.card('is now your name for'), 'Agenda');

    await driver.waitForText("Alex Wilber's calendar");
    const agenda = driver.card("Alex Wilber's calendar");
    await agenda.getByText('Phoenix kickoff').waitFor({ state: 'visible' });
    expect(await agenda.getByText('Phoenix', { exact: true }).isVisible()).toBe(true);
    await driver.screenshot('subscribe-agenda');
  });
});

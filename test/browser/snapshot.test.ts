import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

describe('in the Agents Playground, Alex emails a snapshot of his calendar', () => {
  let session: PlaygroundSession;
  let driver: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({ port: 56197, configFile: '.m365agentsplayground.yml' });
    ({ driver } = session);
  });

  afterAll(() => session?.close());

  it('fills the card, checks the preview, sends, and the mail with its .ics lands in the inbox', async () => {
    await driver.say('email my calendar for the next 7 days');
    await driver.waitForText('Email a calendar');
    const form = driver.card('Email a calendar');
    await form.getByPlaceholder('megan@example.com, jordan@partner.example.org').fill('meganb@example.com');
    await form.getByText('Titles and places: the times, subject and location', { exact: false }).click();
    await driver.screenshot('snapshot-form');
    await driver.clickButton(form, 'Preview');

    await driver.waitForText('Check before sending');
    const preview = driver.card('Check before sending');
    await preview.getByText('Megan Bowen (meganb@example.com)').waitFor({ state: 'visible' });
    await driver.screenshot('snapshot-preview');
    await driver.clickButton(preview, 'Send');
    await driver.waitForText('Calendar sent');
    await driver.screenshot('snapshot-sent');

    await driver.page.goto(`${session.stack.emulator.origin}/_emulator/inbox/meganb@example.com`);
    await driver.page.getByText('Calendar of Alex Wilber', { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await driver.page.getByRole('link', { name: /^Alex-Wilber-Calendar-.*\.ics$/ }).waitFor({ state: 'visible' });
    await driver.screenshot('snapshot-inbox');
  });
});

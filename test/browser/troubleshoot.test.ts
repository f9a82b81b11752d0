import { megan, tenantId } from '../support/demo-users';
import type { PlaygroundDriver } from './playground-driver';
import { openPlayground, type PlaygroundSession } from './playground-session';

const playgroundPort = 56191;

/**
 * The Agents Playground sends every message and card click with `locale: "en-US"` (hard-coded in
 * 0.2.28; its config has no locale). A French conversation starts with "Mock an Activity > Custom
 * activity" carrying `locale: "fr-FR"`; the case then keeps the language it was opened in, so the
 * clicks that follow (sent as en-US) still get French cards.
 */
async function sayInFrench(driver: PlaygroundDriver, text: string): Promise<void> {
  const { page } = driver;
  await page.getByRole('button', { name: 'Mock an Activity' }).click();
  await page.getByRole('menuitem', { name: 'Custom activity' }).click();
  const activity = {
    id: `custom-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `http://localhost:${playgroundPort}/_connector`,
    recipient: { id: '00000000-0000-0000-0000-000000000011', name: 'Calendar Sharing Assistant' },
    conversation: { id: 'personal-chat-megan', conversationType: 'personal', tenantId },
    from: { id: 'user-id-1', aadObjectId: megan.aadObjectId, name: megan.name },
    type: 'message',
    text,
    locale: 'fr-FR',
  };
  // The editor is Monaco: replace its whole text at once (typing would auto-close brackets).
  await page.locator('.monaco-editor textarea').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(JSON.stringify(activity));
  await page.getByRole('button', { name: 'Send activity' }).click();
}

describe('troubleshooting in the Agents Playground, in French', () => {
  let session: PlaygroundSession;
  let driver: PlaygroundDriver;

  beforeAll(async () => {
    session = await openPlayground({
      port: playgroundPort,
      configFile: 'playground/megan.m365agentsplayground.yml',
      settings: { HELPDESK_USERS: 'lynner@example.com' },
    });
    ({ driver } = session);
  });

  afterAll(() => session?.close());

  it("walks one full path typed in plain words: Alex's shared calendar missing in Outlook 2013, up to the helpdesk", async () => {
    // App, problem and person all in one sentence, as people type it: the case goes straight to its checks.
    await sayInFrench(driver, "je vois toujours pas le calendrier d'Alex dans outlook 2013");
    await driver.waitForText("Ce que j'ai vérifié");
    await driver.waitForText('Partagé avec vous : Project Phoenix (Peut consulter)');
    await driver.waitForText('Ajoutez le calendrier vous-même');
    await driver.screenshot('troubleshoot-fr-1-checks');

    // "toujours pas", typed: the same case goes on to its next step.
    await sayInFrench(driver, 'toujours pas');
    await driver.waitForText("Outlook 2013 en ActiveSync a besoin d'un alias");
    await driver.clickButton(driver.card("Outlook 2013 en ActiveSync a besoin d'un alias"), 'Non, toujours pas');

    await driver.waitForText('Ouvrez le calendrier partagé à la main');
    await driver.clickButton(driver.card('Ouvrez le calendrier partagé à la main'), 'Non, toujours pas');

    await driver.waitForText('Passons le relais au support informatique');
    await driver.waitForText('Étapes essayées');
    await driver.screenshot('troubleshoot-fr-2-handoff');
    await driver.clickButton(driver.card('Passons le relais au support informatique'), 'Envoyer au support');

    await driver.waitForText('Envoyé au support');
    await driver.screenshot('troubleshoot-fr-3-sent');
    const [mail] = session.stack.emulator.control.sentMail('lynner@example.com');
    expect(mail.subject).toMatch(/^\[Aide calendrier\] Megan Bowen : Un calendrier partagé avec moi ne s'affiche pas/);
  });
});

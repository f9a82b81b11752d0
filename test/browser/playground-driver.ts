import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const screenshotDir = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/**
 * Drives the Agents Playground in Debian's Chromium: type a message, click a card button, wait for
 * what the bot shows, save screenshots under test-artifacts/ (git-ignored).
 */
export class PlaygroundDriver {
  private browser!: Browser;
  page!: Page;

  async open(url: string): Promise<this> {
    this.browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    this.page = await this.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await this.page.goto(url);
    await this.composer().waitFor({ state: 'visible', timeout: 30_000 });
    return this;
  }

  /** The message box: a rich-text editor, not a textarea. */
  composer(): Locator {
    return this.page.locator('[data-lexical-editor="true"][role="textbox"]').first();
  }

  async say(text: string): Promise<void> {
    await this.composer().click();
    await this.page.keyboard.type(text);
    await this.page.getByRole('button', { name: 'Send Message' }).click();
  }

  /** The last Adaptive Card the bot showed that contains `text`. */
  card(text: string): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  async waitForText(text: string, timeout = 20_000): Promise<void> {
    await this.page.getByText(text, { exact: false }).last().waitFor({ state: 'visible', timeout });
  }

  async clickButton(card: Locator, title: string): Promise<void> {
    await card.getByRole('button', { name: title }).click();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(screenshotDir, { recursive: true });
    const file = path.join(screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: false });
    return file;
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}

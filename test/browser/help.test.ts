import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../src/config';
import { startLocalStack, type LocalStack } from '../../scripts/local-stack';
import { PlaygroundDriver } from './playground-driver';

const rootDir = path.resolve(__dirname, '..', '..');

describe('in the Agents Playground', () => {
  let stack: LocalStack;
  const driver = new PlaygroundDriver();

  beforeAll(async () => {
    const config = parseConfig({
      APP_MODE: 'local',
      BOT_PORT: '0',
      GRAPH_BASE_URL: 'http://127.0.0.1:0/v1.0',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'csa-browser-')),
      ALLOWED_TENANT_IDS: '00000000-0000-0000-0000-0000000000001',
      LOG_LEVEL: 'silent',
    });
    stack = await startLocalStack({
      rootDir,
      config,
      playground: { port: 56190, configFile: '.m365agentsplayground.yml' },
      logger: pino({ level: 'silent' }),
    });
    await driver.open(stack.playgroundUrl ?? '');
  });

  afterAll(async () => {
    await driver.close();
    await stack?.stop();
  });

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

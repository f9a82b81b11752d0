import { MemoryStorage, type StoreItems } from 'botbuilder';
import pino from 'pino';
import { alex } from '../support/demo-users';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { cardOf } from '../support/fake-connector';

/** Turn state that another instance always saved first: every write is an eTag conflict. */
class AlwaysConflictingStorage extends MemoryStorage {
  writes = 0;
  override write(_changes: StoreItems): Promise<void> {
    this.writes += 1;
    return Promise.reject(new Error('Storage: error writing "msteams/conversations/x" due to eTag conflict.'));
  }
}

describe('eTag conflicts on turn state', () => {
  let bot: BotHarness;
  const storage = new AlwaysConflictingStorage();
  const logs: string[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(line) });
    bot = await startBotHarness({}, { botStorage: storage, logger });
  });
  afterAll(() => bot.stop());

  it('are logged, not shown: the user gets the answer and no error message', async () => {
    const turn = await bot.say(alex, '/help');
    expect(storage.writes).toBeGreaterThan(0);
    expect(turn.status).toBe(200);
    expect(turn.messages).toHaveLength(1);
    expect(cardOf(turn.messages[0])).toBeDefined();
    expect(logs.join('\n')).toContain('eTag conflict');
  });
});

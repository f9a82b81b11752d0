import { MemoryStorage, type StoreItems } from 'botbuilder';
import pino from 'pino';
import { alex } from '../support/demo-users';
import { startBotHarness, type BotHarness } from '../support/bot-harness';
import { cardOf } from '../support/fake-connector';

/** Turn state that another instance always saved first: every write is an eTag conflict. */
class AlwaysConflictingStorage extends MemoryStorage {
  writes = 0;
  reads = 0;
  override read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return super.read(keys);
  }
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

  // teams-ai keeps only its sign-in flow in turn state; the bot keeps nothing there (issue 16: no
  // per-turn reads or writes without Teams SSO), so rapid messages from one person (teams-sdk#2540) cannot conflict.
  it('cannot arise from turns: a message or a click neither reads nor writes turn state, and the user gets the answer', async () => {
    const turn = await bot.say(alex, '/help');
    const click = await bot.click(alex, { verb: 'runCommand', command: 'help' });
    expect({ reads: storage.reads, writes: storage.writes }).toEqual({ reads: 0, writes: 0 });
    expect(turn.status).toBe(200);
    expect(turn.messages).toHaveLength(1);
    expect(cardOf(turn.messages[0])).toBeDefined();
    expect(click.status).toBe(200);
    expect(logs.join('\n')).not.toContain('eTag conflict');
  });
});

import { BotHarness } from '../support/bot-harness';
import { alex, megan } from '../support/demo-users';
import { checkExchange } from '../support/graph-metadata-check';
import { loadGraphModel } from '../support/graph-metadata';
import { startGraphRecorder, type GraphRecorder } from '../support/graph-recorder';
import { deliveredInvitation, share } from '../dialogs/share/share-kit';

/** The bot with a recording proxy between it and the emulator, as a gateway in front of Graph would be. */
class RecordedBot extends BotHarness {
  recorder!: GraphRecorder;

  protected override async graphBaseUrl(): Promise<string> {
    this.recorder = await startGraphRecorder(this.emulator.origin);
    return this.recorder.baseUrl;
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.recorder?.close();
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Real turns (share, invitation, free/busy, permissions, calendars) and what they put on the wire to Graph. */
describe('the Graph traffic of real flows', () => {
  const bot = new RecordedBot();
  beforeAll(async () => {
    await bot.start();
    await bot.say(megan, 'hello');
    await share(bot, alex, { calendar: 'Team Offsite', people: 'meganb@example.com', role: 'read' });
    await deliveredInvitation(bot, megan);
    await bot.say(alex, 'when are Megan and Adele free this week?');
    await bot.say(alex, '/permissions');
    await bot.say(megan, '/calendars');
  });
  afterAll(() => bot.stop());

  it('goes through the proxy only, every answer within the Graph v1.0 metadata', () => {
    expect(bot.recorder.exchanges.length).toBeGreaterThan(5);
    expect(bot.emulator.control.requests().filter((request) => !request.inBatch)).toHaveLength(bot.recorder.exchanges.length);
    const model = loadGraphModel();
    expect(bot.recorder.exchanges.flatMap((exchange) => checkExchange(model, exchange))).toEqual([]);
  });

  it('shows a distinct client-request-id on every request of the flows in the emulator log', () => {
    const ids = bot.emulator.control.requests().map((request) => request.clientRequestId ?? '');
    expect(ids.filter((id) => !uuid.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('asks for a time zone on every read of event times', () => {
    const reads = bot.emulator.control.requests().filter((request) => /\/(calendarView|getSchedule)$/.test(request.path));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((request) => !/outlook\.timezone="[^"]+"/.test(request.prefer ?? ''))).toEqual([]);
  });
});

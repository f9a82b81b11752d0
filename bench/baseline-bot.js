// The baseline of `npm run bench`: a bare teams-ai bot on the same adapter class, restify and
// MemoryStorage, answering every message and every card click with one small static Adaptive Card.
// Plain JavaScript run by `node`, like our production build. Listens on BOT_PORT (0: any free port)
// and prints the same "bot listening" line as our bot.
const restify = require('restify');
const { MemoryStorage, CardFactory } = require('botbuilder');
const { Application, TeamsAdapter } = require('@microsoft/teams-ai');

const card = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Calendar Sharing Assistant', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: 'Share a calendar, follow one shared with you, or fix one that does not show.', wrap: true },
  ],
  actions: [{ type: 'Action.Execute', title: 'Help', verb: 'runCommand', data: { verb: 'runCommand', command: 'help' } }],
};

// BASELINE_GRAPH_URL set: every turn also makes one GET there (undici, keep-alive) and parses the JSON
// answer before replying: the floor of any turn that must read Graph once.
const graphUrl = process.env.BASELINE_GRAPH_URL;
const { request } = require('undici');
const readGraph = async (context) => {
  if (!graphUrl) return;
  const answer = await request(graphUrl, { headers: { authorization: `Bearer emu.${context.activity.from.aadObjectId}` } });
  await answer.body.json();
};

const adapter = new TeamsAdapter({});
const app = new Application({ adapter, storage: new MemoryStorage() });
app.message(/.*/, async (context) => {
  await readGraph(context);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
});
app.adaptiveCards.actionExecute(/.*/, async (context) => {
  await readGraph(context);
  return card;
});

const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => app.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.env.BOT_PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ level: 30, msg: 'bot listening', url: `http://127.0.0.1:${server.address().port}` }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));

import { postActivities } from './load';
import { RemoteBot } from './remote-bot';
import { prepareScenarios } from './scenarios';
import { startStack } from './stack';
import { startBuiltBot } from '../test/support/built-bot';
async function main() {
  const stack = await startStack();
  const withGraph = await startBuiltBot({ BOT_PORT: '0', BASELINE_GRAPH_URL: `${stack.graphBaseUrl}/me/calendars` }, 'bench/baseline-bot.js');
  try {
    const scenarios = await prepareScenarios(new RemoteBot(stack.ours.url, stack.connector), stack.graphBaseUrl);
    const s = scenarios.find((x) => x.name === 'agenda click')!;
    for (let round = 0; round < 3; round++) {
      for (const [name, url] of [['bare', stack.baseline.url], ['bare+1 GET', withGraph.url], ['ours', stack.ours.url]]) {
        await postActivities(url, s.activityFor, { connections: 20, seconds: 1 });
        const r = await postActivities(url, s.activityFor, { connections: 20, seconds: 3 });
        console.log(round, name, r.throughput.toFixed(0), 'p99', r.p99);
      }
    }
  } finally { await withGraph.stop(); await stack.stop(); }
}
main();

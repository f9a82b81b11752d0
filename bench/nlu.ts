import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../src/nlu/corpus';
import { IntentClassifier } from '../src/nlu/intent-classifier';

/**
 * The intent classifier's cost (`npm run bench:nlu`): training at start-up (once per process), the
 * memory it keeps, and one classification per message. Prints one table.
 */
async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const corpus = loadCorpus();
  const t0 = performance.now();
  const classifier = await IntentClassifier.train(corpus);
  const trainMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  const sentences = ["je ne vois toujours pas le calendrier d'Adele", 'give Adele access to my calendar', "Calendly n'arrive pas à se connecter à mon Exchange", "remove Megan's access"];
  const durations: number[] = [];
  for (let run = 0; run < 400; run++) {
    const text = sentences[run % sentences.length];
    const started = performance.now();
    await classifier.classify(run % 2 === 0 ? 'fr' : 'en', `${text} ${run}`);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.floor(q * durations.length)].toFixed(2);
  console.table([
    { measure: 'corpus utterances', value: corpus.length },
    { measure: 'training (ms, once per process)', value: trainMs.toFixed(0) },
    { measure: 'RSS added by training (MB)', value: ((rssAfter - rssBefore) / 1e6).toFixed(0) },
    { measure: 'classify p50 (ms)', value: at(0.5) },
    { measure: 'classify p95 (ms)', value: at(0.95) },
  ]);
}

void main();

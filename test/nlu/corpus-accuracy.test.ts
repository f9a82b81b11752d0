import { loadCorpus, splitCorpus, type LabelledUtterance } from '../../src/nlu/corpus';
import { IntentClassifier } from '../../src/nlu/intent-classifier';
import { intentNames } from '../../src/nlu/intents';

/**
 * Trains a classifier on the training part of the corpus only and measures top-1 accuracy on the
 * held-back part, per language and per intent (printed). Fails under 90% in either language.
 */
describe('the labelled corpus', () => {
  const corpus = loadCorpus();
  const { training, heldBack } = splitCorpus(corpus);
  let classifier: IntentClassifier;

  beforeAll(async () => {
    classifier = await IntentClassifier.train(training);
  });

  it('has at least 300 utterances per language, every intent in both', () => {
    for (const locale of ['fr', 'en'] as const) {
      const mine = corpus.filter((utterance) => utterance.locale === locale);
      expect(mine.length).toBeGreaterThanOrEqual(300);
      expect(new Set(mine.map((utterance) => utterance.intent))).toEqual(new Set(intentNames));
    }
  });

  it('never trains on a held-back sentence', () => {
    const trained = new Set(training.map((utterance) => `${utterance.locale}|${utterance.text.toLowerCase()}`));
    expect(heldBack.filter((utterance) => trained.has(`${utterance.locale}|${utterance.text.toLowerCase()}`))).toEqual([]);
    expect(heldBack.length).toBeGreaterThanOrEqual(120);
  });

  it.each(['fr', 'en'] as const)('classifies the held-back %s sentences at 90%% or more (top-1)', async (locale) => {
    const held = heldBack.filter((utterance) => utterance.locale === locale);
    const misses: Array<LabelledUtterance & { got: string }> = [];
    const perIntent = new Map<string, { right: number; total: number }>();
    for (const utterance of held) {
      const [top] = (await classifier.classify(locale, utterance.text)).ranking;
      const tally = perIntent.get(utterance.intent) ?? { right: 0, total: 0 };
      tally.total++;
      if (top?.intent === utterance.intent) tally.right++;
      else misses.push({ ...utterance, got: top?.intent ?? 'none' });
      perIntent.set(utterance.intent, tally);
    }
    const right = [...perIntent.values()].reduce((sum, tally) => sum + tally.right, 0);
    const accuracy = right / held.length;
    const table = [...perIntent.entries()].map(([intent, tally]) => `${intent.padEnd(13)} ${tally.right}/${tally.total}`).join('\n');
    const missed = misses.map((miss) => `  "${miss.text}" ${miss.intent} -> ${miss.got}`).join('\n');
    console.log(`${locale}: ${(accuracy * 100).toFixed(1)}% top-1 on ${held.length} held-back sentences\n${table}\n${missed}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

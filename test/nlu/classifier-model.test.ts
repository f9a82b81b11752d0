import { trainedClassifier } from '../../src/nlu';
import { loadCorpus } from '../../src/nlu/corpus';
import { IntentClassifier, type ClassifierModel } from '../../src/nlu/intent-classifier';

/** The model the production build saves (`npm run build`) and loads at start-up instead of training. */
describe('the saved intent classifier', () => {
  it('answers every corpus sentence, and sentences it never saw, exactly as the trained one', async () => {
    const trained = await trainedClassifier();
    const loaded = await IntentClassifier.fromModel(JSON.parse(JSON.stringify(trained.toModel())) as ClassifierModel);
    const sentences = [
      ...loadCorpus().map((utterance) => ({ locale: utterance.locale, text: utterance.text })),
      { locale: 'en' as const, text: 'who can see my calendar https://example.com/feed.ics' },
      { locale: 'fr' as const, text: "je ne vois toujours pas l'agenda d'Adele dans Outlook" },
    ];
    for (const { locale, text } of sentences) {
      expect({ text, ...(await loaded.classify(locale, text)) }).toEqual({ text, ...(await trained.classify(locale, text)) });
    }
  });
});

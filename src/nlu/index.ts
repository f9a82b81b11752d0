import { loadCorpus } from './corpus';
import { IntentClassifier } from './intent-classifier';
import { enumEntities, withSymptomKeywords } from './entity-rules';
import { loadTroubleshootTrees } from '../troubleshoot/tree-loader';

let trained: Promise<IntentClassifier> | undefined;

/**
 * The classifier trained on the whole corpus, its symptom words completed by the troubleshooting
 * tree's keywords, once per process (a few hundred milliseconds): every
 * app started in the same process, and every instance of a test, shares it. A broken corpus rejects.
 */
export function trainedClassifier(): Promise<IntentClassifier> {
  trained ??= (async () => {
    const trees = loadTroubleshootTrees();
    const symptoms = (['en', 'fr'] as const).flatMap((locale) => trees.in(locale).tree.symptoms);
    return IntentClassifier.train(loadCorpus(), withSymptomKeywords(enumEntities, symptoms));
  })();
  return trained;
}

export { ConversationContextStore } from './conversation-context';
export { MessageUnderstanding, type Understanding } from './understanding';

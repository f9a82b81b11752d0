import { loadCorpus } from './corpus';
import { IntentClassifier } from './intent-classifier';

let trained: Promise<IntentClassifier> | undefined;

/**
 * The classifier trained on the whole corpus, once per process (a few hundred milliseconds): every
 * app started in the same process, and every instance of a test, shares it. A broken corpus rejects.
 */
export function trainedClassifier(): Promise<IntentClassifier> {
  trained ??= IntentClassifier.train(loadCorpus());
  return trained;
}

export { ConversationContextStore } from './conversation-context';
export { MessageUnderstanding, type Understanding } from './understanding';

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus, type LabelledUtterance } from './corpus';
import { IntentClassifier, type ClassifierModel } from './intent-classifier';

let trained: Promise<IntentClassifier> | undefined;

/** Where `npm run build` saves the trained classifier, next to the compiled module (none in src/). */
export const classifierModelFile = path.join(__dirname, 'classifier-model.json');

interface SavedModel {
  /** The corpus it was trained on: another corpus means training again. */
  corpus: string;
  model: ClassifierModel;
}

/**
 * The classifier of the whole corpus, once per process: loaded from the model the production build
 * saved (tens of milliseconds), else trained (a second or two: tests and `npm start` run from src/).
 * Every app started in the same process, and every instance of a test, shares it. A broken corpus rejects.
 */
export function trainedClassifier(): Promise<IntentClassifier> {
  trained ??= loadOrTrain(loadCorpus());
  return trained;
}

async function loadOrTrain(corpus: LabelledUtterance[]): Promise<IntentClassifier> {
  const saved = existsSync(classifierModelFile) ? (JSON.parse(readFileSync(classifierModelFile, 'utf8')) as SavedModel) : undefined;
  if (saved?.corpus === fingerprintOf(corpus)) return IntentClassifier.fromModel(saved.model);
  return IntentClassifier.train(corpus);
}

/** Trains on the corpus and saves the model where `trainedClassifier` looks for it (the build's last step). */
export async function saveClassifierModel(file: string = classifierModelFile): Promise<void> {
  const corpus = loadCorpus();
  const classifier = await IntentClassifier.train(corpus);
  const saved: SavedModel = { corpus: fingerprintOf(corpus), model: classifier.toModel() };
  writeFileSync(file, JSON.stringify(saved));
}

function fingerprintOf(corpus: LabelledUtterance[]): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}

export { ConversationContextStore } from './conversation-context';
export { MessageUnderstanding, type Understanding } from './understanding';

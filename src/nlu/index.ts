import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus, type LabelledUtterance } from './corpus';
import { IntentClassifier, type ClassifierModel } from './intent-classifier';
import { enumEntities, withSymptomKeywords, type EntityWords } from './entity-rules';
import { loadTroubleshootTrees } from '../troubleshoot/tree-loader';

let trained: Promise<IntentClassifier> | undefined;

/** Where `npm run build` saves the trained classifier, next to the compiled module (none in src/). */
export const classifierModelFile = path.join(__dirname, 'classifier-model.json');

interface SavedModel {
  /** The corpus and entity words it was trained on: others mean training again. */
  corpus: string;
  model: ClassifierModel;
}

/**
 * The classifier of the whole corpus, its symptom words completed by the troubleshooting tree's keywords,
 * once per process: loaded from the model the production build saved (tens of milliseconds), else trained
 * (a second or two: tests and `npm start` run from src/). Every app started in the same process, and every
 * instance of a test, shares it. A broken corpus rejects.
 */
export function trainedClassifier(): Promise<IntentClassifier> {
  trained ??= loadOrTrain(loadCorpus(), entityWords());
  return trained;
}

/** The entity words: the fixed lists, with the troubleshooting trees' symptom keywords. */
function entityWords(): EntityWords {
  const trees = loadTroubleshootTrees();
  const symptoms = (['en', 'fr'] as const).flatMap((locale) => trees.in(locale).tree.symptoms);
  return withSymptomKeywords(enumEntities, symptoms);
}

async function loadOrTrain(corpus: LabelledUtterance[], words: EntityWords): Promise<IntentClassifier> {
  const saved = existsSync(classifierModelFile) ? (JSON.parse(readFileSync(classifierModelFile, 'utf8')) as SavedModel) : undefined;
  if (saved?.corpus === fingerprintOf(corpus, words)) return IntentClassifier.fromModel(saved.model);
  return IntentClassifier.train(corpus, words);
}

/** Trains on the corpus and saves the model where `trainedClassifier` looks for it (the build's last step). */
export async function saveClassifierModel(file: string = classifierModelFile): Promise<void> {
  const corpus = loadCorpus();
  const words = entityWords();
  const classifier = await IntentClassifier.train(corpus, words);
  const saved: SavedModel = { corpus: fingerprintOf(corpus, words), model: classifier.toModel() };
  writeFileSync(file, JSON.stringify(saved));
}

/** What the model was trained from: the corpus and the entity words (the trees' keywords among them). */
function fingerprintOf(corpus: LabelledUtterance[], words: EntityWords): string {
  return createHash('sha256').update(JSON.stringify({ corpus, words })).digest('hex');
}

export { ConversationContextStore } from './conversation-context';
export { MessageUnderstanding, type Understanding } from './understanding';

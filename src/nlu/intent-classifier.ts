import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangFr } from '@nlpjs/lang-fr';
import { Nlp } from '@nlpjs/nlp';
import type { Locale } from '../i18n';
import { foldText } from '../dialogs/commands';
import type { LabelledUtterance } from './corpus';
import { enumEntities, urlPattern, type EntityWords } from './entity-rules';
import { isIntentName, type IntentName } from './intents';
import { synonymVariants } from './synonyms';
import { NearestSentences, type Stems } from './nearest-sentences';

/** One likely meaning of a sentence, with the classifier's confidence (0..1). */
export interface IntentScore {
  intent: IntentName;
  score: number;
}

/** An entity nlp.js recognised: which one, the option (a card's choice id) or the matched text. */
export interface RecognisedEntity {
  entity: string;
  option?: string;
  text: string;
}

export interface Classification {
  /** Best first; only known intents. */
  ranking: IntentScore[];
  entities: RecognisedEntity[];
}

interface NlpEntity {
  entity: string;
  option?: string;
  sourceText?: string;
  utteranceText?: string;
  accuracy?: number;
}

interface NlpResult {
  classifications?: Array<{ intent: string; score: number }>;
  entities?: NlpEntity[];
}

interface DomainNlu {
  prepare(text: string): Promise<Record<string, number>>;
}

interface NlpEngine {
  nluManager: { process(locale: string, text: string): Promise<NlpResult>; domainManagers: Record<string, { domains: Record<string, DomainNlu> }> };
  ner: { process(input: { locale: string; text: string }): Promise<NlpResult> };
  addDocument(locale: string, text: string, intent: string): void;
  addNerRuleOptionTexts(locale: string, entity: string, option: string, texts: string[]): void;
  addNerRegexRule(locale: string, entity: string, pattern: RegExp): void;
  train(): Promise<void>;
  toJSON(): unknown;
  fromJSON(json: unknown): void;
  process(locale: string, text: string): Promise<NlpResult>;
}

/**
 * The offline intent classifier: nlp.js (a neural classifier over stemmed words, per language, and
 * enum/regex entity extraction), trained in the process from the labelled corpus. Train once per
 * process (`IntentClassifier.train`), then `classify` costs well under a millisecond per sentence.
 */
export class IntentClassifier {
  private constructor(
    private readonly nlp: NlpEngine,
    /** Words the corpus uses in lower case: never taken for a person's name. */
    readonly vocabulary: ReadonlySet<string>,
    private readonly nearest: Record<Locale, NearestSentences>,
    /** The corpus sentences themselves: a message that is one of them gets its label. */
    private readonly known: ReadonlyMap<string, IntentName>,
    /** The nearest-sentence index's input, kept for `toModel`. */
    private readonly indexed: IndexedSentence[],
  ) {}

  /** The trained classifier as JSON, to load with `fromModel` instead of training again (`npm run build` saves it). */
  toModel(): ClassifierModel {
    return { nlp: this.nlp.toJSON(), vocabulary: [...this.vocabulary], known: [...this.known], indexed: this.indexed };
  }

  /** A classifier as `toModel` saved it: no training, the same answers. */
  static async fromModel(model: ClassifierModel): Promise<IntentClassifier> {
    const nlp = await newNlp();
    nlp.fromJSON(model.nlp);
    return new IntentClassifier(nlp, new Set(model.vocabulary), nearestIndex(model.indexed), new Map(model.known), model.indexed);
  }

  static async train(corpus: LabelledUtterance[], entityWords: EntityWords = enumEntities): Promise<IntentClassifier> {
    const nlp = await newNlp();
    const vocabulary = vocabularyOf(corpus, entityWords);
    const documents: Array<{ locale: Locale; intent: IntentName; text: string; variant: boolean }> = [];
    for (const utterance of corpus) {
      const folded = foldText(maskNames(utterance.text, vocabulary));
      documents.push({ locale: utterance.locale, intent: utterance.intent, text: folded, variant: false });
      synonymVariants(utterance.locale, folded).forEach((text, index) => documents.push({ locale: utterance.locale, intent: utterance.intent, text, variant: index >= neuralVariants }));
    }
    // The neural network's training time grows with every sentence: it learns from the corpus and its
    // first synonym variant; all the variants widen the nearest-sentence index, which costs little to build.
    for (const document of documents) if (!document.variant) nlp.addDocument(document.locale, document.text, document.intent);
    for (const locale of ['fr', 'en']) {
      for (const [entity, options] of Object.entries(entityWords)) {
        for (const [option, texts] of Object.entries(options)) {
          nlp.addNerRuleOptionTexts(locale, entity, option, texts.map(foldText));
        }
      }
      nlp.addNerRegexRule(locale, 'url', urlPattern);
    }
    await nlp.train();
    const indexed: IndexedSentence[] = [];
    for (const document of documents) indexed.push({ locale: document.locale, intent: document.intent, stems: await stemsOf(nlp, document.locale, document.text) });
    const known = new Map(documents.filter((document) => !document.variant).map((document) => [`${document.locale}|${document.text}`, document.intent]));
    return new IntentClassifier(nlp, vocabulary, nearestIndex(indexed), known, indexed);
  }

  /** `names`: words the directory matched as people ("adele" typed in lower case), masked like capitalised names. */
  async classify(locale: Locale, text: string, names: string[] = []): Promise<Classification> {
    const folded = foldText(text);
    const masked = foldText(maskNames(text, this.vocabulary, new Set(names.map(foldText))));
    // The classifier sees the words themselves (nlp.js's own process would also try a version with
    // entities replaced by placeholders, which the corpus never contains); entities are read apart.
    const classified = await this.nlp.nluManager.process(locale, masked);
    const result = await this.nlp.ner.process({ locale, text: folded });
    const neural = new Map((classified.classifications ?? []).filter((entry): entry is IntentScore => isIntentName(entry.intent)).map((entry) => [entry.intent, entry.score]));
    const similar = this.nearest[locale].scores(await stemsOf(this.nlp, locale, masked));
    // The neural opinion alone is all or nothing on short sentences; the nearest sentences weigh a little more.
    const labelled = this.known.get(`${locale}|${masked}`);
    const ranking = [...new Set([...neural.keys(), ...similar.keys()])]
      .map((intent) => ({ intent, score: neuralWeight * (neural.get(intent) ?? 0) + (1 - neuralWeight) * (similar.get(intent) ?? 0) }))
      .map((entry) => (entry.intent === labelled ? { ...entry, score: 1 } : entry))
      .sort((a, b) => b.score - a.score);
    const entities = (result.entities ?? []).map((entity) => ({
      entity: entity.entity,
      ...(entity.option && { option: entity.option }),
      // The URL is read from the original text: its case matters.
      text: entity.entity === 'url' ? originalUrl(text, entity.utteranceText ?? '') : (entity.utteranceText ?? ''),
    }));
    return { ranking, entities };
  }
}

/** A corpus sentence (or a synonym variant) in the nearest-sentence index. */
interface IndexedSentence {
  locale: Locale;
  intent: IntentName;
  stems: Stems;
}

/** Everything a trained classifier needs to answer, as plain JSON. */
export interface ClassifierModel {
  nlp: unknown;
  vocabulary: string[];
  known: Array<[string, IntentName]>;
  indexed: IndexedSentence[];
}

async function newNlp(): Promise<NlpEngine> {
  const container = await containerBootstrap();
  container.use(LangEn);
  container.use(LangFr);
  // forceNER: entities are extracted on every sentence, not only for intents with slots.
  return new Nlp({ languages: ['fr', 'en'], forceNER: true, calculateSentiment: false, autoSave: false, autoLoad: false, log: false, nlu: { log: false }, ner: { threshold: 0.85 } }, container) as unknown as NlpEngine;
}

function nearestIndex(indexed: IndexedSentence[]): Record<Locale, NearestSentences> {
  const nearest = { fr: new NearestSentences(), en: new NearestSentences() };
  for (const sentence of indexed) nearest[sentence.locale].add(sentence.intent, sentence.stems);
  nearest.fr.seal();
  nearest.en.seal();
  return nearest;
}

/** The stems nlp.js's classifier sees for a text (its tokenizer, stop words kept, its stemmer). */
async function stemsOf(nlp: NlpEngine, locale: Locale, text: string): Promise<Stems> {
  const domain = Object.values(nlp.nluManager.domainManagers[locale]?.domains ?? {})[0];
  const stems = domain ? Object.keys(await domain.prepare(text)) : text.split(/\s+/);
  // Word pairs too: "my shared calendars" and "share my calendar" have the same stems, not the same order.
  return [...stems, ...stems.slice(1).map((stem, index) => `${stems[index]}_${stem}`)];
}

/** The neural network's share of the final score (the nearest sentences have the rest). */
const neuralWeight = 0.4;

/** How many synonym variants of each sentence the neural network trains on (start-up time against accuracy). */
const neuralVariants = 1;

/** Stands for any person's name, in training and in classified sentences, so names never become intent words. */
const personToken = 'xperson';

/**
 * Words the corpus uses in lower case (and the entity words): never a name. Addresses and URLs are
 * left out, so "megan@example.com" does not make "megan" a word.
 */
function vocabularyOf(corpus: LabelledUtterance[], entityWords: EntityWords): Set<string> {
  const vocabulary = new Set<string>();
  for (const utterance of corpus) {
    const plain = utterance.text.split(/\s+/).filter((token) => !token.includes('@') && !token.includes('://')).join(' ');
    for (const word of plain.split(/[^\p{L}\p{N}]+/u)) if (word && word === word.toLowerCase()) vocabulary.add(foldText(word));
  }
  for (const options of Object.values(entityWords)) {
    for (const texts of Object.values(options)) for (const text of texts) for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) if (word) vocabulary.add(word);
  }
  return vocabulary;
}

/** Capitalised words the vocabulary does not know (names), and the given names, become one token. */
function maskNames(text: string, vocabulary: ReadonlySet<string>, names: ReadonlySet<string> = new Set()): string {
  // An address names a person too: its parts ("partner", "example") say nothing of the intent.
  return text.replace(/[^\s@]+@[^\s@]+/g, personToken).replace(/\p{L}[\p{L}-]*/gu, (word) => {
    const folded = foldText(word);
    const capitalised = word[0] !== word[0].toLowerCase();
    return (capitalised && !vocabulary.has(folded)) || names.has(folded) ? personToken : word;
  });
}

/** The URL as typed (folding lowered it). */
function originalUrl(text: string, folded: string): string {
  const found = [...text.matchAll(urlPattern)].map((match) => match[0]).find((url) => foldText(url) === folded);
  return found ?? folded;
}

import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangFr } from '@nlpjs/lang-fr';
import { Nlp } from '@nlpjs/nlp';
import type { Locale } from '../i18n';
import { foldText } from '../dialogs/commands';
import type { LabelledUtterance } from './corpus';
import { enumEntities, urlPattern } from './entity-rules';
import { isIntentName, type IntentName } from './intents';

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

interface NlpEngine {
  nluManager: { process(locale: string, text: string): Promise<NlpResult> };
  ner: { process(input: { locale: string; text: string }): Promise<NlpResult> };
  addDocument(locale: string, text: string, intent: string): void;
  addNerRuleOptionTexts(locale: string, entity: string, option: string, texts: string[]): void;
  addNerRegexRule(locale: string, entity: string, pattern: RegExp): void;
  train(): Promise<void>;
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
  ) {}

  static async train(corpus: LabelledUtterance[]): Promise<IntentClassifier> {
    const container = await containerBootstrap();
    container.use(LangEn);
    container.use(LangFr);
    // forceNER: entities are extracted on every sentence, not only for intents with slots.
    const nlp = new Nlp({ languages: ['fr', 'en'], forceNER: true, calculateSentiment: false, autoSave: false, autoLoad: false, log: false, nlu: { log: false }, ner: { threshold: 0.85 } }, container) as unknown as NlpEngine;
    const vocabulary = new Set<string>();
    for (const utterance of corpus) {
      nlp.addDocument(utterance.locale, foldText(utterance.text), utterance.intent);
      // Names in the corpus are capitalised ("Adele"); every other word is vocabulary.
      const withoutAddresses = utterance.text.split(/\s+/).filter((token) => !token.includes('@') && !token.includes('://')).join(' ');
      for (const word of withoutAddresses.split(/[^\p{L}\p{N}]+/u)) if (word && word === word.toLowerCase()) vocabulary.add(foldText(word));
    }
    for (const locale of ['fr', 'en']) {
      for (const [entity, options] of Object.entries(enumEntities)) {
        for (const [option, texts] of Object.entries(options)) {
          nlp.addNerRuleOptionTexts(locale, entity, option, texts.map(foldText));
          for (const text of texts) for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) if (word) vocabulary.add(word);
        }
      }
      nlp.addNerRegexRule(locale, 'url', urlPattern);
    }
    await nlp.train();
    return new IntentClassifier(nlp, vocabulary);
  }

  async classify(locale: Locale, text: string): Promise<Classification> {
    const folded = foldText(text);
    // The classifier sees the words themselves (nlp.js's own process would also try a version with
    // entities replaced by placeholders, which the corpus never contains); entities are read apart.
    const classified = await this.nlp.nluManager.process(locale, folded);
    const result = await this.nlp.ner.process({ locale, text: folded });
    const ranking = (classified.classifications ?? [])
      .filter((entry): entry is IntentScore => isIntentName(entry.intent))
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

/** The URL as typed (folding lowered it). */
function originalUrl(text: string, folded: string): string {
  const found = [...text.matchAll(urlPattern)].map((match) => match[0]).find((url) => foldText(url) === folded);
  return found ?? folded;
}

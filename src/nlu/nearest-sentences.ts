import type { IntentName } from './intents';

/** Stemmed words of a sentence (nlp.js's own tokenizer and stemmer for the language). */
export type Stems = string[];

/**
 * The second opinion next to nlp.js's neural classifier: the training sentences closest to the
 * message, by TF-IDF cosine over stems. The neural network answers nothing at all when a sentence
 * has too few words it knows; the nearest sentences still say which request looks most alike.
 */
export class NearestSentences {
  private readonly documents: Array<{ intent: IntentName; weights: Map<string, number>; norm: number }> = [];
  private idf = new Map<string, number>();
  private readonly pending: Array<{ intent: IntentName; stems: Stems }> = [];

  add(intent: IntentName, stems: Stems): void {
    this.pending.push({ intent, stems });
  }

  /** Computes the weights once every sentence is added. */
  seal(): void {
    const documentFrequency = new Map<string, number>();
    for (const { stems } of this.pending) for (const stem of new Set(stems)) documentFrequency.set(stem, (documentFrequency.get(stem) ?? 0) + 1);
    const total = this.pending.length;
    this.idf = new Map([...documentFrequency].map(([stem, count]) => [stem, Math.log(1 + total / count)]));
    for (const { intent, stems } of this.pending) {
      const weights = this.weigh(stems);
      this.documents.push({ intent, weights, norm: norm(weights) });
    }
    this.pending.length = 0;
  }

  /** Per intent, the best cosine similarity of one of its sentences (0..1). */
  scores(stems: Stems): Map<IntentName, number> {
    const query = this.weigh(stems);
    const queryNorm = norm(query);
    const best = new Map<IntentName, number>();
    if (queryNorm === 0) return best;
    for (const document of this.documents) {
      let dot = 0;
      for (const [stem, weight] of query) dot += weight * (document.weights.get(stem) ?? 0);
      if (dot === 0) continue;
      const similarity = dot / (queryNorm * document.norm);
      if (similarity > (best.get(document.intent) ?? 0)) best.set(document.intent, similarity);
    }
    return best;
  }

  private weigh(stems: Stems): Map<string, number> {
    const weights = new Map<string, number>();
    for (const stem of stems) {
      const idf = this.idf.get(stem);
      if (idf !== undefined) weights.set(stem, (weights.get(stem) ?? 0) + idf);
    }
    return weights;
  }
}

function norm(weights: Map<string, number>): number {
  let sum = 0;
  for (const weight of weights.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

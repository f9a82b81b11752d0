import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../i18n';
import { intentNames, type IntentName } from './intents';

/** One labelled sentence of the corpus. */
export interface LabelledUtterance {
  locale: Locale;
  intent: IntentName;
  text: string;
}

const corpusFile = z.object({
  intent: z.enum(intentNames),
  utterances: z.array(z.string().trim().min(1).max(300)).min(1),
});

export const defaultCorpusDir = path.join(__dirname, 'corpus');

/**
 * The labelled corpus: `corpus/<locale>/<intent>.json`, each `{ intent, utterances[] }`. Read once
 * at start-up; a malformed file stops start-up with its name, like a broken troubleshooting tree.
 */
export function loadCorpus(dir: string = defaultCorpusDir): LabelledUtterance[] {
  const utterances: LabelledUtterance[] = [];
  for (const locale of ['fr', 'en'] as const) {
    const folder = path.join(dir, locale);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
      const parsed = corpusFile.safeParse(JSON.parse(readFileSync(path.join(folder, file), 'utf8')));
      if (!parsed.success) throw new Error(`NLU corpus ${locale}/${file} is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      if (file !== `${parsed.data.intent}.json`) throw new Error(`NLU corpus ${locale}/${file} declares intent ${parsed.data.intent}`);
      for (const text of parsed.data.utterances) utterances.push({ locale, intent: parsed.data.intent, text });
    }
  }
  return utterances;
}

/**
 * The evaluation split: every fifth sentence of each intent file (positions 4, 9, 14...) is held back.
 * Deterministic, so the corpus test always measures the same held-back sentences, and the training
 * part of that test never contains one of them.
 */
export function splitCorpus(corpus: LabelledUtterance[]): { training: LabelledUtterance[]; heldBack: LabelledUtterance[] } {
  const position = new Map<string, number>();
  const training: LabelledUtterance[] = [];
  const heldBack: LabelledUtterance[] = [];
  for (const utterance of corpus) {
    const key = `${utterance.locale}/${utterance.intent}`;
    const index = position.get(key) ?? 0;
    position.set(key, index + 1);
    (index % 5 === 4 ? heldBack : training).push(utterance);
  }
  return { training, heldBack };
}

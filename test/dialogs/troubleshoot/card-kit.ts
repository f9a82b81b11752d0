import { columnRows, type Card } from '../../support/cards';

/** The checklist rows of a card, as "✓ sentence" (the mark and the sentence are two columns). */
export function checklist(card: Card): string[] {
  return columnRows(card)
    .filter((texts) => texts.length === 2 && ['✓', '✗', '?'].includes(texts[0]))
    .map(([mark, sentence]) => `${mark} ${sentence}`);
}

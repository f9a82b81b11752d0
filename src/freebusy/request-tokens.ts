/**
 * A small, linear tokenizer for free/busy requests typed in French or English. It walks the text once,
 * character by character; no pattern is ever run over the whole user text, so no input can make it slow.
 */

export interface Token {
  /** As typed (names keep their case). */
  text: string;
  /** Lower case, accents folded, typographic apostrophes made straight: what the vocabulary matches. */
  folded: string;
  kind: 'word' | 'separator';
}

const maxInput = 500;
const maxTokens = 80;

function isWordChar(char: string): boolean {
  // One character at a time: a Unicode letter or digit, or what addresses and "après-midi" / "aujourd'hui" hold.
  return /[\p{L}\p{N}]/u.test(char) || "@._+-'’".includes(char);
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/’/g, "'");
}

/** French elisions glued to the next word ("d'Adele", "l'après-midi", "qu'Adele"). */
const elisions = ["d'", "l'", "qu'", "j'"];

function pushWord(tokens: Token[], raw: string): void {
  const text = raw.replace(/^[.'’-]+|[.'’-]+$/g, '');
  if (!text) return;
  const folded = fold(text);
  const elision = elisions.find((prefix) => folded.startsWith(prefix) && folded.length > prefix.length);
  if (elision) {
    tokens.push({ text: text.slice(0, elision.length), folded: elision, kind: 'word' });
    pushWord(tokens, text.slice(elision.length));
    return;
  }
  tokens.push({ text, folded, kind: 'word' });
}

/** Words and separators (",", ";", "?", "!", "/"), at most 80 tokens of a text cut at 500 characters. */
export function tokenize(input: string): Token[] {
  const text = input.slice(0, maxInput);
  const tokens: Token[] = [];
  let word = '';
  for (const char of text) {
    if (isWordChar(char)) {
      word += char;
      continue;
    }
    if (word) pushWord(tokens, word);
    word = '';
    if (',;?!/'.includes(char)) tokens.push({ text: char, folded: char, kind: 'separator' });
    if (tokens.length >= maxTokens) break;
  }
  if (word && tokens.length < maxTokens) pushWord(tokens, word);
  return tokens.slice(0, maxTokens);
}

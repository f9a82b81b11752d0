/**
 * Reading what people type, in time linear in its length. Every regular expression that sees user
 * text is anchored on a short token or has no nested or adjacent unbounded quantifiers: an
 * unanchored address pattern over 28 KB without an `@` used to cost the only thread almost half a
 * second, and 900 KB froze the bot.
 */

/** The longest message the bot reads; longer ones get a polite answer and are not parsed. */
export const maxMessageChars = 4_000;

/** Characters that end an address inside a sentence: spaces and the punctuation around addresses. */
const separators = new Set([' ', '\t', '\n', '\r', '\f', '\v', '<', '>', '(', ')', '"', ',', ';', ':', '[', ']', '\u00a0']);

/** Splits text into the runs between separators (one pass, no regular expression). */
export function addressTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let index = 0; index <= text.length; index++) {
    const ends = index === text.length || separators.has(text[index]);
    if (ends) {
      if (start >= 0) tokens.push(text.slice(start, index));
      start = -1;
    } else if (start < 0) start = index;
  }
  return tokens;
}

/** `local@domain.tld`, with no other `@`: anchored, so one pass over the token. */
const addressShape = /^[^@]+@[^@.][^@]*\.[^@.]+$/;

/** Whether one token has the shape of an email address (the directory decides if it exists). */
export function isAddressToken(token: string): boolean {
  return token.length <= 320 && addressShape.test(token);
}

/** Every address-shaped token of a text, in order, without sentence punctuation after it. */
export function addressesIn(text: string): string[] {
  return addressTokens(text).map(withoutTrailingPunctuation).filter(isAddressToken);
}

/** "megan@example.com." at the end of a sentence is megan@example.com. */
function withoutTrailingPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && '.!?\''.includes(token[end - 1])) end--;
  return token.slice(0, end);
}

/** The words of a text, split on any whitespace. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

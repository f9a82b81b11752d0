import { visibleName, visibleText } from '../text/display-text';
import type { AdaptiveCardJson } from './render-card';

/**
 * Markdown and the characters Teams' renderer treats as formatting, anywhere in a line: links and
 * images (`[` `]`), emphasis and strike-through, code, HTML and `<at>` mentions. Escaped with a
 * backslash (CommonMark), so the text shows as typed.
 */
const inline = /[\\`*_~[\]<]/g;
/** What only formats at the start of a line: headings, quotes, list items, numbered lists. */
const lineStart = /^([ \t]*)([#>+=-]|\d+(?=[.)]))/gm;

/**
 * Text for an Adaptive Card `TextBlock`, a `Fact` or a Teams text message: whatever a name, a
 * calendar name or a subject contains, it shows as text, never as a link or formatting, and
 * without invisible direction-changing characters. `renderCard` and the bot's message sender
 * apply it to every such text, so product code never calls it for those; call it for text going
 * into a card by another way.
 */
export function cardText(text: string): string {
  // Linear: each pattern is a character class or anchored at a line start, with no nested quantifier.
  return visibleText(text)
    .replace(inline, (char) => `\\${char}`)
    .replace(lineStart, (_match, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** Text a card shows without markdown (button titles, choices, labels, input values): visible characters only. */
export function cardPlainText(text: string): string {
  return visibleName(text);
}

/** Card properties Teams renders as markdown, by element type. */
const markdownProperties: Record<string, string[]> = { TextBlock: ['text'], TextRun: ['text'] };
const plainProperties = new Set(['title', 'label', 'placeholder', 'fallbackText', 'speak', 'altText', 'errorMessage']);

/**
 * Makes every text of an expanded card safe: markdown properties through `cardText`, facts (whose
 * title and value are markdown), the rest of the shown strings through `cardPlainText`. Action
 * `data` and input ids are left as they are.
 */
export function safeCard(card: AdaptiveCardJson): AdaptiveCardJson {
  return walk(card) as AdaptiveCardJson;
}

function walk(node: unknown, key = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => walk(item, key));
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Record<string, unknown>;
  const type = typeof element.type === 'string' ? element.type : '';
  const markdown = key === 'facts' ? ['title', 'value'] : (markdownProperties[type] ?? []);
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(element)) {
    if (name === 'data') result[name] = value;
    else if (typeof value === 'string' && markdown.includes(name)) result[name] = cardText(value);
    else if (typeof value === 'string' && plainProperties.has(name)) result[name] = cardPlainText(value);
    else result[name] = walk(value, name);
  }
  return result;
}

import type { AdaptiveCardJson } from './render-card';

/**
 * Teams cuts a button title at about this many characters when buttons sit side by side in a narrow
 * window (the side panel, a phone, a split screen).
 */
export const sideBySideTitleLength = 20;
/** A button alone on its row gets the card's width: a title stays whole up to about this length. */
export const stackedTitleLength = 40;
/**
 * What a card may weigh, counted as Teams counts a bot message: UTF-16, so two bytes per character of
 * the JSON. Teams refuses a message over about 100 KB and asks to stay within 80 KB
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages); the card keeps
 * room for the rest of the activity.
 */
export const maxCardBytes = 72_000;

/** Shown texts longer than these are shortened for display: names in headings, facts, choices. */
const maxLength = { heading: 160, fact: 300, choice: 120 };
/** When a card is still too heavy, its shown texts are shortened to these lengths, in turn, until it fits. */
const shrinkSteps = [400, 200, 120, 80, 50];

/** A card's weight as Teams counts it. */
export function cardBytes(card: unknown): number {
  return JSON.stringify(card).length * 2;
}

type Node = Record<string, unknown>;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** How long a text looks: characters as people count them (an emoji or an accented letter is one). */
export function displayLength(text: string): number {
  return text.length < 2 ? text.length : [...segmenter.segment(text)].length;
}

/**
 * The text cut to `max` characters with an ellipsis, never in the middle of a character, and never
 * leaving a lone escaping backslash before the ellipsis.
 */
export function shortenForDisplay(text: string, max: number): string {
  // A text is never longer in characters than in UTF-16 units: most texts need no segmenting.
  if (text.length <= max || displayLength(text) <= max) return text;
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (count === max - 1) break;
    out += segment;
    count++;
  }
  return `${out.replace(/\\+$/, '').trimEnd()}…`;
}

function isAction(node: unknown): node is Node {
  return typeof node === 'object' && node !== null && typeof (node as Node).type === 'string' && ((node as Node).type as string).startsWith('Action.');
}

/** Shortens an action's title (and its fallback's) to what a button shows whole. */
function shortenTitle(action: Node, max: number): Node {
  const fallback = isAction(action.fallback) ? { fallback: shortenTitle(action.fallback, max) } : {};
  return typeof action.title === 'string' ? { ...action, title: shortenForDisplay(action.title, max), ...fallback } : action;
}

/** Whether buttons can share a row without Teams cutting a title. */
function fitsSideBySide(actions: Node[]): boolean {
  return actions.length <= 1 || actions.every((action) => typeof action.title !== 'string' || action.title.length <= sideBySideTitleLength || displayLength(action.title) <= sideBySideTitleLength);
}

/** One ActionSet per button: each gets the card's width. */
function stacked(actions: Node[], spacing?: unknown): Node[] {
  return actions.map((action, index) => ({
    type: 'ActionSet',
    ...(index === 0 && spacing !== undefined ? { spacing } : { spacing: 'Small' }),
    actions: [shortenTitle(action, stackedTitleLength)],
  }));
}

/** Rewrites a list of body elements: ActionSets whose buttons would be cut side by side become one row per button. */
function fitElements(elements: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const element of elements) {
    const node = fitNode(element);
    if (typeof node === 'object' && node !== null && (node as Node).type === 'ActionSet' && Array.isArray((node as Node).actions)) {
      const actions = ((node as Node).actions as unknown[]).filter(isAction);
      if (!fitsSideBySide(actions)) {
        out.push(...stacked(actions, (node as Node).spacing));
        continue;
      }
      out.push({ ...(node as Node), actions: actions.map((action) => shortenTitle(action, actions.length > 1 ? sideBySideTitleLength : stackedTitleLength)) });
      continue;
    }
    out.push(node);
  }
  return out;
}

const elementLists = new Set(['body', 'items']);

function fitNode(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fitNode);
  if (typeof node !== 'object' || node === null) return node;
  const result: Node = {};
  for (const [key, value] of Object.entries(node as Node)) {
    if (key === 'data' || key === 'refresh') result[key] = value;
    else if (elementLists.has(key) && Array.isArray(value)) result[key] = fitElements(value);
    else result[key] = fitNode(value);
  }
  return result;
}

/** The most a shown text of this element may keep: facts, choices and headings always; every text block when `max` is set. */
function limitsOf(element: Node, key: string, max: number | undefined): Record<string, number> {
  const cap = (length: number) => Math.min(length, max ?? length);
  if (key === 'facts') return { title: cap(maxLength.fact), value: cap(maxLength.fact) };
  if (key === 'choices') return { title: cap(maxLength.choice) };
  if (element.type === 'TextBlock') return element.weight === 'Bolder' ? { text: cap(maxLength.heading) } : max ? { text: max } : {};
  return {};
}

/** Shortens the shown texts of a card (never ids, data or typed values) to their limits. */
function shortenTexts(node: unknown, max: number | undefined, key = ''): unknown {
  if (Array.isArray(node)) return node.map((item) => shortenTexts(item, max, key));
  if (typeof node !== 'object' || node === null) return node;
  const element = node as Node;
  const limits = limitsOf(element, key, max);
  const result: Node = {};
  for (const [name, value] of Object.entries(element)) {
    if (name === 'data' || name === 'refresh') result[name] = value;
    else if (typeof value === 'string' && limits[name] !== undefined) result[name] = shortenForDisplay(value, limits[name]);
    else result[name] = shortenTexts(value, max, name);
  }
  return result;
}

/**
 * Makes a card fit a narrow Teams window and Teams' size limit, whatever the names in it: buttons
 * that would be cut side by side are stacked one per row (ActionSets in the body), titles are kept
 * to what a button shows, long names are shortened for display (the full value stays in the card's
 * data and in the bot's records), and a card still too heavy has its texts shortened until it fits.
 */
export function fitCard(card: AdaptiveCardJson): AdaptiveCardJson {
  const { actions, ...rest } = card;
  let fitted = fitNode(rest) as Node;
  const top = Array.isArray(actions) ? actions.filter(isAction) : [];
  if (top.length > 0) {
    if (fitsSideBySide(top)) {
      fitted.actions = top.map((action) => shortenTitle(action, top.length > 1 ? sideBySideTitleLength : stackedTitleLength));
    } else {
      const body: unknown[] = Array.isArray(fitted.body) ? (fitted.body as unknown[]) : [];
      fitted.body = [...body, ...stacked(top, 'Medium')];
    }
  }
  fitted = shortenTexts(fitted, undefined) as Node;
  for (const max of shrinkSteps) {
    if (cardBytes(fitted) <= maxCardBytes) break;
    fitted = shortenTexts(fitted, max) as Node;
  }
  return fitted as AdaptiveCardJson;
}

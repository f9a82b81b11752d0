import type { BotHarness, TurnResult } from './bot-harness';
import type { DemoUser } from './demo-users';
import { cardOf } from './fake-connector';

/** An Adaptive Card as the bot sent it. */
export type Card = Record<string, unknown>;

/** A button as the user sees it: its title and the data its click sends. */
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
  fallback?: { type: string; title?: string; data: Record<string, unknown> };
}

/** A choice of an Input.ChoiceSet: what the person reads and what the form sends. */
export interface CardChoice {
  title: string;
  value: string;
}

/**
 * Visits every object of a card, depth first. The keys in `skip` are not entered: a card's `refresh`
 * action is no button, and a button's `fallback` is the same button again for older clients.
 */
function walk(node: unknown, visit: (value: Record<string, unknown>) => void, skip: readonly string[] = []): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit, skip));
  else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    visit(record);
    for (const [key, child] of Object.entries(record)) if (!skip.includes(key)) walk(child, visit, skip);
  }
}

/** The card an Action.Execute answered with (the invoke response body), if it answered with a card. */
export function invokeCard(turn: TurnResult): Card | undefined {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  return body?.type === 'application/vnd.microsoft.card.adaptive' ? (body.value as Card) : undefined;
}

/** The card a click answered with (it replaces the clicked card), else the first card of the messages sent. Throws when there is none. */
export function cardFrom(turn: TurnResult): Card {
  const card = invokeCard(turn) ?? messageCards(turn)[0];
  if (!card) throw new Error(`No card in the turn: ${JSON.stringify({ body: turn.body, messages: turn.messages.map((m) => m.text) })}`);
  return card;
}

/** Cards sent as new messages during the turn (not the one that replaced the clicked card). */
export function messageCards(turn: TurnResult): Card[] {
  return turn.messages.map(cardOf).filter((card): card is Card => card !== undefined);
}

/** The text a click answered with (a message instead of a card), then the texts of the messages sent. */
export function textFrom(turn: TurnResult): string {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  const texts = turn.messages.map((message) => readable(message.text ?? '')).filter(Boolean);
  if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') texts.unshift(readable(body.value));
  return texts.join('\n');
}

/**
 * Markdown text as a person reads it: the bot escapes formatting characters with a backslash
 * (src/cards/safe-text.ts), which Teams shows as the character alone.
 */
export function readable(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Everything a person reads on the card: text blocks, facts, choices, input values, button titles. */
export function cardText(card: Card | undefined): string {
  const parts: string[] = [];
  walk(card, (node) => {
    // Text blocks and facts (title and value, no type) are markdown; inputs and buttons are shown as they are.
    const markdown = node.type === 'TextBlock' || node.type === 'TextRun' || node.type === undefined;
    for (const key of ['text', 'title', 'value', 'placeholder', 'label']) {
      if (typeof node[key] === 'string') parts.push(markdown && key !== 'placeholder' && key !== 'label' ? readable(node[key]) : node[key]);
    }
  });
  return parts.join('\n');
}

/**
 * The whole card as JSON, data and verbs included: for checks that must also see what a person
 * does not read (a property next to its value, or a name that must appear nowhere).
 */
export function cardJson(card: Card | undefined): string {
  return JSON.stringify(card ?? {});
}

/** Every Action.Execute button of a card (body and actions, nested ActionSets included). */
export function actionsOf(card: Card | undefined): CardAction[] {
  const actions: CardAction[] = [];
  walk(
    card,
    (node) => {
      if (node.type === 'Action.Execute') actions.push(node as unknown as CardAction);
    },
    ['refresh', 'fallback'],
  );
  return actions;
}

/** The titles of a card's buttons, in order. */
export function buttonTitles(card: Card | undefined): string[] {
  return actionsOf(card).map((action) => action.title);
}

/** The button with this title. Throws when there is none. */
export function findAction(card: Card | undefined, title: string | RegExp): CardAction {
  const matches = (candidate: string) => (typeof title === 'string' ? candidate === title : title.test(candidate));
  const action = actionsOf(card).find((candidate) => matches(candidate.title));
  if (!action) throw new Error(`No button "${String(title)}" in: ${buttonTitles(card).join(', ')}`);
  return action;
}

/** The data of the button with this title: what clicking it sends. Throws when there is none. */
export function buttonData(card: Card | undefined, title: string | RegExp): Record<string, unknown> {
  const { data } = findAction(card, title);
  if (!data) throw new Error(`The button "${String(title)}" sends no data`);
  return data;
}

/** Clicks a button, with input values as Teams merges them into the action data. */
export function press(bot: BotHarness, user: DemoUser, card: Card | undefined, title: string | RegExp, inputs: Record<string, string> = {}): Promise<TurnResult> {
  return bot.click(user, { ...buttonData(card, title), ...inputs });
}

/** The refresh action of a card (Universal Actions): what Teams sends when someone opens it. */
export function refreshOf(card: Card | undefined): { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] } | undefined {
  return card?.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds?: string[] } | undefined;
}

/** The choices of a card's ChoiceSet input. */
export function choicesOf(card: Card | undefined, id: string): CardChoice[] {
  let choices: CardChoice[] = [];
  walk(card, (node) => {
    if (node.type === 'Input.ChoiceSet' && node.id === id) choices = node.choices as CardChoice[];
  });
  return choices;
}

/** The values a ChoiceSet input can send. */
export function choiceValues(card: Card | undefined, id: string): string[] {
  return choicesOf(card, id).map((choice) => choice.value);
}

/** An input's pre-filled value: what the form sends if the person changes nothing. */
export function inputValue(card: Card | undefined, id: string): unknown {
  let value: unknown;
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) value = node.value;
  });
  return value;
}

/** The rows of a card's ColumnSets: for each, the first text of each column. */
export function columnRows(card: Card | undefined): string[][] {
  const rows: string[][] = [];
  walk(card, (node) => {
    if (node.type !== 'ColumnSet' || !Array.isArray(node.columns)) return;
    rows.push((node.columns as Array<{ items?: Array<{ text?: string }> }>).map((column) => readable(column.items?.[0]?.text ?? '')));
  });
  return rows;
}

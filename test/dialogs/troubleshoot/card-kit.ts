import type { BotHarness, TurnResult } from '../../support/bot-harness';
import type { DemoUser } from '../../support/demo-users';
import { cardOf } from '../../support/fake-connector';

export type Card = Record<string, unknown>;

export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
  fallback?: { type: string; title: string; data: Record<string, unknown> };
}

function walk(node: unknown, visit: (value: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

/** The card a click answered with (it replaces the clicked card), else the first card of the messages sent. */
export function cardFrom(turn: TurnResult): Card {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') return body.value as Card;
  const card = turn.messages.map(cardOf).find((candidate) => candidate !== undefined);
  if (!card) throw new Error(`No card in the turn: ${JSON.stringify({ body, messages: turn.messages.map((m) => m.text) })}`);
  return card;
}

/** Cards sent as new messages during the turn (not the one that replaced the clicked card). */
export function messageCards(turn: TurnResult): Card[] {
  return turn.messages.map(cardOf).filter((card): card is Card => card !== undefined);
}

/** The text a click answered with instead of a card, and the texts of messages sent. */
export function textFrom(turn: TurnResult): string {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  const texts = turn.messages.map((message) => message.text ?? '').filter(Boolean);
  if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') texts.unshift(body.value);
  return texts.join('\n');
}

export function actionsOf(card: Card): CardAction[] {
  const actions: CardAction[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute') actions.push(node as unknown as CardAction);
  });
  return actions;
}

export function findAction(card: Card, title: string | RegExp): CardAction {
  const matches = (candidate: string) => (typeof title === 'string' ? candidate === title : title.test(candidate));
  const action = actionsOf(card).find((candidate) => matches(candidate.title));
  if (!action) throw new Error(`No button "${String(title)}" in: ${actionsOf(card).map((a) => a.title).join(', ')}`);
  return action;
}

/** Everything a person reads on the card. */
export function cardText(card: Card): string {
  const parts: string[] = [];
  walk(card, (node) => {
    for (const key of ['text', 'title', 'value', 'placeholder', 'label']) {
      if (typeof node[key] === 'string') parts.push(node[key]);
    }
  });
  return parts.join('\n');
}

export function inputValue(card: Card, id: string): unknown {
  let value: unknown;
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) value = node.value;
  });
  return value;
}

export function choicesOf(card: Card, id: string): Array<{ title: string; value: string }> {
  let choices: Array<{ title: string; value: string }> = [];
  walk(card, (node) => {
    if (node.type === 'Input.ChoiceSet' && node.id === id) choices = node.choices as Array<{ title: string; value: string }>;
  });
  return choices;
}

/** Clicks a button, with input values as Teams merges them into the action data. */
export function press(bot: BotHarness, user: DemoUser, card: Card, title: string | RegExp, inputs: Record<string, string> = {}): Promise<TurnResult> {
  return bot.click(user, { ...findAction(card, title).data, ...inputs });
}

/** The checklist rows of a card, as "✓ sentence" (the mark and the sentence are two columns). */
export function checklist(card: Card): string[] {
  const rows: string[] = [];
  walk(card, (node) => {
    if (node.type !== 'ColumnSet' || !Array.isArray(node.columns)) return;
    const texts = (node.columns as Array<{ items?: Array<{ text?: string }> }>).map((column) => column.items?.[0]?.text ?? '');
    if (texts.length === 2 && ['✓', '✗', '?'].includes(texts[0])) rows.push(`${texts[0]} ${texts[1]}`);
  });
  return rows;
}

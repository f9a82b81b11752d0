import type { TurnResult } from '../../support/bot-harness';
import { cardOf } from '../../support/fake-connector';

export type Card = Record<string, unknown>;

/** A button as the user sees it: its title and the data its click sends. */
export interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data: Record<string, unknown>;
  fallback?: { type: string; data: Record<string, unknown> };
}

function walk(node: unknown, visit: (value: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}

/** The card a click answered with (invoke response), or the card of the first message of a typed turn. */
export function cardFrom(turn: TurnResult): Card {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  if (body?.type === 'application/vnd.microsoft.card.adaptive') return body.value as Card;
  const card = turn.messages.map(cardOf).find((candidate) => candidate !== undefined);
  if (!card) throw new Error(`No card in the turn: ${JSON.stringify({ body, messages: turn.messages.map((m) => m.text) })}`);
  return card;
}

/** The text a click answered with (a message instead of a card), or the texts of the messages sent. */
export function textFrom(turn: TurnResult): string {
  const body = turn.body as { type?: string; value?: unknown } | undefined;
  const texts = turn.messages.map((message) => message.text ?? '').filter(Boolean);
  if (body?.type === 'application/vnd.microsoft.activity.message' && typeof body.value === 'string') texts.unshift(body.value);
  return texts.join('\n');
}

/** Every Action.Execute of a card (body and actions), with its fallback. */
export function actionsOf(card: Card): CardAction[] {
  const actions: CardAction[] = [];
  walk(card, (node) => {
    if (node.type === 'Action.Execute') actions.push(node as unknown as CardAction);
  });
  return actions;
}

/** The data of the button with this title: what clicking it sends. Throws when there is none. */
export function buttonData(card: Card, title: string | RegExp): Record<string, unknown> {
  const matches = (candidate: string) => (typeof title === 'string' ? candidate === title : title.test(candidate));
  const action = actionsOf(card).find((candidate) => matches(candidate.title));
  if (!action) throw new Error(`No button "${String(title)}" in: ${actionsOf(card).map((a) => a.title).join(', ')}`);
  return action.data;
}

/** Everything a person reads on the card: text blocks, facts, choices, input values, button titles. */
export function cardText(card: Card): string {
  const parts: string[] = [];
  walk(card, (node) => {
    for (const key of ['text', 'title', 'value', 'placeholder', 'label']) {
      if (typeof node[key] === 'string') parts.push(node[key]);
    }
  });
  return parts.join('\n');
}

/** The choices of a card's ChoiceSet input. */
export function choicesOf(card: Card, id: string): Array<{ title: string; value: string }> {
  let choices: Array<{ title: string; value: string }> = [];
  walk(card, (node) => {
    if (node.type === 'Input.ChoiceSet' && node.id === id) choices = node.choices as Array<{ title: string; value: string }>;
  });
  return choices;
}

/** An input's pre-filled value. */
export function inputValue(card: Card, id: string): unknown {
  let value: unknown;
  walk(card, (node) => {
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) value = node.value;
  });
  return value;
}

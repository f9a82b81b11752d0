import type { AdaptiveCardJson } from '../cards/render-card';
import type { Caller } from './caller';
import type { CommandName } from './commands';
import type { Reply } from './reply';
import type { Understanding } from '../nlu/understanding';

/**
 * Runs a command typed (or said) by the caller; `args` is the text after the command word. For a plain
 * sentence, `args` holds only what was recognised in it (addresses, a code, a URL) and `understood`
 * the rest of what the classifier found; handlers read card fields from there, never from the sentence.
 */
export type CommandHandler = (caller: Caller, args: string, understood?: Understanding) => Promise<Reply[]>;

/** What a card click produces: a card that replaces the clicked one, and/or new messages. */
export interface ActionResult {
  card?: AdaptiveCardJson;
  replies?: Reply[];
  /**
   * The answer is for the clicker alone (a refusal, someone else's view of the card): it never
   * replaces the card for the others in the chat, even when it refreshes itself.
   */
  onlyForClicker?: boolean;
}

/**
 * Handles one card verb. `data` is whatever the card carried: untrusted input, to be validated,
 * holding opaque ids only. Identity always comes from `caller`.
 */
export type ActionHandler = (caller: Caller, data: Record<string, unknown>) => Promise<ActionResult>;

/** A capability of the product, framework-free: src/bot wires its commands and verbs to Teams. */
export interface Feature {
  commands?: Partial<Record<CommandName, CommandHandler>>;
  actions?: Record<string, ActionHandler>;
}

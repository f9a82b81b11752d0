/**
 * Every Adaptive Card action verb, in one place. Each verb has exactly one route in src/bot.
 * A card's data carries a verb and opaque ids only; handlers load records server-side.
 */
export const Verb = {
  /** A button that runs a command as if the user had typed it (help and welcome cards). */
  RunCommand: 'runCommand',
} as const;

export type Verb = (typeof Verb)[keyof typeof Verb];

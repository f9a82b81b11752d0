import type { Caller } from './caller';
import { parseTypedCommand, type CommandName } from './commands';
import type { CommandHandler } from './feature';
import { helpReply } from './help';
import type { PlainWords } from './plain-words';
import { textReply, type Reply } from './reply';
import { maxMessageChars } from '../text/user-text';
import type { Understanding } from '../nlu/understanding';

/**
 * Finds the command in a message and runs its handler. `/name args` (and a command word alone) runs
 * as typed; plain sentences go to the intent classifier (`plainWords`), the one way plain words are
 * understood. Nothing the bot did not get is a dead end.
 */
export class CommandRouter {
  constructor(
    private readonly handlers: Partial<Record<CommandName, CommandHandler>>,
    private readonly plainWords: PlainWords,
    /** Whether the caller is on the helpdesk (their help card then lists its commands). */
    private readonly isHelpdesk: (caller: Caller) => Promise<boolean> = () => Promise.resolve(false),
  ) {}

  async handle(caller: Caller, text: string | undefined): Promise<Reply[]> {
    if (!text?.trim()) return [textReply(caller.t('unknown.empty'))];
    // Before any parsing: the length alone decides, so no message costs more than a short one.
    if (text.length > maxMessageChars) return [textReply(caller.t('safety:tooLong', { max: maxMessageChars }))];
    const typed = parseTypedCommand(text);
    if (typed) {
      // "/depanner je ne vois pas le calendrier de Megan": the words after the command are read like any sentence.
      const understood = typed.name === 'troubleshoot' && typed.args ? await this.plainWords.understand(caller, typed.args) : undefined;
      return this.dispatch(caller, typed.name, typed.args, understood);
    }
    // A slash word the bot does not know ("/frobnicate") is not a sentence to classify.
    if (text.trim().startsWith('/')) return [textReply(caller.t('unknown.text', { input: text.trim().slice(0, 80) })), helpReply(caller)];
    const decision = await this.plainWords.decide(caller, text);
    if (decision.kind === 'suggest') return [decision.reply];
    return this.dispatch(caller, decision.command, decision.args, decision.understood);
  }

  /**
   * True when the answer needs no handler (help, empty, too long, an unknown slash word): it is ready
   * at once, so the bot sends no typing indicator first. A sentence may run any handler: it waits.
   */
  answersAtOnce(text: string | undefined): boolean {
    if (!text?.trim() || text.length > maxMessageChars) return true;
    const typed = parseTypedCommand(text);
    if (!typed) return text.trim().startsWith('/');
    return typed.name === 'help' || !this.handlers[typed.name];
  }

  /** A help or welcome button: runs the command with no arguments, as if typed. */
  async run(caller: Caller, name: string): Promise<Reply[]> {
    return this.handle(caller, `/${name}`);
  }

  private async dispatch(caller: Caller, name: CommandName, args: string, understood?: Understanding): Promise<Reply[]> {
    if (name === 'help') return [helpReply(caller, { helpdesk: await this.isHelpdesk(caller) })];
    const handler = this.handlers[name];
    if (!handler) return [textReply(caller.t('help.comingSoon'))];
    return handler(caller, args, understood);
  }
}

import type { Caller } from './caller';
import { parseCommand, type CommandName } from './commands';
import type { CommandHandler } from './feature';
import { helpReply } from './help';
import { textReply, type Reply } from './reply';
import { maxMessageChars } from '../text/user-text';

/** Finds the command in a message and runs its handler; unknown input gets a helpful answer. */
export class CommandRouter {
  constructor(private readonly handlers: Partial<Record<CommandName, CommandHandler>>) {}

  async handle(caller: Caller, text: string | undefined): Promise<Reply[]> {
    if (!text?.trim()) return [textReply(caller.t('unknown.empty'))];
    // Before any parsing: the length alone decides, so no message costs more than a short one.
    if (text.length > maxMessageChars) return [textReply(caller.t('safety:tooLong', { max: maxMessageChars }))];
    const command = parseCommand(text);
    if (!command) return [textReply(caller.t('unknown.text', { input: text.trim().slice(0, 80) })), helpReply(caller)];
    if (command.name === 'help') return [helpReply(caller)];
    const handler = this.handlers[command.name];
    if (!handler) return [textReply(caller.t('help.comingSoon'))];
    return handler(caller, command.args);
  }

  /**
   * True when the answer needs no handler (help, empty, too long, unknown text): it is ready at
   * once, so the bot sends no typing indicator first.
   */
  answersAtOnce(text: string | undefined): boolean {
    if (!text?.trim() || text.length > maxMessageChars) return true;
    const command = parseCommand(text);
    return !command || command.name === 'help' || !this.handlers[command.name];
  }

  /** A help or welcome button: runs the command with no arguments, as if typed. */
  async run(caller: Caller, name: string): Promise<Reply[]> {
    return this.handle(caller, `/${name}`);
  }
}

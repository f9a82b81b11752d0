import type { Caller } from './caller';
import { parseCommand, type CommandName } from './commands';
import type { CommandHandler } from './feature';
import { helpReply } from './help';
import { textReply, type Reply } from './reply';

/** Finds the command in a message and runs its handler; unknown input gets a helpful answer. */
export class CommandRouter {
  constructor(private readonly handlers: Partial<Record<CommandName, CommandHandler>>) {}

  async handle(caller: Caller, text: string | undefined): Promise<Reply[]> {
    if (!text?.trim()) return [textReply(caller.t('unknown.empty'))];
    const command = parseCommand(text);
    if (!command) return [textReply(caller.t('unknown.text', { input: text.trim().slice(0, 80) })), helpReply(caller)];
    if (command.name === 'help') return [helpReply(caller)];
    const handler = this.handlers[command.name];
    if (!handler) return [textReply(caller.t('help.comingSoon'))];
    return handler(caller, command.args);
  }

  /** A help or welcome button: runs the command with no arguments, as if typed. */
  async run(caller: Caller, name: string): Promise<Reply[]> {
    return this.handle(caller, `/${name}`);
  }
}

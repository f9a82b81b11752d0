import type { ConversationContext, ConversationContextStore } from '../nlu/conversation-context';
import { commandOf, isFollowUp, type IntentName } from '../nlu/intents';
import type { MessageUnderstanding, Understanding } from '../nlu/understanding';
import type { Caller } from './caller';
import type { CommandName } from './commands';
import { suggestionsReply } from './suggestions';

/** Below this confidence the bot asks "did you mean…?" rather than guessing. */
export const confidenceThreshold = 0.65;
/** ...unless the likeliest meaning is still well ahead of the next one: then it is not a guess. */
const clearLead = { score: 0.5, margin: 0.3 };

/** Whether the classifier's ranking is sure enough to act on. */
function confident(ranking: Understanding['ranking']): boolean {
  const [top, next] = ranking;
  if (!top) return false;
  return top.score >= confidenceThreshold || (top.score >= clearLead.score && top.score - (next?.score ?? 0) >= clearLead.margin);
}

/** What to do with a plain sentence: run a command with what was recognised, or offer choices. */
export type PlainWordsDecision =
  | { kind: 'run'; command: CommandName; args: string; understood: Understanding }
  | { kind: 'suggest'; reply: ReturnType<typeof suggestionsReply> };

export interface PlainWordsDeps {
  understanding: MessageUnderstanding;
  context: ConversationContextStore;
}

/** The symptom a "still not" means after a command that was not a troubleshooting case. */
const symptomAfter: Partial<Record<CommandName, string>> = { alias: 'alias-missing', subscribe: 'calendar-missing', calendars: 'calendar-missing', accept: 'calendar-missing' };

/**
 * Understands a sentence and decides what runs. Follow-ups continue the person's last request:
 * "toujours pas" goes on with the troubleshooting case, "et pour Adele ?" runs the last request again for Adele.
 */
export class PlainWords {
  constructor(private readonly deps: PlainWordsDeps) {}

  /** What the classifier recognises in a text, for a typed command whose arguments are plain words (`/troubleshoot …`). */
  understand(caller: Caller, text: string): Promise<Understanding> {
    return this.deps.understanding.understand(caller, text);
  }

  async decide(caller: Caller, text: string): Promise<PlainWordsDecision> {
    const understood = await this.deps.understanding.understand(caller, text);
    if (!confident(understood.ranking)) return { kind: 'suggest', reply: suggestionsReply(caller, understood.ranking) };
    const { intent } = understood;
    if (!isFollowUp(intent)) {
      const command = commandOf(intent);
      await this.remember(caller, command, understood);
      return { kind: 'run', command, args: argsFor(intent, understood, text), understood };
    }
    const previous = await this.deps.context.recall(caller.userId);
    if (intent === 'stillNot') {
      const symptom = understood.symptom ?? previous?.entities.symptom ?? (previous && symptomAfter[previous.command]);
      const continued: Understanding = { ...fromContext(previous), ...understood, followUp: 'stillNot', ...(symptom && { symptom }) };
      return { kind: 'run', command: 'troubleshoot', args: '', understood: continued };
    }
    // "et pour Adele ?": the same request, for the people now named.
    if (!previous || understood.people.length === 0) return { kind: 'suggest', reply: suggestionsReply(caller, understood.ranking.filter((entry) => !isFollowUp(entry.intent))) };
    const again: Understanding = { ...fromContext(previous), people: understood.people, otherNames: understood.otherNames, ranking: understood.ranking, score: understood.score, intent: understood.intent };
    await this.remember(caller, previous.command, again);
    return { kind: 'run', command: previous.command, args: argsFor(previous.command, again), understood: again };
  }

  private async remember(caller: Caller, command: CommandName, understood: Understanding): Promise<void> {
    const { level, client, symptom, dateRange } = understood;
    await this.deps.context.remember(caller.userId, { command, entities: { level, client, symptom, dateRange } });
  }
}

function fromContext(previous: ConversationContext | undefined): Partial<Understanding> {
  if (!previous) return {};
  const { level, client, symptom, dateRange } = previous.entities;
  return { ...(level && { level }), ...(client && { client }), ...(symptom && { symptom }), ...(dateRange && { dateRange }) };
}

/**
 * The `args` a handler gets for a sentence: only recognised things, as a typed command would carry
 * them (addresses for the person fields, the code, the URL). Never the words around them.
 */
/**
 * What a command gets from a sentence: only what was recognised. Free/busy and snapshots read the
 * sentence themselves (people matched in the directory, a window, a duration, a range), with their
 * own linear parsers that likewise put only recognised items in the form.
 */
export function argsFor(intent: IntentName | CommandName, understood: Understanding, text = ''): string {
  const addresses = understood.people.map((person) => person.address).join(', ');
  switch (intent) {
    case 'accept':
      return understood.code ?? '';
    case 'addfeed':
    case 'publish':
      return understood.url ?? '';
    case 'alias':
      // Only used to pre-select one of the caller's followed calendars by its owner or its name.
      return [...understood.people.map((person) => person.name), ...understood.otherNames].join(' ');
    case 'freebusy':
    case 'snapshot':
      return text || addresses;
    case 'share':
    case 'subscribe':
    case 'diagnose':
    case 'revoke':
    case 'permissions':
      return addresses;
    default:
      return '';
  }
}

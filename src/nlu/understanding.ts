import type { Caller } from '../graph/calendar-gateway';
import type { Locale } from '../i18n';
import { isShareRole, type ShareRole } from '../sharing/roles';
import { normalizeInvitationCode } from '../sharing/invitation-code';
import { dateRangeIn, type DateRange } from './date-range';
import type { IntentClassifier, IntentScore } from './intent-classifier';
import type { IntentName } from './intents';
import { nameCandidates, peopleIn, type NamedPerson, type PeopleDirectory } from './people-in-text';

/**
 * What a typed sentence means: the likeliest intents and the entities recognised in it. Only these
 * entities ever fill a card field; the rest of the sentence is never copied into one.
 */
export interface Understanding {
  intent: IntentName;
  score: number;
  /** Best first, the top one included. */
  ranking: IntentScore[];
  people: NamedPerson[];
  /** Words that could be a name but matched no one (a calendar's name, "phoenix"): only ever compared with the caller's own records. */
  otherNames: string[];
  level?: ShareRole;
  /** A troubleshooting client id (`iphone-mail`, `booking-tool`...). */
  client?: string;
  /** A troubleshooting symptom id. */
  symptom?: string;
  dateRange?: DateRange;
  url?: string;
  /** An invitation code, normalised (`K7QM-4TZP`). */
  code?: string;
  /** Set when the sentence continues the current case ("toujours pas"): the handler picks it up. */
  followUp?: 'stillNot';
}

export interface MessageUnderstandingDeps {
  classifier: IntentClassifier;
  directory: PeopleDirectory;
}

/**
 * How much of a message the classifier reads: a chat sentence says what it wants well before this, and the
 * classifier's cost grows with the length (a 4,000-character message took seconds), so the rest is left out.
 */
export const maxUnderstoodChars = 300;

/** Classifies a sentence and gathers its entities, people matched against the directory. */
export class MessageUnderstanding {
  constructor(private readonly deps: MessageUnderstandingDeps) {}

  async understand(caller: Caller & { locale: Locale }, message: string): Promise<Understanding> {
    const text = message.slice(0, maxUnderstoodChars);
    // People first: a name the directory knows ("adele", typed in lower case) is masked for the classifier.
    const people = await peopleIn(this.deps.directory, { userId: caller.userId }, text, this.deps.classifier.vocabulary);
    const names = people.filter((person) => person.fromDirectory).flatMap((person) => person.typed.split(' '));
    const { ranking, entities } = await this.deps.classifier.classify(caller.locale, text, names);
    const option = (name: string) => entities.find((entity) => entity.entity === name)?.option;
    const level = option('level');
    const [top] = ranking;
    const url = entities.find((entity) => entity.entity === 'url')?.text;
    const dateRange = dateRangeIn(text);
    const code = invitationCodeIn(text);
    return {
      intent: top?.intent ?? 'help',
      score: top?.score ?? 0,
      ranking,
      people,
      otherNames: nameCandidates(text, this.deps.classifier.vocabulary).filter((candidate) => !people.some((person) => person.typed === candidate)),
      ...(isShareRole(level) && { level }),
      ...(option('client') && { client: option('client') }),
      ...(option('symptom') && { symptom: option('symptom') }),
      ...(dateRange && { dateRange }),
      ...(url && { url }),
      ...(code && { code }),
    };
  }
}

/**
 * An invitation code anywhere in a text: one token ("k7qm-4tzp", "K7QM4TZP") or two or three next to
 * each other ("K7QM 4TZP", "k7 qm 4t zp" is too many). The last one wins: codes come at the end.
 */
export function invitationCodeIn(text: string): string | undefined {
  const tokens = text.split(/\s+/).filter(Boolean).map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  for (let end = tokens.length; end > 0; end--) {
    for (const size of [1, 2, 3]) {
      if (end - size < 0) continue;
      const code = normalizeInvitationCode(tokens.slice(end - size, end).join(''));
      // A word of eight letters ("calendar") is not a code: a code mixes letters and digits or has its dash.
      if (code && (/\d/.test(code) || tokens.slice(end - size, end).join(' ').includes('-'))) return code;
    }
  }
  return undefined;
}

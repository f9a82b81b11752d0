import type { Caller, Person } from '../graph/calendar-gateway';
import { foldText } from '../dialogs/commands';
import { addressesIn, isAddressToken } from '../text/user-text';

/** Someone a sentence names: an address as typed, or a directory match for a name. */
export interface NamedPerson {
  address: string;
  name: string;
  /** False for an address the directory was not asked about (it may be outside the organisation). */
  fromDirectory: boolean;
  /** The words of the message that named them. */
  typed: string;
}

/** The directory, as the people matcher needs it (the CalendarGateway provides it). */
export interface PeopleDirectory {
  findPeople(caller: Caller, params: { query: string; limit?: number }): Promise<Person[]>;
}

/** Short words that are never names, in both languages (the corpus adds the rest). */
const notNames = new Set([
  'a', 'au', 'aux', 'de', 'des', 'du', 'le', 'la', 'les', 'un', 'une', 'et', 'ou', 'pour', 'avec', 'sur', 'dans', 'par', 'mon', 'ma', 'mes',
  'son', 'sa', 'ses', 'ton', 'ta', 'tes', 'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'moi', 'toi', 'lui', 'leur', 'ce', 'ca',
  'the', 'an', 'and', 'or', 'for', 'with', 'on', 'in', 'to', 'of', 'my', 'his', 'her', 'their', 'i', 'you', 'he', 'she', 'we', 'they', 'me', 'it',
  'what', 'about', 'quoi', 'ok', 'oui', 'non', 'yes', 'no', 'please', 'stp', 'svp', 'merci', 'thanks',
]);

/** Elisions and possessives around a name: "d'Adele", "qu'Adele", "l'agenda", "Megan's". */
function bareWord(token: string): string {
  let word = token.replace(/[’`]/g, "'");
  const elided = /^(?:d|l|qu|j|n|s|m|t|c)'(.+)$/i.exec(word);
  if (elided) word = elided[1];
  if (/'s$/i.test(word)) word = word.slice(0, -2);
  return word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
}

/**
 * The runs of words that could be a name: words the corpus does not use, neither short function
 * words nor entity words; consecutive ones stay together ("Megan Bowen"). At most `max` runs.
 */
export function nameCandidates(text: string, vocabulary: ReadonlySet<string>, max = 3): string[] {
  const runs: string[][] = [];
  let current: string[] = [];
  for (const token of text.split(/[\s,;:!?()"]+/)) {
    const word = bareWord(token);
    const folded = foldText(word);
    const name = word.length >= 2 && /^\p{L}[\p{L}-]*$/u.test(word) && !notNames.has(folded) && !vocabulary.has(folded) && !isAddressToken(token);
    if (name) current.push(word);
    if (!name || token !== word) {
      // A word with an elision or punctuation around it ends the run after it ("Adele," "d'Adele").
      if (current.length > 0) runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs.slice(0, max).map((run) => run.slice(0, 3).join(' '));
}

/**
 * The people a sentence names: addresses as typed, and names the directory knows as exactly one
 * person (or one whose display or first name is exactly the word). Nothing else of the sentence.
 */
export async function peopleIn(directory: PeopleDirectory, caller: Caller, text: string, vocabulary: ReadonlySet<string>): Promise<NamedPerson[]> {
  const found: NamedPerson[] = addressesIn(text).map((address) => ({ address: address.toLowerCase(), name: address, fromDirectory: false, typed: address }));
  for (const candidate of nameCandidates(text, vocabulary)) {
    const matches = await directory.findPeople(caller, { query: candidate, limit: 5 }).catch(() => [] as Person[]);
    const wanted = foldText(candidate);
    const exact = matches.filter((person) => foldText(person.displayName) === wanted || foldText(person.displayName.split(' ')[0] ?? '') === wanted);
    const person = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
    if (person && !found.some((known) => known.address === person.address.toLowerCase())) {
      found.push({ address: person.address.toLowerCase(), name: person.displayName, fromDirectory: true, typed: candidate });
    }
  }
  return found;
}

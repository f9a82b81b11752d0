import type { TreeIndex } from '../../troubleshoot/tree-index';
import { foldText } from '../commands';
import type { Understanding } from '../../nlu/understanding';
import { addressesIn, wordsOf } from '../../text/user-text';

/** What a typed message already says about a case: "je ne vois pas le calendrier de Megan". */
export interface CaseHints {
  symptomId?: string;
  /** An email address found in the message. */
  personAddress?: string;
  /** A name after "calendar of" / "calendrier de" / "'s calendar", to look up in the directory. */
  personName?: string;
  /** The app, when the message named one the tree knows. */
  clientId?: string;
}

/**
 * The hints of a classified sentence: its recognised entities only. A person named with no problem
 * recognised is most often a calendar that does not show.
 */
export function hintsFrom(understood: Understanding, tree: TreeIndex): CaseHints {
  const [person] = understood.people;
  const symptomId = understood.symptom && tree.symptom(understood.symptom) ? understood.symptom : person ? 'calendar-missing' : undefined;
  const clientId = understood.client && tree.client(understood.client) ? understood.client : undefined;
  return {
    ...(symptomId && { symptomId }),
    ...(clientId && { clientId }),
    ...(person && { personAddress: person.address, personName: person.name }),
  };
}

// Linear: it starts with fixed words, and the name is the last part, with nothing to match after it.
const afterCalendar = /(?:calendrier|agenda|calendar|planning)\s+(?:(?:de|du|of|from)\s+|d')(\p{L}[\p{L}'-]*)/iu;
const nameWord = /^\p{L}[\p{L}-]*$/u;
const notNames = new Set(['ma', 'mon', 'mes', 'la', 'le', 'les', 'l', 'my', 'the', 'a', 'un', 'une', 'son', 'sa', 'ses', 'his', 'her', 'their', 'notre', 'our', 'votre', 'your', 'ce', 'cette']);

/**
 * Reads the symptom from the keywords of every language's tree (people mix languages), and the person
 * from an address or a name. Only hints: the person confirms them on the cards.
 */
export function caseHints(text: string, trees: TreeIndex[]): CaseHints {
  const folded = foldText(text);
  const hints: CaseHints = {};
  const [reference] = trees;
  // The tree lists symptoms from the most general ("does not show") to the more specific: the last match wins.
  const matching = (reference?.tree.symptoms ?? []).filter((candidate) =>
    trees.some((tree) => (tree.symptom(candidate.id)?.keywords ?? []).some((keyword) => folded.includes(foldText(keyword)))),
  );
  const symptom = matching[matching.length - 1];
  if (symptom) hints.symptomId = symptom.id;

  const normalized = text.replace(/[’`]/g, "'");
  const [email] = addressesIn(normalized);
  if (email) {
    hints.personAddress = email.toLowerCase();
    return hints;
  }
  const name = afterCalendar.exec(normalized)?.[1] ?? possessiveName(normalized);
  if (name && !notNames.has(foldText(name)) && name.length >= 2) hints.personName = name;
  return hints;
}

/** "Megan's calendar": the word before 's, when a calendar word follows it (token by token, no backtracking). */
function possessiveName(text: string): string | undefined {
  const words = wordsOf(text);
  for (let index = 0; index < words.length - 1; index++) {
    const word = words[index];
    const next = words[index + 1].toLowerCase();
    if (!word.endsWith("'s") || !['calendar', 'agenda', 'schedule'].some((noun) => next.startsWith(noun))) continue;
    const name = word.slice(0, -2);
    if (nameWord.test(name)) return name;
  }
  return undefined;
}

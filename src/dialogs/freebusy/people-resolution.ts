import type { Person } from '../../graph/calendar-gateway';
import { fold } from '../../freebusy/request-tokens';
import type { Attendee } from '../../freebusy/availability-model';
import type { FreeBusyDeps } from './freebusy-deps';

/** Besides the viewer: the picture stays legible and the card under Teams' 80 KB with this many rows (tested). */
export const maxPeople = 25;

const addressPattern = /^[^\s@<>()",;:[\]]+@[^\s@<>()",;:[\]]+\.[^\s@<>()",;:[\]]+$/;

export interface PeopleProblem {
  input: string;
  reason: 'notFound' | 'ambiguous' | 'invalidAddress' | 'lookupFailed' | 'tooMany';
  /** For an ambiguous name: who it could be. */
  candidates?: string[];
}

export interface ResolvedPeople {
  viewer: Attendee;
  viewerTimeZone?: string;
  people: Attendee[];
  problems: PeopleProblem[];
}

/** One typed name or address from the form's text field: commas, semicolons or new lines between them. */
export function splitTyped(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0 && entry.length <= 120);
}

function pickOne(query: string, found: Person[]): Person | 'none' | Person[] {
  if (found.length === 0) return 'none';
  if (found.length === 1) return found[0];
  const wanted = fold(query);
  const exact = found.filter((person) => fold(person.displayName) === wanted || fold(person.displayName.split(' ')[0]) === wanted);
  return exact.length === 1 ? exact[0] : found;
}

/**
 * The people of a search, from typed names or addresses and picker ids, all matched in one `$batch`. An
 * address the directory does not know is someone outside (shown as unknown unless they shared with the
 * viewer); at the viewer's own domain it is a typo. The viewer is never listed twice.
 */
export async function resolvePeople(deps: FreeBusyDeps, caller: { userId: string; name: string }, input: { typed: string[]; pickedIds: string[] }): Promise<ResolvedPeople> {
  const typed = [...new Set(input.typed)];
  const problems: PeopleProblem[] = [];
  const invalid = typed.filter((entry) => entry.includes('@') && !addressPattern.test(entry));
  for (const entry of invalid) problems.push({ input: entry, reason: 'invalidAddress' });
  const queries = typed.filter((entry) => !invalid.includes(entry));
  const { myAddress, myTimeZone, matches } = await deps.gateway.matchPeople(caller, { queries, idQueries: input.pickedIds });
  const viewer: Attendee = { address: myAddress.toLowerCase(), name: caller.name || myAddress, isInsideOrganization: true, isViewer: true };
  const people = new Map<string, Attendee>();
  const add = (person: Person): void => {
    const address = person.address.toLowerCase();
    if (address !== viewer.address && !people.has(address)) people.set(address, { address, name: person.displayName, isInsideOrganization: person.isInsideOrganization });
  };

  for (const query of [...queries, ...input.pickedIds]) {
    const outcome = matches.get(query);
    if (!outcome || !outcome.ok) {
      problems.push({ input: query, reason: 'lookupFailed' });
      continue;
    }
    const choice = pickOne(query, outcome.value);
    if (choice === 'none') {
      const outside = query.includes('@') && domainOf(query) !== domainOf(myAddress);
      if (outside) add({ address: query, displayName: query, isInsideOrganization: false });
      else problems.push({ input: query, reason: 'notFound' });
    } else if (Array.isArray(choice)) {
      problems.push({ input: query, reason: 'ambiguous', candidates: choice.map((person) => `${person.displayName} (${person.address})`) });
    } else add(choice);
  }
  const list = [...people.values()];
  if (list.length > maxPeople) problems.push({ input: String(list.length), reason: 'tooMany' });
  return { viewer, viewerTimeZone: myTimeZone, people: list.slice(0, maxPeople), problems };
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

import type { Caller as GraphCaller, CalendarGateway, Outcome, Person } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { addressesIn, wordsOf } from '../../text/user-text';

/** Who the user meant by "whose calendar": one person, several to choose from, or nobody. */
export type OwnerLookup =
  | { kind: 'found'; person: Person }
  | { kind: 'several'; query: string; people: Person[] }
  | { kind: 'none'; query: string }
  | { kind: 'unknownAddress'; address: string }
  | { kind: 'invalidAddress'; address: string };

/** How many matches the choice card offers; Teams shows long button lists badly. */
export const maxPeopleShown = 8;

/**
 * What to look up in a message: an address anywhere in it, else a short name. Plain-word requests
 * ("I lost Alex's invitation") arrive whole, so a long sentence without an address names no one.
 */
export function ownerQueryOf(text: string): string | undefined {
  const [address] = addressesIn(text);
  if (address) return address;
  const words = wordsOf(text);
  return words.length > 0 && words.length <= 3 ? words.join(' ') : undefined;
}

/** A query with an `@` is an address to resolve; anything else a name to search. */
export function isAddressQuery(text: string): boolean {
  return text.includes('@');
}

/** What resolving a typed address (`resolvePerson`, or a `person` read of `readTogether`) says of it. */
export function addressLookup(address: string, resolved: Outcome<Person>): OwnerLookup {
  if (resolved.ok) return { kind: 'found', person: resolved.value };
  const { error } = resolved;
  if (isGraphError(error) && error.reason === 'notFound') return { kind: 'unknownAddress', address };
  if (isGraphError(error) && error.reason === 'invalidRequest') return { kind: 'invalidAddress', address };
  throw error;
}

/** A typed address is resolved (directory, else external); anything else is searched in the directory. */
export async function lookUpOwner(gateway: CalendarGateway, caller: GraphCaller, query: string): Promise<OwnerLookup> {
  const text = query.trim();
  if (isAddressQuery(text)) return addressLookup(text, (await gateway.readTogether(caller, { person: { read: 'person', address: text } })).person);
  const people = await gateway.findPeople(caller, { query: text, limit: maxPeopleShown + 1 });
  if (people.length === 0) return { kind: 'none', query: text };
  const exact = people.filter((person) => person.displayName.toLowerCase() === text.toLowerCase());
  if (people.length === 1 || exact.length === 1) return { kind: 'found', person: exact[0] ?? people[0] };
  return { kind: 'several', query: text, people };
}

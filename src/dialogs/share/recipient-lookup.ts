import type { Caller as GraphCaller, Outcome, Person } from '../../graph/calendar-gateway';
import { isGraphError } from '../../graph/graph-error';
import { isTransient } from '../../sharing/share-operations';
import type { SkippedRecipient } from '../../sharing/share-draft';
import type { ShareFeatureDeps } from './feature-deps';
import { addressesIn } from '../../text/user-text';

export const maxRecipients = 20;

export type Lookup = { kind: 'person'; person: Person } | { kind: 'skipped'; skipped: SkippedRecipient };

/**
 * The people typed in the form: comma, semicolon or line separated names or addresses; several
 * addresses separated by spaces are split too. Names keep their spaces ("Megan Bowen").
 */
export function splitPeople(text: string): string[] {
  const entries = text
    .split(/[,;\n]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry) => {
      const addresses = addressesIn(entry);
      return addresses.length > 1 ? addresses : [bracketedAddress(entry)];
    });
  return [...new Set(entries)];
}

/** "Megan Bowen <meganb@example.com>" is meganb@example.com; anything else stays as typed. */
function bracketedAddress(entry: string): string {
  const open = entry.lastIndexOf('<');
  const close = entry.indexOf('>', open);
  return open >= 0 && close > open + 1 ? entry.slice(open + 1, close) : entry;
}

/**
 * One typed entry as a person: an address is resolved (directory, else external), a name is
 * searched in the directory and must match one person. Graph being busy is an error for the whole
 * review; anything else only skips this entry, with the reason.
 */
export async function lookUpRecipient(deps: Pick<ShareFeatureDeps, 'gateway'>, caller: GraphCaller, input: string): Promise<Lookup> {
  if (isAddressEntry(input)) return addressRecipient(input, (await deps.gateway.readTogether(caller, { person: { read: 'person', address: input } })).person);
  try {
    const people = await deps.gateway.findPeople(caller, { query: input, limit: 5 });
    const exact = people.filter((person) => person.displayName.toLowerCase() === input.toLowerCase());
    if (people.length === 1 || exact.length === 1) return { kind: 'person', person: exact[0] ?? people[0] };
    return skippedFor(input, people.length === 0 ? 'notFound' : 'ambiguous');
  } catch (error) {
    return skippedBecause(input, error);
  }
}

/** An entry with an `@` is an address to resolve; anything else a name to search. */
export function isAddressEntry(input: string): boolean {
  return input.includes('@');
}

/** A typed address as `readTogether` resolved it (a `person` read). */
export function addressRecipient(input: string, resolved: Outcome<Person>): Lookup {
  return resolved.ok ? { kind: 'person', person: resolved.value } : skippedBecause(input, resolved.error);
}

function skippedFor(input: string, reason: SkippedRecipient['reason']): Lookup {
  return { kind: 'skipped', skipped: { input, reason } };
}

function skippedBecause(input: string, error: unknown): Lookup {
  if (!isGraphError(error) || isTransient(error)) throw error;
  if (error.reason === 'notFound') return skippedFor(input, 'notFound');
  if (error.reason === 'invalidRequest') return skippedFor(input, 'invalidAddress');
  return skippedFor(input, 'lookupFailed');
}

/** A person picked in the Teams people picker, by object id. */
export async function lookUpPicked(deps: Pick<ShareFeatureDeps, 'directory'>, caller: GraphCaller, id: string): Promise<Lookup> {
  const person = deps.directory ? await deps.directory.personById(caller, { id }).catch((error: unknown) => {
    if (!isGraphError(error) || isTransient(error)) throw error;
    return undefined;
  }) : undefined;
  return person ? { kind: 'person', person } : { kind: 'skipped', skipped: { input: id, reason: 'lookupFailed' } };
}

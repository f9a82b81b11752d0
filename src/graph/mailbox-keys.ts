import type { User } from '@microsoft/microsoft-graph-types';
import type { Clock } from '../clock';
import type { Caller } from './calendar-gateway';
import { odataString, segment, withQuery } from './graph-paths';

/** A directory lookup: the users whose mail or userPrincipalName is one of these addresses. */
export type DirectoryLookup = (caller: Caller, path: string) => Promise<User[]>;

/** Directory ids never change; an address that named nobody is asked again after a while (a new colleague). */
const unknownMaxAgeMs = 10 * 60_000;
const maxKeys = 10_000;
/** Addresses per lookup (two clauses each): short filters, well inside what Graph accepts on users. */
const addressesPerLookup = 7;

/** `/users/{key}` with an address as key (the segment holds `@`), at the start of a path. */
const addressKeyed = /^\/users\/([^/?]*@[^/?]*)(?=[/?]|$)/i;

/**
 * Graph's key for `/users/{key}` is the object id or the userPrincipalName, and a person's mail may differ from
 * their UPN. The product names people by mail address (what users type and what calendars show), so every path
 * is rewritten here, just before it leaves, to name the mailbox by directory id. Ids are learnt from every user
 * the gateway reads (people search, resolved addresses) and looked up in one `$filter` otherwise; an address the
 * directory does not know is sent as it is, and Graph answers for it (404 for anyone outside the directory).
 */
export class MailboxKeys {
  private readonly ids = new Map<string, string>();
  private readonly unknown = new Map<string, number>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly guests = new Set<string>();

  constructor(
    private readonly lookup: DirectoryLookup,
    private readonly clock: Clock,
  ) {}

  /** Remembers the id behind each user's mail and userPrincipalName. */
  learn(users: readonly User[]): void {
    for (const user of users) {
      if (!user.id) continue;
      if (user.userType === 'Guest') this.guests.add(user.id);
      for (const address of [user.mail, user.userPrincipalName]) {
        if (!address) continue;
        const key = address.toLowerCase();
        this.ids.delete(key);
        this.ids.set(key, user.id);
        this.unknown.delete(key);
      }
    }
    while (this.ids.size > maxKeys) this.ids.delete(this.ids.keys().next().value as string);
  }

  /**
   * For a `$batch`: the paths with every mailbox already known named by id, and the lookups of the addresses
   * not known yet, to travel in the same batch. Those paths go as typed (Graph takes them when the address is
   * also the UPN, as it is for most people); `retryable` tells afterwards which refusals deserve a second try by id.
   */
  rewriteKnown(paths: readonly string[]): { paths: string[]; lookups: Array<{ path: string; addresses: string[] }> } {
    const addresses = [...new Set(paths.map(addressOf).filter((address): address is string => address !== undefined))];
    const missing = addresses.filter((address) => !this.ids.has(address) && !this.recentlyUnknown(address));
    const lookups: Array<{ path: string; addresses: string[] }> = [];
    for (let start = 0; start < missing.length; start += addressesPerLookup) {
      const chunk = missing.slice(start, start + addressesPerLookup);
      lookups.push({ path: lookupPath(chunk), addresses: chunk });
    }
    return { paths: paths.map((path) => this.named(path)), lookups };
  }

  /** What a lookup sent in a batch found (users), or undefined when it failed. */
  learnLookup(addresses: readonly string[], users: readonly User[] | undefined): void {
    if (!users) return;
    this.learn(users);
    const now = this.clock.now().getTime();
    for (const address of addresses) if (!this.ids.has(address)) this.unknown.set(address, now);
  }

  /** A path sent by address and refused, whose mailbox is now known by another key (mail that is not the UPN): worth a retry. */
  retryable(path: string, status: number): boolean {
    if (status !== 404) return false;
    const address = addressOf(path);
    const id = address && this.ids.get(address);
    // Guests have no mailbox in this tenant: asking by id would be refused the same way.
    return Boolean(id && !this.guests.has(id));
  }

  /** The same paths with every address-keyed mailbox named by its directory id (one lookup for all unknowns). */
  async rewrite(caller: Caller, paths: readonly string[]): Promise<string[]> {
    const addresses = [...new Set(paths.map(addressOf).filter((address): address is string => address !== undefined))];
    const missing = addresses.filter((address) => !this.ids.has(address) && !this.recentlyUnknown(address));
    const asked = missing.filter((address) => !this.pending.has(address));
    for (let start = 0; start < asked.length; start += addressesPerLookup) {
      const chunk = asked.slice(start, start + addressesPerLookup);
      const lookup = this.resolve(caller, chunk).finally(() => chunk.forEach((address) => this.pending.delete(address)));
      chunk.forEach((address) => this.pending.set(address, lookup));
    }
    // Concurrent calls about the same person share one lookup.
    await Promise.all([...new Set(missing.map((address) => this.pending.get(address)))]);
    return paths.map((path) => this.named(path));
  }

  private named(path: string): string {
    const address = addressOf(path);
    const id = address && this.ids.get(address);
    // A guest has no mailbox in this tenant: the address goes as typed and Graph answers as for anyone outside.
    return id && !this.guests.has(id) ? path.replace(addressKeyed, `/users/${segment(id)}`) : path;
  }

  private async resolve(caller: Caller, addresses: string[]): Promise<void> {
    try {
      this.learn(await this.lookup(caller, lookupPath(addresses)));
    } catch {
      // No directory read (the app identity without User.Read.All, a throttled lookup): the paths go as they are,
      // which Graph accepts whenever the address is also the UPN; the call itself then reports any refusal.
      return;
    }
    const now = this.clock.now().getTime();
    for (const address of addresses) if (!this.ids.has(address)) this.unknown.set(address, now);
    while (this.unknown.size > maxKeys) this.unknown.delete(this.unknown.keys().next().value as string);
  }

  private recentlyUnknown(address: string): boolean {
    const at = this.unknown.get(address);
    const age = at === undefined ? -1 : this.clock.now().getTime() - at;
    return age >= 0 && age < unknownMaxAgeMs;
  }
}

/** The users whose mail or userPrincipalName is one of these addresses. */
function lookupPath(addresses: readonly string[]): string {
  const filter = addresses.flatMap((address) => [`mail eq ${odataString(address)}`, `userPrincipalName eq ${odataString(address)}`]).join(' or ');
  return withQuery('/users', { $filter: filter, $select: ['id', 'mail', 'userPrincipalName', 'userType'] });
}

function addressOf(path: string): string | undefined {
  const match = addressKeyed.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return undefined;
  }
}

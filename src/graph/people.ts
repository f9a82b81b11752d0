import type { MailboxSettings, User } from '@microsoft/microsoft-graph-types';
import type { Caller, Me, Person } from './calendar-gateway';
import type { GraphPage } from './graph-api';
import type { GraphDeps } from './graph-deps';
import { GraphError, isGraphError } from './graph-error';
import { selectFields, toPerson } from './graph-mappers';
import { odataString, segment, withQuery } from './graph-paths';

/** Enough to tell a typo from an address; Exchange decides the rest. */
const addressPattern = /^[^\s@<>()",;:[\]]+@[^\s@<>()",;:[\]]+\.[^\s@<>()",;:[\]]+$/;
const maxPeople = 25;

/** The caller, and the people they name: directory search and typed addresses. */
export class People {
  constructor(private readonly deps: GraphDeps) {}

  /** Profile and mailbox time zone in one `$batch`; an unreadable time zone is just left out. */
  async getMe(caller: Caller): Promise<Me> {
    const [me, settings] = await this.deps.batch.getMany(caller, [
      { path: withQuery('/me', { $select: selectFields.user }) },
      { path: withQuery('/me/mailboxSettings', { $select: ['timeZone'] }) },
    ]);
    if (!me.ok) throw me.error;
    const person = toPerson(me.value as User);
    if (!person) throw new GraphError('notFound', 'The caller has no mail address');
    const timeZone = settings.ok ? ((settings.value as MailboxSettings).timeZone ?? undefined) : undefined;
    return { ...person, timeZone };
  }

  async findPeople(caller: Caller, params: { query: string; limit?: number }): Promise<Person[]> {
    const query = params.query.trim();
    if (query === '') return [];
    const limit = Math.min(Math.max(1, params.limit ?? 10), maxPeople);
    const text = odataString(query);
    const filter = ['displayName', 'mail', 'givenName', 'surname'].map((field) => `startswith(${field},${text})`).join(' or ');
    const users = await this.deps.api.getAll<User>(caller, withQuery('/users', { $filter: filter, $select: selectFields.user, $top: limit }), { limit });
    return users.map(toPerson).filter((person): person is Person => person !== undefined);
  }

  /** A person by directory object id (what the Teams people picker returns); undefined when there is none. */
  async personById(caller: Caller, params: { id: string }): Promise<Person | undefined> {
    try {
      const user = await this.deps.api.get<User>(caller, withQuery(`/users/${segment(params.id)}`, { $select: selectFields.user }));
      return toPerson(user);
    } catch (error) {
      if (isGraphError(error) && error.reason === 'notFound') return undefined;
      throw error;
    }
  }

  /**
   * The directory is asked first; an address it does not know is external, unless it is at the caller's own
   * domain (then it is a typo or a departed colleague: notFound). The caller's domain stands for the
   * organization's: an organization with several domains sees addresses at its other domains as external.
   */
  async resolvePerson(caller: Caller, params: { address: string }): Promise<Person> {
    const address = params.address.trim();
    if (!addressPattern.test(address)) throw new GraphError('invalidRequest', 'Not an email address');
    const [me, matches] = await this.deps.batch.getMany(caller, [
      { path: withQuery('/me', { $select: ['mail', 'userPrincipalName'] }) },
      { path: withQuery('/users', { $filter: `mail eq ${odataString(address)} or userPrincipalName eq ${odataString(address)}`, $select: selectFields.user }) },
    ]);
    if (!matches.ok) throw matches.error;
    if (!me.ok) throw me.error;
    const wanted = address.toLowerCase();
    const users = await this.deps.api.rest(caller, matches.value as GraphPage<User>);
    const found = users
      .map(toPerson)
      .find((person) => person?.address.toLowerCase() === wanted);
    if (found) return found;

    const myAddress = (me.value as User).mail ?? (me.value as User).userPrincipalName ?? '';
    if (domainOf(myAddress) === domainOf(wanted)) throw new GraphError('notFound', 'No one in the organization has this address', { status: 404 });
    return { displayName: address, address, isInsideOrganization: false };
  }
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

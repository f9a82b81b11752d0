import type { MailboxSettings, User } from '@microsoft/microsoft-graph-types';
import type { Caller, Me, Outcome, Person } from './calendar-gateway';
import type { GraphPage } from './graph-api';
import type { PlannedRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import { GraphError, isGraphError } from './graph-error';
import { selectFields, toPerson } from './graph-mappers';
import { odataString, segment, withQuery } from './graph-paths';

/** Enough to tell a typo from an address; Exchange decides the rest. */
const addressPattern = /^[^\s@<>()",;:[\]]+@[^\s@<>()",;:[\]]+\.[^\s@<>()",;:[\]]+$/;
const maxPeople = 25;

/** How long the caller's own profile and time zone are taken as known: they change rarely, and most turns need them. */
const callerFactsMaxAgeMs = 5 * 60_000;
const callerFactsPeople = 10_000;

/** The caller, and the people they name: directory search and typed addresses. */
export class People {
  private readonly callerFacts = new Map<string, { me: Me; at: number }>();

  constructor(private readonly deps: GraphDeps) {}

  /**
   * Profile and mailbox time zone in one `$batch`; an unreadable time zone is just left out. Kept for
   * a few minutes per person, so an agenda click or an address check does not read them again.
   */
  async getMe(caller: Caller, options: { fresh?: boolean } = {}): Promise<Me> {
    const known = options.fresh ? undefined : this.knownMe(caller);
    if (known) return known;
    const [me, settings] = await this.deps.batch.getMany(caller, [mePath, mailboxZonePath]);
    return this.rememberMe(caller, me, settings);
  }

  private knownMe(caller: Caller): Me | undefined {
    const entry = this.callerFacts.get(caller.userId);
    const age = entry ? this.deps.clock.now().getTime() - entry.at : -1;
    // A clock set back (tests, a corrected system clock) makes an entry stale, never everlasting.
    return entry && age >= 0 && age < callerFactsMaxAgeMs ? entry.me : undefined;
  }

  private rememberMe(caller: Caller, me: Outcome<unknown>, settings: Outcome<unknown>): Me {
    if (!me.ok) throw me.error;
    this.deps.api.mailboxes.learn([me.value as User]);
    const person = toPerson(me.value as User);
    if (!person) throw new GraphError('notFound', 'The caller has no mail address');
    const timeZone = settings.ok ? ((settings.value as MailboxSettings).timeZone ?? undefined) : undefined;
    const facts: Me = { ...person, timeZone };
    // An unreadable time zone is asked again next time, not remembered as missing.
    if (!settings.ok) return facts;
    this.callerFacts.delete(caller.userId);
    this.callerFacts.set(caller.userId, { me: facts, at: this.deps.clock.now().getTime() });
    if (this.callerFacts.size > callerFactsPeople) this.callerFacts.delete(this.callerFacts.keys().next().value as string);
    return facts;
  }

  async findPeople(caller: Caller, params: { query: string; limit?: number }): Promise<Person[]> {
    const query = params.query.trim();
    if (query === '') return [];
    const limit = Math.min(Math.max(1, params.limit ?? 10), maxPeople);
    const text = odataString(query);
    const filter = ['displayName', 'mail', 'givenName', 'surname'].map((field) => `startswith(${field},${text})`).join(' or ');
    const users = await this.deps.api.getAll<User>(caller, withQuery('/users', { $filter: filter, $select: selectFields.user, $top: limit }), { limit });
    this.deps.api.mailboxes.learn(users);
    return users.map(toPerson).filter((person): person is Person => person !== undefined);
  }

  /** A person by directory object id (what the Teams people picker returns); undefined when there is none. */
  async personById(caller: Caller, params: { id: string }): Promise<Person | undefined> {
    try {
      const user = await this.deps.api.get<User>(caller, withQuery(`/users/${segment(params.id)}`, { $select: selectFields.user }));
      this.deps.api.mailboxes.learn([user]);
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
    const [person] = await this.deps.batch.runPlanned(caller, [this.planResolve(caller, params)]);
    if (!person.ok) throw person.error;
    return person.value as Person;
  }

  /** `resolvePerson` as a planned read, to travel in one `$batch` with other reads of the same action. */
  planResolve(caller: Caller, params: { address: string }): PlannedRead<Person> {
    const address = params.address.trim();
    if (!addressPattern.test(address)) {
      return { reads: [], finish: () => Promise.reject(new GraphError('invalidRequest', 'Not an email address')) };
    }
    const search = { path: withQuery('/users', { $filter: `mail eq ${odataString(address)} or userPrincipalName eq ${odataString(address)}`, $select: selectFields.user }) };
    // The caller's own address (for their domain) is usually known; else it comes in the same `$batch`.
    const known = this.knownMe(caller);
    return {
      reads: known ? [search] : [mePath, mailboxZonePath, search],
      finish: async (answers) => {
        const found = answers[answers.length - 1];
        if (!found.ok) throw found.error;
        const me = known ?? this.rememberMe(caller, answers[0], answers[1]);
        const users = await this.deps.api.rest<User>(caller, found.value as GraphPage<User>);
        this.deps.api.mailboxes.learn(users);
        return personAt(users, address, me);
      },
    };
  }
}

function personAt(users: User[], address: string, me: Me): Person {
  const wanted = address.toLowerCase();
  // Typed as the mail or as the sign-in name (UPN): either is that person, known by their mail.
  const user = users.find((candidate) => [candidate.mail, candidate.userPrincipalName].some((known) => known?.toLowerCase() === wanted));
  const found = user && toPerson(user);
  if (found) return found;
  if (domainOf(me.address) === domainOf(wanted)) throw new GraphError('notFound', 'No one in the organization has this address', { status: 404 });
  return { displayName: address, address, isInsideOrganization: false };
}

const mePath = { path: withQuery('/me', { $select: selectFields.user }) };
const mailboxZonePath = { path: withQuery('/me/mailboxSettings', { $select: ['timeZone'] }) };

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

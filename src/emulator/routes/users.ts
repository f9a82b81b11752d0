import { accessDenied, GraphApiError, json } from '../graph-http';
import { applySelect, page, queryOption } from '../odata';
import type { DirectoryUser } from '../org-schema';
import type { Route, RouteContext } from '../router';
import type { EmulatorStore } from '../state-store';
import { mailboxUser } from '../calendar-access';

/** The default properties Graph returns for a user. */
export function userJson(user: DirectoryUser): Record<string, unknown> {
  return {
    id: user.id,
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    userType: user.userType,
  };
}

/** `/users/{key}` takes the object id or the userPrincipalName, as Graph documents; a mail address is not a key. */
function directoryUser(store: EmulatorStore, id: string): DirectoryUser {
  const user = store.findUserByKey(id);
  if (!user) {
    throw new GraphApiError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return user;
}

type UserPredicate = (user: DirectoryUser) => boolean;

const filterable: Record<string, (user: DirectoryUser) => string> = {
  displayname: (user) => user.displayName,
  mail: (user) => user.mail,
  givenname: (user) => user.givenName,
  surname: (user) => user.surname,
  userprincipalname: (user) => user.userPrincipalName,
};

const unsupportedQuery = (): GraphApiError => new GraphApiError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');

/** One clause of the people-search filters Graph supports on users: startswith(p,'x') or p eq 'x'. */
function parseClause(clause: string): UserPredicate {
  const startsWith = /^startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(clause);
  const equals = /^(\w+)\s+eq\s+'((?:[^']|'')*)'$/i.exec(clause);
  const match = startsWith ?? equals;
  const property = match && filterable[match[1].toLowerCase()];
  if (!match || !property) throw unsupportedQuery();
  const value = match[2].replace(/''/g, "'").toLowerCase();
  return startsWith ? (user) => property(user).toLowerCase().startsWith(value) : (user) => property(user).toLowerCase() === value;
}

/** Splits on ` or ` outside quoted literals, so searched text may itself contain "or". */
function splitOr(filter: string): string[] {
  const clauses: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < filter.length; index++) {
    if (filter[index] === "'") {
      quoted = !quoted; // a doubled '' toggles twice: still inside the literal
      continue;
    }
    const separator = quoted ? null : /^\s+or\s+/i.exec(filter.slice(index));
    if (separator) {
      clauses.push(filter.slice(start, index));
      index += separator[0].length - 1;
      start = index + 1;
    }
  }
  clauses.push(filter.slice(start));
  return clauses;
}

/** The `$filter` Graph accepts for people search: clauses joined with `or`, values matched case-insensitively. */
export function parseUserFilter(filter: string): UserPredicate {
  const clauses = splitOr(filter.trim()).map((clause) => parseClause(clause.trim().replace(/^\((.*)\)$/, '$1').trim()));
  return (user) => clauses.some((matches) => matches(user));
}

function listUsers({ request, store, pageSize }: RouteContext) {
  const filter = queryOption(request, 'filter');
  const matches = filter ? parseUserFilter(filter) : () => true;
  const users = [...store.org.users].filter(matches).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const result = page(request, users, pageSize);
  return json(200, { ...result, value: result.value.map((user) => applySelect(request, userJson(user))) });
}

function ownMailbox({ params, caller, store }: RouteContext): DirectoryUser {
  const user = mailboxUser(store, params.user);
  if (user.id !== caller.id) throw accessDenied();
  return user;
}

function mailboxSettings(user: DirectoryUser): Record<string, unknown> {
  return {
    timeZone: user.timeZone,
    dateFormat: 'yyyy-MM-dd',
    timeFormat: 'HH:mm',
    workingHours: {
      daysOfWeek: user.workingHours?.days ?? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: `${user.workingHours?.start ?? '08:00'}:00.0000000`,
      endTime: `${user.workingHours?.end ?? '17:00'}:00.0000000`,
      timeZone: { name: user.timeZone },
    },
  };
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/users', handler: listUsers },
  {
    method: 'GET',
    pattern: '/users/:user',
    handler: ({ request, params, store }) => json(200, applySelect(request, userJson(directoryUser(store, params.user)))),
  },
  {
    method: 'GET',
    pattern: '/users/:user/mailboxSettings',
    handler: (context) => json(200, applySelect(context.request, mailboxSettings(ownMailbox(context)))),
  },
  {
    method: 'GET',
    pattern: '/users/:user/mailboxSettings/timeZone',
    handler: (context) => json(200, { value: ownMailbox(context).timeZone }),
  },
];

/** The working hours getSchedule reports for a mailbox. */
export function workingHoursOf(user: DirectoryUser): Record<string, unknown> {
  return mailboxSettings(user).workingHours as Record<string, unknown>;
}

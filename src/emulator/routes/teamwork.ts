import { mailboxUser } from '../calendar-access';
import { GraphApiError, json, objectBody } from '../graph-http';
import type { Route, RouteContext } from '../router';
import { teamworkOf } from '../teamwork-state';

/** `externalId eq '...'` or `teamsApp/id eq '...'`: the two filters the product sends. */
function filterValue(context: RouteContext, field: string): string | undefined {
  const filter = context.request.query.get('$filter') ?? '';
  const match = new RegExp(`${field.replace('/', '\\/')}\\s+eq\\s+'([^']*)'`, 'i').exec(filter);
  return match?.[1];
}

function listCatalog(context: RouteContext) {
  const externalId = filterValue(context, 'externalId');
  const apps = teamworkOf(context.store).catalogApps().filter((app) => externalId === undefined || app.externalId === externalId);
  return json(200, { value: apps.map((app) => ({ id: app.id, externalId: app.externalId, displayName: 'Calendar Sharing Assistant', distributionMethod: 'organization' })) });
}

/** POST /users/{id}/teamwork/installedApps: 201; 409 already installed; 403 blocked by policy; 404 not in the catalog. */
function installApp(context: RouteContext) {
  const user = mailboxUser(context.store, context.params.user);
  const bind = objectBody(context.request)['teamsApp@odata.bind'];
  const catalogId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] : undefined;
  if (!catalogId) throw new GraphApiError(400, 'BadRequest', "The 'teamsApp@odata.bind' property is required.");
  const state = teamworkOf(context.store);
  if (!state.isPublished(catalogId)) throw new GraphApiError(404, 'NotFound', `App with id ${catalogId} is not found in the catalog.`);
  if (state.isBlocked(user.id)) throw new GraphApiError(403, 'Forbidden', 'App installation is blocked by app permission policy.');
  if (state.installationOf(user.id, catalogId)) throw new GraphApiError(409, 'Conflict', 'App is already installed for this user.');
  state.install(user.id, catalogId);
  return { status: 201 };
}

function listInstalled(context: RouteContext) {
  const user = mailboxUser(context.store, context.params.user);
  const catalogId = filterValue(context, 'teamsApp/id');
  const installs = teamworkOf(context.store).installations(user.id).filter((install) => catalogId === undefined || install.catalogId === catalogId);
  return json(200, { value: installs.map((install) => ({ id: install.id, teamsApp: { id: install.catalogId } })) });
}

/** The 1:1 chat between the user and the installed app's bot. */
function installedChat(context: RouteContext) {
  const user = mailboxUser(context.store, context.params.user);
  const install = teamworkOf(context.store).installations(user.id).find((candidate) => candidate.id === context.params.installation);
  if (!install) throw new GraphApiError(404, 'NotFound', 'The installation was not found.');
  return json(200, { id: `19:${user.id}_${install.catalogId}@unq.gbl.spaces`, chatType: 'oneOnOne' });
}

export const teamworkRoutes: Route[] = [
  { method: 'GET', pattern: '/appCatalogs/teamsApps', handler: listCatalog },
  { method: 'GET', pattern: '/users/:user/teamwork/installedApps', handler: listInstalled },
  { method: 'POST', pattern: '/users/:user/teamwork/installedApps', handler: installApp },
  { method: 'GET', pattern: '/users/:user/teamwork/installedApps/:installation/chat', handler: installedChat },
];

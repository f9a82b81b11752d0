import type { Caller } from './calendar-gateway';
import { createGraphClient, type GraphClientOptions } from './graph-client-factory';
import { GraphApi } from './graph-api';
import { isGraphError } from './graph-error';
import { odataString, segment, withQuery } from './graph-paths';

/** What installing the bot for someone gave: the 1:1 chat to write in, or why there is none. */
export type InstallOutcome =
  | { status: 'installed' | 'alreadyInstalled'; chatId: string }
  | { status: 'blocked' | 'notInCatalog' | 'failed'; reason: string };

/** Installs the Teams app for a person who never opened it, so an invitation can reach them in Teams. */
export interface AppInstallations {
  /** `caller` is the app acting for the recipient (`appActingOn(recipientId)`); `externalId` the manifest id. */
  installFor(caller: Caller, params: { externalId: string }): Promise<InstallOutcome>;
}

/**
 * Over Graph: the catalog app found by its manifest id (`externalId`), `POST /users/{id}/teamwork/installedApps`
 * (409 means already installed), then the installation's 1:1 chat. Application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All; 403 (blocked by an app permission policy) and 404 (not in the
 * catalog) are answers, not errors: the caller falls back to email.
 */
export class GraphAppInstallations implements AppInstallations {
  private readonly catalogIds = new Map<string, string>();

  constructor(private readonly api: GraphApi) {}

  async installFor(caller: Caller, params: { externalId: string }): Promise<InstallOutcome> {
    try {
      const catalogId = await this.catalogIdOf(caller, params.externalId);
      if (!catalogId) return { status: 'notInCatalog', reason: 'notInCatalog' };
      const user = segment(caller.userId);
      let status: 'installed' | 'alreadyInstalled' = 'installed';
      try {
        await this.api.post<unknown>(caller, `/users/${user}/teamwork/installedApps`, { 'teamsApp@odata.bind': `${this.api.baseUrl}/appCatalogs/teamsApps/${catalogId}` });
      } catch (error) {
        if (!isGraphError(error) || error.reason !== 'alreadyExists') throw error;
        status = 'alreadyInstalled';
      }
      const installs = await this.api.getAll<{ id: string }>(caller, withQuery(`/users/${user}/teamwork/installedApps`, { $expand: 'teamsApp', $filter: `teamsApp/id eq ${odataString(catalogId)}` }));
      const installation = installs[0];
      if (!installation) return { status: 'failed', reason: 'noInstallation' };
      const chat = await this.api.get<{ id: string }>(caller, `/users/${user}/teamwork/installedApps/${segment(installation.id)}/chat`);
      return { status, chatId: chat.id };
    } catch (error) {
      if (!isGraphError(error)) throw error;
      if (error.reason === 'forbidden') return { status: 'blocked', reason: error.reason };
      if (error.reason === 'notFound') return { status: 'notInCatalog', reason: error.reason };
      return { status: 'failed', reason: error.reason };
    }
  }

  private async catalogIdOf(caller: Caller, externalId: string): Promise<string | undefined> {
    const known = this.catalogIds.get(externalId);
    if (known) return known;
    const apps = await this.api.getAll<{ id: string }>(caller, withQuery('/appCatalogs/teamsApps', { $filter: `externalId eq ${odataString(externalId)}` }));
    const id = apps[0]?.id;
    if (id) this.catalogIds.set(externalId, id);
    return id;
  }
}

/** Its own Graph client, built once at start-up beside the calendar gateway's. */
export function createAppInstallations(options: GraphClientOptions): AppInstallations {
  const { client, baseUrl, clock, logger } = createGraphClient(options);
  return new GraphAppInstallations(new GraphApi(client, baseUrl, clock, logger));
}

import type { CalendarPermission as GraphCalendarPermission } from '@microsoft/microsoft-graph-types';
import type { Caller, CalendarPermission, CalendarRole, Outcome } from './calendar-gateway';
import type { PlannedRead } from './graph-batch';
import type { GraphDeps } from './graph-deps';
import { isGraphError } from './graph-error';
import { selectFields, toCalendarPermission } from './graph-mappers';
import { permissionsPath, withQuery } from './graph-paths';

/** Who sees the caller's calendars, and changing it. Only the owner can; Exchange refuses the others (403, explained by src/sharing/share-refusal.ts). */
export class Permissions {
  constructor(private readonly deps: GraphDeps) {}

  /** One calendar's permissions as a planned read. */
  planPermissions(caller: Caller, params: { calendarId: string }): PlannedRead<CalendarPermission[]> {
    return this.deps.batch.collection<GraphCalendarPermission, CalendarPermission>(caller, { path: listPath(params.calendarId) }, toCalendarPermission);
  }

  async listPermissions(caller: Caller, params: { calendarId: string }): Promise<CalendarPermission[]> {
    const permissions = await this.deps.api.getAll<GraphCalendarPermission>(caller, listPath(params.calendarId));
    return permissions.map(toCalendarPermission);
  }

  /** Several calendars in one `$batch` (the sharing overview). */
  async listPermissionsForCalendars(caller: Caller, params: { calendarIds: string[] }): Promise<Map<string, Outcome<CalendarPermission[]>>> {
    const ids = [...new Set(params.calendarIds)];
    const outcomes = await this.deps.batch.getAllMany<GraphCalendarPermission>(caller, ids.map((id) => ({ path: listPath(id) })));
    return new Map(
      ids.map((id, index): [string, Outcome<CalendarPermission[]>] => {
        const outcome = outcomes[index];
        return [id, outcome.ok ? { ok: true, value: outcome.value.map(toCalendarPermission) } : outcome];
      }),
    );
  }

  /**
   * Exchange keeps one entry per recipient and only lets `role` change, so granting to someone already listed
   * updates their entry. Most grants are for someone not listed yet, so the entry is created first (one round
   * trip); Exchange's refusal of a second entry (alreadyExists) leads to the update.
   */
  async grantPermission(
    caller: Caller,
    params: { calendarId: string; recipient: { address: string; name?: string }; role: CalendarRole },
  ): Promise<CalendarPermission> {
    try {
      const created = await this.deps.api.post<GraphCalendarPermission>(caller, permissionsPath(params.calendarId), {
        emailAddress: { address: params.recipient.address, name: params.recipient.name ?? params.recipient.address },
        role: params.role,
      });
      return toCalendarPermission(created);
    } catch (error) {
      if (!isGraphError(error) || error.reason !== 'alreadyExists') throw error;
      const existing = await this.findRecipient(caller, params.calendarId, params.recipient.address);
      if (!existing) throw error;
      return this.changeRole(caller, params.calendarId, existing, params.role);
    }
  }

  async updatePermission(caller: Caller, params: { calendarId: string; permissionId: string; role: CalendarRole }): Promise<CalendarPermission> {
    const path = permissionsPath(params.calendarId, params.permissionId);
    const updated = await this.deps.api.patch<GraphCalendarPermission | undefined>(caller, path, { role: params.role });
    return toCalendarPermission(updated ?? (await this.deps.api.get<GraphCalendarPermission>(caller, withQuery(path, { $select: selectFields.permission }))));
  }

  async revokePermission(caller: Caller, params: { calendarId: string; permissionId: string }): Promise<void> {
    await this.deps.api.delete(caller, permissionsPath(params.calendarId, params.permissionId));
  }

  private async findRecipient(caller: Caller, calendarId: string, address: string): Promise<CalendarPermission | undefined> {
    const wanted = address.toLowerCase();
    const permissions = await this.listPermissions(caller, { calendarId });
    return permissions.find((permission) => permission.recipient.address?.toLowerCase() === wanted);
  }

  private async changeRole(caller: Caller, calendarId: string, existing: CalendarPermission, role: CalendarRole): Promise<CalendarPermission> {
    if (existing.role === role) return existing;
    return this.updatePermission(caller, { calendarId, permissionId: existing.id, role });
  }
}

function listPath(calendarId: string): string {
  return withQuery(permissionsPath(calendarId), { $select: selectFields.permission });
}

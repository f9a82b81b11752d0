import type { Caller } from '../caller';
import { textReply, type Reply } from '../reply';
import { resultReplies } from '../troubleshoot/case-continue';
import { askRevoke, listWith } from './permission-change';
import type { PermissionsDeps } from './permissions-list';

/**
 * "Remove Megan's access": when exactly one removable access of the caller's calendars is that
 * person's, its confirmation card straight away; otherwise the list, with a line saying why.
 * The entry is found again from Graph with the caller's token, like every permission card.
 */
export async function revokeFor(deps: PermissionsDeps, caller: Caller, address: string, name: string): Promise<Reply[]> {
  const owner = { userId: caller.userId };
  const calendars = (await deps.gateway.listMyCalendars(owner)).filter((calendar) => calendar.canShare);
  const outcomes = await deps.gateway.listPermissionsForCalendars(owner, { calendarIds: calendars.map((calendar) => calendar.id) });
  const entries = calendars.flatMap((calendar) => {
    const outcome = outcomes.get(calendar.id);
    const permissions = outcome?.ok ? outcome.value : [];
    return permissions
      .filter((permission) => permission.isRemovable && permission.recipient.address?.toLowerCase() === address.toLowerCase())
      .map((permission) => ({ calendarId: calendar.id, permissionId: permission.id }));
  });
  if (entries.length === 1) return resultReplies(await askRevoke(deps, caller, entries[0]));
  const note = entries.length === 0 ? caller.t('permissions:nothingFor', { name }) : caller.t('permissions:severalFor', { name });
  const list = resultReplies(await listWith(deps, caller));
  return [textReply(note), ...list];
}

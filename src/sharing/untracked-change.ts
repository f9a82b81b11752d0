import { randomUUID } from 'node:crypto';
import type { CalendarRole, Outcome, Person } from '../graph/calendar-gateway';
import { isGraphError } from '../graph/graph-error';
import { mailAccessChange } from './access-mail';
import { notifyPerson, type ShareServiceDeps } from './share-deps';

export interface UntrackedChange {
  ownerUserId: string;
  ownerName: string;
  calendar: { id: string; name: string };
  /** `address` is null for the organisation-wide entry. */
  recipient: { address: string | null; name: string };
  action: 'roleChanged' | 'revoked';
  role: CalendarRole;
  previousRole?: CalendarRole;
  /** The recipient as the directory resolved them, when that was read already (with the list redrawn after the change). */
  resolved?: Outcome<Person>;
}

export type UntrackedChangeDeps = Pick<ShareServiceDeps, 'audit' | 'gateway' | 'notifier' | 'notices' | 'logger'>;

/**
 * A change made from /permissions to access the bot did not grant (set in Outlook): there is no
 * invitation to update, so it is audited and the person told, when the bot can reach them.
 */
export async function noteUntrackedChange(deps: UntrackedChangeDeps, change: UntrackedChange): Promise<void> {
  const id = randomUUID();
  const { address, name } = change.recipient;
  await deps.audit.record({
    id,
    ownerUserId: change.ownerUserId,
    actorUserId: change.ownerUserId,
    action: change.action,
    calendarId: change.calendar.id,
    calendarName: change.calendar.name,
    recipientAddress: address ?? '',
    recipientName: name,
    role: change.role,
    previousRole: change.previousRole,
  });
  if (!address) return;
  const userId = await directoryIdOf(deps, change.ownerUserId, address, change.resolved);
  const notice = { ownerName: change.ownerName, calendarName: change.calendar.name, role: change.role, previousRole: change.previousRole };
  const told = await notifyPerson(
    deps.notifier,
    userId,
    (to) => (change.action === 'revoked' ? deps.notices.accessEnded(notice, 'revoked', to) : deps.notices.roleChanged(notice, to)),
    id,
  );
  if (told) return;
  // The owner is in a turn right now: their last language is the one to write in.
  const locale = (await deps.notifier.reachable(change.ownerUserId))?.locale ?? 'en';
  const what = change.action === 'revoked' ? 'revoked' : 'roleChanged';
  await mailAccessChange(deps, { ownerUserId: change.ownerUserId, locale, recipient: { address, name }, change: notice, what, dedupeKey: id });
}

async function directoryIdOf(deps: Pick<ShareServiceDeps, 'gateway'>, ownerUserId: string, address: string, resolved?: Outcome<Person>): Promise<string | undefined> {
  try {
    if (resolved && !resolved.ok) throw resolved.error;
    const person = resolved ? resolved.value : await deps.gateway.resolvePerson({ userId: ownerUserId }, { address });
    return person.isInsideOrganization ? person.id : undefined;
  } catch (error) {
    if (!isGraphError(error)) throw error;
    return undefined;
  }
}

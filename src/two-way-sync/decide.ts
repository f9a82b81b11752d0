/**
 * vdirsyncer's decision for one UID, from what each side holds now and the status of the last sync.
 * A side counts as changed only when its version marker (ETag, changeKey) AND its content hash changed:
 * a write of ours comes back with a new ETag but the same hash, so it is never echoed back.
 */
import type { ConflictPolicy, SyncDirection, SyncItemStatus } from './sync-pair-store';

export interface SideNow {
  version: string;
  hash: string;
  lastModified?: string;
}

export type Decision =
  | { action: 'none' }
  | { action: 'record' }
  | { action: 'forget' }
  | { action: 'copy'; to: 'outlook' | 'caldav'; kind: 'create' | 'update'; conflict: boolean }
  | { action: 'delete'; on: 'outlook' | 'caldav' };

const changed = (now: SideNow, before: { version: string; hash: string } | undefined): boolean => !before || (now.version !== before.version && now.hash !== before.hash);

function winner(policy: ConflictPolicy, outlook: SideNow, caldav: SideNow): 'outlook' | 'caldav' {
  if (policy === 'outlook') return 'outlook';
  if (policy === 'caldav') return 'caldav';
  // Newer wins; a tie (or a side that does not say) goes to Outlook.
  return (caldav.lastModified ?? '') > (outlook.lastModified ?? '') ? 'caldav' : 'outlook';
}

export function decide(input: { outlook?: SideNow; caldav?: SideNow; status?: SyncItemStatus; sameContent: boolean; policy: ConflictPolicy; direction: SyncDirection }): Decision {
  const { outlook, caldav, status, policy, direction } = input;
  const caldavBefore = status?.caldav && { version: status.caldav.etag, hash: status.caldav.hash };
  const toCaldav = direction !== 'toOutlook';
  const toOutlook = direction !== 'toCaldav';
  const copy = (from: 'outlook' | 'caldav', conflict: boolean, exists: boolean): Decision => {
    const to = from === 'outlook' ? 'caldav' : 'outlook';
    if ((to === 'caldav' && !toCaldav) || (to === 'outlook' && !toOutlook)) return { action: 'record' };
    return { action: 'copy', to, kind: exists ? 'update' : 'create', conflict };
  };
  if (outlook && caldav) {
    const outlookChanged = changed(outlook, status?.graph);
    const caldavChanged = changed(caldav, caldavBefore);
    if (input.sameContent) return outlookChanged || caldavChanged || !status?.graph || !status?.caldav ? { action: 'record' } : { action: 'none' };
    if (outlookChanged && caldavChanged) {
      // Both changed, or first seen on both sides (matched by UID): the policy decides.
      if (direction === 'toCaldav') return copy('outlook', true, true);
      if (direction === 'toOutlook') return copy('caldav', true, true);
      return copy(winner(policy, outlook, caldav), true, true);
    }
    if (outlookChanged) return copy('outlook', false, true);
    if (caldavChanged) return copy('caldav', false, true);
    // Versions moved, content did not: remember the new versions.
    return outlook.version !== status?.graph?.version || caldav.version !== caldavBefore?.version ? { action: 'record' } : { action: 'none' };
  }
  if (outlook) {
    if (!status?.caldav) return copy('outlook', false, false);
    // Deleted on CalDAV. A change made since on Outlook wins over the deletion (vdirsyncer does the same).
    if (changed(outlook, status.graph)) return copy('outlook', true, false);
    return toOutlook ? { action: 'delete', on: 'outlook' } : { action: 'forget' };
  }
  if (caldav) {
    if (!status?.graph) return copy('caldav', false, false);
    if (changed(caldav, caldavBefore)) return copy('caldav', true, false);
    return toCaldav ? { action: 'delete', on: 'caldav' } : { action: 'forget' };
  }
  return status ? { action: 'forget' } : { action: 'none' };
}

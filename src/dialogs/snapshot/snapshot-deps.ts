import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { CalendarGateway } from '../../graph/calendar-gateway';
import type { SharingPolicy } from '../../sharing/sharing-policy';
import type { SnapshotBuilder } from '../../snapshot/snapshot-builder';
import type { SnapshotDraftStore } from '../../snapshot/snapshot-draft';
import type { PersonDirectory } from '../share/feature-deps';

/** What the snapshot dialogs need, built once in app-runtime. */
export interface SnapshotFeatureDeps {
  gateway: CalendarGateway;
  drafts: SnapshotDraftStore;
  builder: SnapshotBuilder;
  /** The same external sharing policy as shares: people outside see at most their domain's cap. */
  policy: SharingPolicy;
  clock: Clock;
  logger?: Logger;
  /** When set, the card offers the Teams people picker (its choices are object ids). */
  directory?: PersonDirectory;
}

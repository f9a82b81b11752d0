/**
 * How one run learns what changed in Outlook: a `calendarView/delta` round from the link kept with the pair.
 * Nothing reported: the Outlook side is what the status says, and the calendar is not listed. Anything
 * reported (or a fresh round): the calendar is listed. After the run's own writes, the link moves past
 * them only when every change since is the run's own; otherwise the next run looks again.
 */
import type { Caller } from '../graph/calendar-gateway';
import type { CalendarRef, EventChanges } from '../graph/event-gateway';
import { isGraphError } from '../graph/graph-error';
import { deltaWindowOf, outlookItemsFromStatus, type ListedOutlookItem, type OutlookCalendar, type OutlookItem } from './outlook-calendar';
import type { PairRun } from './pair-run';
import type { GraphDeltaState, SyncItemStatus } from './sync-pair-store';

export class OutlookDelta {
  private constructor(
    private readonly outlook: OutlookCalendar,
    private readonly caller: Caller,
    private readonly calendar: CalendarRef,
    private readonly deltaWindow: { start: Date; end: Date },
    /** Undefined when Graph offers no delta for this calendar: every run lists it. */
    private readonly changes: EventChanges | undefined,
  ) {}

  /** The delta round of this run; the stored link is used while it watches the same window. */
  static async begin(outlook: OutlookCalendar, caller: Caller, calendar: CalendarRef, window: { start: Date; end: Date }, stored: GraphDeltaState | undefined): Promise<OutlookDelta> {
    const deltaWindow = deltaWindowOf(window);
    const link = stored?.windowStart === deltaWindow.start.toISOString() ? stored.link : undefined;
    try {
      return new OutlookDelta(outlook, caller, calendar, deltaWindow, await outlook.changes(caller, calendar, deltaWindow, link));
    } catch (error) {
      // v1.0 documents calendarView/delta for the primary calendar; a calendar Graph refuses it for is listed every run.
      if (isGraphError(error) && (error.status === 400 || error.status === 501)) return new OutlookDelta(outlook, caller, calendar, deltaWindow, undefined);
      throw error;
    }
  }

  /** Outlook as this run sees it: from the status when Graph reported no change, else listed. */
  async items(status: Map<string, SyncItemStatus>, window: { start: Date; end: Date }): Promise<Map<string, OutlookItem>> {
    const quiet = !!this.changes && !this.changes.restarted && this.changes.changedIds.length === 0 && this.changes.removedIds.length === 0;
    return quiet ? outlookItemsFromStatus(status) : this.outlook.read(this.caller, this.calendar, window);
  }

  /** The link to keep once the run's writes are done (the change keys of what it wrote are refreshed here). */
  async settle(run: PairRun): Promise<GraphDeltaState | undefined> {
    if (!this.changes) {
      if (run.outlookWritten.size > 0) await run.refreshOutlookStatus();
      return undefined;
    }
    const state: GraphDeltaState = { link: this.changes.deltaLink, windowStart: this.deltaWindow.start.toISOString() };
    if (run.outlookWritten.size === 0 && run.outlookDeleted.size === 0) return state;
    const listed = run.outlookWritten.size > 0 ? await run.refreshOutlookStatus() : new Map<string, ListedOutlookItem>();
    const after = await this.outlook.changes(this.caller, this.calendar, this.deltaWindow, this.changes.deltaLink);
    const own = run.ownOutlookIds(listed);
    if (!after.restarted && [...after.changedIds, ...after.removedIds].every((id) => own.has(id))) state.link = after.deltaLink;
    return state;
  }
}

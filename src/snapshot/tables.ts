/** The table of calendar snapshots being prepared (migration 2026-12-01-i10-calendar-export). */

export interface SnapshotDraftTable {
  id: string;
  owner_user_id: string;
  /** open, sending, sent, cancelled */
  status: string;
  payload: string;
  created_at: string;
  updated_at: string;
}

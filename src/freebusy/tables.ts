/** Tables of the free/busy feature (migration 1300-i13-freebusy). */

/**
 * The slots proposed to one person by one search: the booking buttons carry only this id and a slot number,
 * so who is invited and when is read back here, never from the card.
 */
export interface FreeBusyProposalTable {
  id: string;
  /** The viewer's aadObjectId: only they may book from it. */
  user_id: string;
  /** JSON: [{ address, name }] of the people invited (the viewer excluded). */
  attendees: string;
  /** JSON: start instants (ISO) of the slots offered. */
  slots: string;
  duration_minutes: number;
  /** The viewer's IANA zone, for the confirmation and Outlook. */
  time_zone: string;
  /** Set once a meeting was created: which slot, and the event id. */
  booked_slot: number | null;
  event_id: string | null;
  created_at: string;
  updated_at: string;
}

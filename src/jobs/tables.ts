/** Background work the product's identity could not do yet (issue 9). Timestamps are ISO text. */
export interface ParkedJobTable {
  /** `kind:ref`: one row per piece of work, however often it is parked again. */
  id: string;
  /** expire, recover, emailFallback, accessMail. */
  kind: string;
  /** The invitation id, or the notice key of an access-change email. */
  ref: string;
  owner_user_id: string;
  calendar_name: string;
  recipient: string;
  /** What a retry needs when the work lives nowhere else (an access-change email), as JSON. */
  payload: string | null;
  /** Why it waits: a GraphError reason or code (AppIdentityNotConfigured, forbidden...). */
  reason: string;
  attempts: number;
  parked_at: string;
  next_attempt_at: string;
  /** A retry under way holds the row until then (one instance retries it). */
  lease_until: string | null;
  /** When the owner was told; null until their next turn. */
  owner_told_at: string | null;
}

/** Tables of the troubleshooting assistant and helpdesk mode (migrations 0600-0699). */

/** One troubleshooting case: what the person chose, what the checks found, where they are in the tree. */
export interface TroubleshootSessionTable {
  id: string;
  /** The person the case is for (aadObjectId): only they may act on its cards. */
  user_id: string;
  /** The language the case was opened in; its cards and summary keep it. */
  locale: string;
  tree_version: number;
  client_id: string | null;
  symptom_id: string | null;
  /** The person the case names (owner of the calendar, or recipient of a refused share), lower case. */
  person_address: string | null;
  person_name: string | null;
  /** For a refused external share: the level the person tried. */
  tried_role: string | null;
  /** The node shown on the case's current card. */
  node_id: string | null;
  /** The check report (results, facts, vars) as JSON. */
  checks: string | null;
  /** The nodes shown and the answers given, in order, as JSON. */
  history: string;
  /** open, resolved, handedOff. */
  status: string;
  /** The helpdesk member who sent the person this case's card, if any (aadObjectId). */
  started_by: string | null;
  /** Grows on every change: a click acts only on the revision its card showed (double clicks do nothing twice). */
  revision: number;
  created_at: string;
  updated_at: string;
}

/** Every use of helpdesk mode: who looked at whom, what they did, and whether it was allowed. */
export interface HelpdeskAuditTable {
  id: string;
  actor_user_id: string;
  actor_address: string | null;
  /** diagnose, sendCard. */
  action: string;
  target_address: string | null;
  target_user_id: string | null;
  /** shown, refused, notFound, invalid, failed, sent, unreachable, alreadySent. */
  outcome: string;
  /** For sendCard: the diagnose it came from; the case id once sent. */
  reference: string | null;
  /** diagnose shown: the person's name; sendCard sent: symptom and case id; a failure: its reason. */
  detail: string | null;
  at: string;
}

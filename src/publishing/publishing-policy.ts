import type { PolicyRole } from '../config';
import type { DetailLevel } from '../ical/ics-event';
import { roleRank } from '../sharing/roles';

/** The organisation's anonymous sharing policy for published calendars (Exchange's {Anonymous:...}). */
export type PublishingPolicy = PolicyRole | 'disabled';

export const detailLevels: readonly DetailLevel[] = ['freeBusyRead', 'limitedRead', 'read'];

/** The levels a published link may have under the policy; none when publishing is disabled. */
export function publishableLevels(policy: PublishingPolicy): DetailLevel[] {
  if (policy === 'disabled') return [];
  return detailLevels.filter((level) => roleRank(level) <= roleRank(policy));
}

/** A level held to a cap: the lower of the two. */
export function cappedLevel(level: DetailLevel, cap: DetailLevel): DetailLevel {
  return roleRank(level) <= roleRank(cap) ? level : cap;
}

import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read from an email and typed in Teams should survive the trip. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A short code for an invitation sent by email, like `K7QM-4TZP` (31^8, about 8.5e11). Redeeming it
 * also requires being the intended recipient, so the code alone gives nothing away.
 */
export function newInvitationCode(): string {
  const chars = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * What the user typed, as stored: upper case; spaces and a dash of any kind (an email client may turn
 * "-" into "–") ignored. Undefined if not a code.
 */
export function normalizeInvitationCode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s\-\u2010-\u2015]/g, '');
  if (!/^[A-Z0-9]{8}$/.test(compact)) return undefined;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/**
 * The emulator's bearer tokens: "emu." followed by the user's Entra object id. They prove nothing and
 * are only ever accepted by the emulator on loopback.
 */
const prefix = 'emu.';

/** The token the emulator accepts for this user (their aadObjectId). */
export function emulatorToken(userObjectId: string): string {
  return `${prefix}${userObjectId}`;
}

/** The object id an emulator token names, or undefined when it is not one. */
export function userIdFromToken(token: string): string | undefined {
  const trimmed = token.trim();
  return trimmed.startsWith(prefix) && trimmed.length > prefix.length ? trimmed.slice(prefix.length) : undefined;
}

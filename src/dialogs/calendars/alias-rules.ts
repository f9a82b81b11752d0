/** Long enough for "Phoenix – agency deadlines", short enough for Outlook's narrow folder pane and a card. */
export const maxAliasLength = 64;

/** Letters and digits of any script, spaces, and the punctuation people put in calendar names. */
const allowed = /^[\p{L}\p{M}\p{N} .,'’&()+#@!_-]+$/u;

export type AliasProblem = 'invalidEmpty' | 'invalidLength' | 'invalidCharacters';
export type AliasCheck = { ok: true; alias: string } | { ok: false; problem: AliasProblem };

/**
 * Validates and tidies an alias typed by the user: trimmed, inner spaces collapsed, Unicode normalized
 * (so "é" typed two ways is one name). Control characters, slashes and markup are refused.
 */
export function checkAlias(input: unknown): AliasCheck {
  const alias = (typeof input === 'string' ? input : '').normalize('NFC').trim().replace(/\s+/g, ' ');
  if (alias === '') return { ok: false, problem: 'invalidEmpty' };
  if ([...alias].length > maxAliasLength) return { ok: false, problem: 'invalidLength' };
  if (!allowed.test(alias)) return { ok: false, problem: 'invalidCharacters' };
  return { ok: true, alias };
}

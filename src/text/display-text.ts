/**
 * Characters that change how text around them is shown without being visible themselves: bidi
 * overrides and isolates (an address "moc.elpmaxe@" shown reversed), zero-width spaces and joiners
 * (two names that look the same), the BOM. Removed from everything shown to someone else.
 */
const invisible = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** C0 and C1 control characters other than the line breaks and tab text may carry. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text as shown to someone else: no invisible direction or joining characters, no control characters. */
export function visibleText(text: string): string {
  return text.replace(invisible, '').replace(controls, '');
}

/** A name on one line (display names, calendar names, subjects): visible characters, line breaks as spaces. */
export function visibleName(text: string): string {
  return visibleText(text).replace(/[\r\n\t]/g, ' ');
}

import { visibleText } from '../text/display-text';

/**
 * Text for the HTML body of an email: every character HTML gives a meaning to is escaped, and the
 * invisible direction-changing characters are removed. The one function every email body uses for
 * names, calendar names, subjects and addresses (and for whole paragraphs that contain them).
 */
export function htmlText(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (char) => entities[char]);
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

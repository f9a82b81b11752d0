import { checkMarks } from '../../cards/check-marks';
import { translatorFor, type Locale, type Translate } from '../../i18n';
import type { CaseVars, CheckResult } from '../../troubleshoot/check-report';
import { textVariables } from '../../troubleshoot/tree-schema';
import { elide } from '../../i18n/elision';
import { formatDate } from '../../i18n/dates';

/** Who a card speaks to: the caller, a case's owner (in the case's language), or a helpdesk member. */
export interface Speaker {
  locale: Locale;
  t: Translate;
}

export function speakerFor(locale: Locale): Speaker {
  return { locale, t: translatorFor(locale) };
}

/** A calendar role (or canEdit / canView) as a level name: "all details". */
export function levelName(t: Translate, level: string | undefined): string {
  return level ? t(`troubleshoot:levels.${level}`, { defaultValue: level }) : t('troubleshoot:helpdesk.unknownLevel');
}

export function reasonText(t: Translate, reason: string | undefined): string {
  return t(`troubleshoot:reasons.${reason ?? 'unknown'}`, { defaultValue: t('troubleshoot:reasons.unknown') });
}

/** Vars of stored data made readable: roles become level names, a reason becomes a sentence. */
function readableVars(t: Translate, vars: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) continue;
    if (key.endsWith('Role')) out[key.slice(0, -'Role'.length)] = levelName(t, value);
    else if (key === 'reason') out.reasonText = reasonText(t, value);
    else out[key] = value;
  }
  return out;
}

/** One checklist row: its mark, the mark's colour, and the sentence. */
export function checkRow(t: Translate, result: CheckResult): { mark: string; color: string; text: string } {
  const vars = readableVars(t, result.vars);
  if (result.calendars) vars.calendars = result.calendars.map((calendar) => `${calendar.name} (${levelName(t, calendar.level)})`).join(', ');
  return { ...checkMarks[result.status], text: t(`troubleshoot:checks.${result.id}.${result.message}`, vars) };
}

/** One checklist line as plain text: "✓ Shared with you: Project Phoenix (all details)". */
export function checkLine(t: Translate, result: CheckResult): string {
  const row = checkRow(t, result);
  return `${row.mark} ${row.text}`;
}

/** Fills a tree text's `{{placeholders}}` from the case; what the case does not know reads as a neutral word. */
export function fillTreeText(t: Translate, text: string, vars: CaseVars): string {
  const values = readableVars(t, { ...vars });
  // `{{domain, de}}` joins the value the French way ("d'example.com"), as in the locale files.
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*(?:,\s*(de|que)\s*)?\}\}/g, (match, name: string, word: string | undefined) => {
    if (!(textVariables as readonly string[]).includes(name)) return match;
    const value = values[name] ?? t(`troubleshoot:fallback.${name}`);
    return word ? elide(word, value) : value;
  });
}

/** A date as the person reads it, in UTC (the bot does not know their time zone here). */
export function shortDate(locale: Locale, iso: string): string {
  return formatDate(locale, new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
}

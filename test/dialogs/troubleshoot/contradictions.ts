import { cardText, type Card } from '../../support/cards';
import { checklist } from './card-kit';

/** What a checklist row established, by language: the start of the row after its mark. */
interface RowFacts {
  inList: { pass: RegExp; fail: RegExp; unknown: RegExp };
  shared: { pass: RegExp; fail: RegExp };
}

/**
 * Sentences of advice that assert a fact the checks also show. A card contradicts itself when its
 * advice asserts what its checklist refutes (or could not check).
 */
interface Claims {
  inList: RegExp;
  notInList: RegExp;
  shared: RegExp;
  notShared: RegExp;
}

const rows: Record<'en' | 'fr', RowFacts> = {
  en: {
    inList: { pass: /^✓ In your Outlook calendar list/, fail: /^✗ Not in your Outlook calendar list/, unknown: /^\? Could not read your calendar list/ },
    shared: { pass: /^✓ Shared with you/, fail: /^✗ .* shares no calendar with you/ },
  },
  fr: {
    inList: { pass: /^✓ Dans votre liste de calendriers/, fail: /^✗ Absent de votre liste de calendriers/, unknown: /^\? Impossible de lire votre liste/ },
    shared: { pass: /^✓ Partagé avec vous/, fail: /^✗ .* ne partage aucun calendrier avec vous/ },
  },
};

const claims: Record<'en' | 'fr', Claims> = {
  en: {
    inList: /\b(is|are)( shared and)? in your (calendar |Outlook )?list\b|\bin your list as\b/i,
    notInList: /\bnot in your (calendar |Outlook )?list\b/i,
    shared: /\b(the calendar|it) is shared\b/i,
    notShared: /\b(no longer shares|shares no calendar|is not shared)\b/i,
  },
  fr: {
    inList: /\best( partagé et)? dans votre liste\b|\bdans votre liste sous le nom\b/i,
    notInList: /\bn'est pas (encore )?dans votre liste\b/i,
    shared: /\b(le calendrier|il) est partagé\b/i,
    notShared: /\b(ne vous partage plus|ne vous partage aucun|n'est pas partagé)\b/i,
  },
};

type State = 'pass' | 'fail' | 'unknown' | undefined;

function stateOf(lines: string[], patterns: { pass: RegExp; fail: RegExp; unknown?: RegExp }): State {
  if (lines.some((line) => patterns.pass.test(line))) return 'pass';
  if (lines.some((line) => patterns.fail.test(line))) return 'fail';
  if (patterns.unknown && lines.some((line) => patterns.unknown?.test(line))) return 'unknown';
  return undefined;
}

/**
 * The contradictions between a troubleshooting card's checklist and the advice on the same card, as
 * sentences a person would read ("✗ Not in your Outlook calendar list" next to "The calendar is ... in
 * your list"). Empty when the card is consistent. An unknown check refutes a firm claim as well: the
 * advice then says something no check established.
 */
export function contradictions(card: Card, language: 'en' | 'fr'): string[] {
  const checks = checklist(card);
  const rowTexts = new Set(checks.map((row) => row.slice(2)));
  const advice = cardText(card)
    .split('\n')
    .filter((line) => !rowTexts.has(line));
  const found: string[] = [];
  const say = (claim: RegExp, refuted: boolean, row: string) => {
    if (!refuted) return;
    for (const line of advice) if (claim.test(line)) found.push(`"${line}" next to "${row}"`);
  };
  const list = stateOf(checks, rows[language].inList);
  const shared = stateOf(checks, rows[language].shared);
  const rowOf = (pattern: RegExp) => checks.find((row) => pattern.test(row)) ?? '';
  const c = claims[language];
  say(c.inList, list === 'fail' || list === 'unknown', rowOf(list === 'fail' ? rows[language].inList.fail : rows[language].inList.unknown));
  say(c.notInList, list === 'pass', rowOf(rows[language].inList.pass));
  say(c.shared, shared === 'fail', rowOf(rows[language].shared.fail));
  say(c.notShared, shared === 'pass', rowOf(rows[language].shared.pass));
  return found;
}

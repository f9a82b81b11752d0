import { tokenize, type Token } from './request-tokens';

/** Which days the request names; `day` carries a date, `weekday` the next such day (0 = Sunday). */
export type WindowSpec =
  | { kind: 'today' | 'tomorrow' | 'thisWeek' | 'nextWeek' }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; month: number; day: number; year?: number };

export type PartOfDay = 'morning' | 'afternoon';

/** What a sentence asked: who, when, for how long. Anything not said is left out (defaults apply later). */
export interface FreeBusyQuery {
  /** Names or addresses, as typed, in order. */
  people: string[];
  window?: WindowSpec;
  partOfDay?: PartOfDay;
  durationMinutes?: number;
}

const weekdays: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  dimanche: 0, lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6,
};
const months: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, septembre: 9, octobre: 10, novembre: 11, decembre: 12,
};
const minuteUnits = new Set(['min', 'mins', 'minute', 'minutes', 'mn']);
const hourUnits = new Set(['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures']);
const connectors = new Set(['and', 'et', 'with', 'avec', '&', 'plus']);
const introducers = new Set(['with', 'avec', 'for', 'pour', 'entre', 'between']);

/** Words that are never a person: the sentence's grammar and the vocabulary of time. */
const stopWords = new Set(
  (
    'a an the find me us we i you is are am be can could would will when what which who whom where how do does slot slots time times ' +
    'meeting meet free busy available availability availabilities schedule calendar calendars check show of in on at this next week ' +
    'weeks day days morning afternoon evening today tomorrow for to from between all both everyone please let lets my our their ' +
    'half long an minute minutes hour hours min mins h is there any some common together best book quand est-ce est ce que qu quel ' +
    'quelle quels quelles sont sont-ils sont-elles libre libres disponible disponibles dispo dispos disponibilite disponibilites ' +
    'creneau creneaux trouver trouve trouves un une de d du des le l la les pour avec entre moi nous on peut peux pouvons se voir ' +
    'reunion reunions rendez-vous rdv ce cette semaine semaines prochaine prochain jour jours matin matinee apres-midi apres midi ' +
    'aprem aujourd hui aujourd\'hui demain heure heures demi demi-heure mn il elle ils elles y a-t-il tous toutes tout commun ' +
    'ensemble s\'il plait stp svp please j\' ai besoin need want veux voudrais calendrier agenda occupe occupes occupee freebusy ' +
    "disponibilites je tu vous leur leurs mon ma mes son sa ses au aux par sur dans qui quoi d' l' qu'"
  ).split(/\s+/),
);

function numberOf(token: Token | undefined): number | undefined {
  if (!token || token.folded.length > 4 || !/^\d+$/.test(token.folded)) return undefined;
  return Number(token.folded);
}

/** "30min", "1h", "1h30", "90mn": a number glued to its unit. */
function gluedDuration(folded: string): number | undefined {
  const match = /^(\d{1,3})(h|min|mn|mins)(\d{0,2})$/.exec(folded);
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (match[2] === 'h') return amount * 60 + (match[3] ? Number(match[3]) : 0);
  return match[3] ? undefined : amount;
}

/** "2026-12-03" (the other date forms are read from their tokens). */
function isoDate(folded: string): WindowSpec | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(folded);
  return iso ? { kind: 'date', year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) } : undefined;
}

/**
 * Reads who, when and how long from a sentence. One pass over the tokens: time words set the window, a number
 * with a unit sets the duration, and the remaining runs of words between connectors ("and", "et", ",") are
 * people. In plain words, a run counts as a name only if it is capitalised or follows "with" / "avec"; typed
 * after /freebusy, any run does.
 */
export function parseFreeBusyRequest(text: string, options: { locale: 'en' | 'fr'; anyWordIsAName?: boolean }): FreeBusyQuery {
  const tokens = tokenize(text);
  const query: FreeBusyQuery = { people: [] };
  let name: Token[] = [];
  let introduced = false;
  const closeName = (): void => {
    if (name.length > 0 && name.length <= 3 && (options.anyWordIsAName || introduced || name.some((token) => /^\p{Lu}/u.test(token.text)))) {
      query.people.push(name.map((token) => token.text).join(' '));
    }
    name = [];
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const word = token.folded;
    const next = tokens[index + 1]?.folded;
    if (token.kind === 'separator') {
      if (token.text === '/' && numberOf(tokens[index - 1]) !== undefined) continue;
      closeName();
      introduced = false;
      continue;
    }
    if (word.includes('@') && word.includes('.')) {
      closeName();
      query.people.push(token.text);
      continue;
    }
    const amount = numberOf(token);
    if (amount !== undefined && next && (minuteUnits.has(next) || hourUnits.has(next))) {
      query.durationMinutes = minuteUnits.has(next) ? amount : amount * 60;
      index++;
      closeName();
      continue;
    }
    if (amount !== undefined && next && months[next] !== undefined) {
      query.window = { kind: 'date', day: amount, month: months[next] };
      index++;
      closeName();
      continue;
    }
    if (months[word] !== undefined && word.length > 3 && numberOf(tokens[index + 1]) !== undefined) {
      query.window = { kind: 'date', month: months[word], day: numberOf(tokens[index + 1]) ?? 1 };
      index++;
      closeName();
      continue;
    }
    if (amount !== undefined && tokens[index + 1]?.text === '/' && numberOf(tokens[index + 2]) !== undefined) {
      const second = numberOf(tokens[index + 2]) ?? 1;
      query.window = options.locale === 'fr' ? { kind: 'date', day: amount, month: second } : { kind: 'date', month: amount, day: second };
      index += 2;
      closeName();
      continue;
    }
    const glued = gluedDuration(word);
    const date = isoDate(word);
    if (glued !== undefined) query.durationMinutes = glued;
    else if (date) query.window = date;
    else if (word === 'today' || word === "aujourd'hui" || word === 'aujourdhui') query.window = { kind: 'today' };
    else if (word === 'tomorrow' || word === 'demain') query.window = { kind: 'tomorrow' };
    else if (weekdays[word] !== undefined) query.window = { kind: 'weekday', weekday: weekdays[word] };
    else if (word === 'week' || word === 'semaine') query.window = { kind: isNextWeek(tokens, index) ? 'nextWeek' : 'thisWeek' };
    else if (word === 'morning' || word === 'matin' || word === 'matinee') query.partOfDay = 'morning';
    else if (word === 'afternoon' || word === 'apres-midi' || word === 'aprem' || (word === 'apres' && next === 'midi')) query.partOfDay = 'afternoon';
    else if ((word === 'hour' || word === 'heure') && (tokens[index - 1]?.folded === 'an' || tokens[index - 1]?.folded === 'une')) query.durationMinutes = 60;
    else if (word === 'demi-heure' || (word === 'half' && next === 'an')) query.durationMinutes = 30;
    else if (connectors.has(word) || stopWords.has(word) || amount !== undefined) {
      closeName();
      if (introducers.has(word)) introduced = true;
      else if (!connectors.has(word)) introduced = false;
      continue;
    } else {
      name.push(token);
      continue;
    }
    closeName();
  }
  closeName();
  query.people = [...new Set(query.people)];
  return query;
}

/** "next week", "la semaine prochaine", "semaine pro": the word before or after "week" says which. */
function isNextWeek(tokens: Token[], index: number): boolean {
  const around = [tokens[index - 1]?.folded, tokens[index + 1]?.folded];
  return around.some((word) => word === 'next' || word === 'prochaine' || word === 'pro' || word === 'suivante');
}

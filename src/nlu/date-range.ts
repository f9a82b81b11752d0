import { foldText } from '../dialogs/commands';

/** A span of days counted from today in the person's zone: `startInDays` 0 is today. */
export interface DateRange {
  startInDays: number;
  days: number;
}

const numberWords: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, quinze: 15, trente: 30,
  one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, thirty: 30,
};

function amount(word: string): number | undefined {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return numberWords[word];
}

/**
 * The date range a sentence names, read word by word (no backtracking): "les 7 prochains jours",
 * "next 7 days", "aujourd'hui", "demain", "cette semaine", "la semaine prochaine", "next week".
 * Undefined when it names none; ranges longer than 60 days are not taken (Graph's schedules stop at 62).
 */
export function dateRangeIn(text: string): DateRange | undefined {
  const words = foldText(text).split(/[^a-z0-9]+/).filter(Boolean);
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const next = words[index + 1] ?? '';
    const after = words[index + 2] ?? '';
    const count = amount(word);
    // "7 prochains jours", "7 next days", "next 7 days" (the count before or after "next").
    if (count !== undefined && ['prochains', 'prochaines', 'next', 'coming'].includes(next) && ['jours', 'days', 'semaines', 'weeks'].includes(after)) {
      return span(count, after);
    }
    if (['next', 'coming'].includes(word) && amount(next) !== undefined && ['days', 'weeks'].includes(after)) return span(amount(next) ?? 0, after);
    if (word === 'aujourd' || word === 'today') return { startInDays: 0, days: 1 };
    if (word === 'demain' || word === 'tomorrow') return { startInDays: 1, days: 1 };
    if ((word === 'cette' || word === 'this') && (next === 'semaine' || next === 'week')) return { startInDays: 0, days: 7 };
    if ((word === 'semaine' && next === 'prochaine') || (word === 'next' && next === 'week')) return { startInDays: 7, days: 7 };
  }
  return undefined;
}

function span(count: number, unit: string): DateRange | undefined {
  const days = unit.startsWith('sem') || unit.startsWith('week') ? count * 7 : count;
  return days >= 1 && days <= 60 ? { startInDays: 0, days } : undefined;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { fitCard } from './fit-card';
import { safeCard } from './safe-text';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

const templatesDir = path.join(__dirname, 'templates');
const compiled = new Map<string, Template>();

/**
 * Each template is read and its expressions parsed once: `new Template(json)` parses every
 * `${...}` (adaptive-expressions' ANTLR parser, the most expensive part of a render), and a
 * Template can be expanded with different data any number of times. `expand` is synchronous, so
 * two turns never share one expansion.
 */
function template(name: string): Template {
  let found = compiled.get(name);
  if (!found) {
    found = new Template(JSON.parse(readFileSync(path.join(templatesDir, `${name}.json`), 'utf8')) as object);
    compiled.set(name, found);
  }
  return found;
}

/** Cards rendered lately, as JSON by template and data; the least recently used go first past this many. */
const rememberedCards = 500;
const rendered = new Map<string, string>();

/**
 * Expands `templates/<name>.json` with `data` as `$root`. Strings come in through `data`
 * (from the locale files), never from the template. Every shown text of the result goes through
 * `safeCard`: names and calendar names from other people never become links or formatting. Then
 * `fitCard` makes it fit a narrow Teams window and Teams' size limit, whatever the names.
 *
 * The result is a pure function of the template and the data, and rendering (expansion, then two walks
 * over the card) took a quarter of a card turn's CPU: a card asked for again with the same data (the
 * same form, the same agenda week, help) is a copy of the one rendered before. Each call gets its own
 * copy, so a caller may change it.
 */
export function renderCard(name: string, data: object): AdaptiveCardJson {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const known = rendered.get(key);
  if (known !== undefined) {
    rendered.delete(key);
    rendered.set(key, known);
    return JSON.parse(known) as AdaptiveCardJson;
  }
  const card = fitCard(safeCard(expand(name, data)));
  rendered.set(key, JSON.stringify(card));
  if (rendered.size > rememberedCards) rendered.delete(rendered.keys().next().value as string);
  return card;
}

function expand(name: string, data: object): AdaptiveCardJson {
  const card = template(name).expand({ $root: data }) as AdaptiveCardJson;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Card template ${name} did not expand to an AdaptiveCard`);
  return card;
}

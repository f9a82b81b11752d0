import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { safeCard } from './safe-text';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard' };

const templatesDir = path.join(__dirname, 'templates');
const cache = new Map<string, object>();

function template(name: string): object {
  let json = cache.get(name);
  if (!json) {
    json = JSON.parse(readFileSync(path.join(templatesDir, `${name}.json`), 'utf8')) as object;
    cache.set(name, json);
  }
  return json;
}

/**
 * Expands `templates/<name>.json` with `data` as `$root`. Strings come in through `data`
 * (from the locale files), never from the template. Every shown text of the result goes through
 * `safeCard`: names and calendar names from other people never become links or formatting.
 */
export function renderCard(name: string, data: object): AdaptiveCardJson {
  const card = new Template(template(name)).expand({ $root: data }) as AdaptiveCardJson;
  if (card?.type !== 'AdaptiveCard') throw new Error(`Card template ${name} did not expand to an AdaptiveCard`);
  return safeCard(card);
}

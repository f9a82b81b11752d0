import { AppPackageError } from './app-package-error';

/** Teams Toolkit placeholder syntax: `${{NAME}}`. */
const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct placeholder names in a template, in order of first appearance. */
export function findPlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(placeholderPattern)].map((match) => match[1]))];
}

/**
 * Replaces every `${{NAME}}` in a JSON template with its value, escaped for a JSON string.
 * An empty value counts as missing, so an unfilled `BOT_ID=` line cannot slip into a package.
 * @throws AppPackageError (`missingPlaceholderValue`) naming every placeholder without a value.
 */
export function fillPlaceholders(template: string, values: Readonly<Record<string, string | undefined>>, source: string): string {
  const missing = findPlaceholders(template).filter((name) => !values[name]);
  if (missing.length > 0) {
    throw new AppPackageError(
      'missingPlaceholderValue',
      `${source}: no value for placeholder ${missing.map((name) => `\${{${name}}}`).join(', ')} (set it in the env file)`,
    );
  }
  // JSON.stringify(...).slice(1, -1) escapes quotes and backslashes so a value cannot break the JSON.
  return template.replace(placeholderPattern, (_match, name: string) => JSON.stringify(values[name]).slice(1, -1));
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../i18n';
import { TreeIndex } from './tree-index';
import { treeSchema, type TroubleshootTree } from './tree-schema';
import { compareTrees, validateTree } from './tree-validation';

/** A tree file that cannot be used; the message is one line, fit to stop start-up with. */
export class TreeValidationError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
    this.name = 'TreeValidationError';
  }
}

/** The decision tree in every language the bot speaks, validated together. */
export class TroubleshootTrees {
  private readonly byLocale: Record<Locale, TreeIndex>;

  constructor(trees: Record<Locale, TroubleshootTree>) {
    this.byLocale = { en: new TreeIndex(trees.en), fr: new TreeIndex(trees.fr) };
  }

  get version(): number {
    return this.byLocale.en.version;
  }

  in(locale: Locale): TreeIndex {
    return this.byLocale[locale];
  }
}

const treeFiles: Record<Locale, string> = { en: 'tree.en.json', fr: 'tree.fr.json' };

/**
 * Reads `tree.en.json` and `tree.fr.json` from `dir` (this folder by default), checks each one and that
 * both have the same structure. Throws a TreeValidationError naming the file and the first problem.
 */
export function loadTroubleshootTrees(dir: string = __dirname): TroubleshootTrees {
  const en = parseTreeFile(path.join(dir, treeFiles.en), 'en');
  const fr = parseTreeFile(path.join(dir, treeFiles.fr), 'fr');
  fail(treeFiles.fr, compareTrees(en, fr));
  return new TroubleshootTrees({ en, fr });
}

/** Parses and validates one tree document (already read from JSON). */
export function parseTree(document: unknown, fileName: string, language: Locale): TroubleshootTree {
  const parsed = treeSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw treeError(fileName, [`${issue.path.join('.') || 'document'}: ${issue.message}`]);
  }
  if (parsed.data.language !== language) fail(fileName, [`says its language is "${parsed.data.language}", expected "${language}"`]);
  fail(fileName, validateTree(parsed.data));
  return parsed.data;
}

function parseTreeFile(file: string, language: Locale): TroubleshootTree {
  const name = path.basename(file);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new TreeValidationError(`Invalid troubleshooting tree ${name}: ${reason}`, [reason]);
  }
  return parseTree(document, name, language);
}

function fail(fileName: string, problems: string[]): void {
  if (problems.length > 0) throw treeError(fileName, problems);
}

function treeError(fileName: string, problems: string[]): TreeValidationError {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new TreeValidationError(`Invalid troubleshooting tree ${fileName}: ${problems[0]}${more}`, problems);
}

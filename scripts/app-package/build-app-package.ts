import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { AppPackageError } from './app-package-error';
import { createTeamsSchemaValidator, type TeamsSchemaValidator } from './manifest-schema';
import { fillPlaceholders } from './placeholders';

/** A manifest with its placeholders filled, plus every file the zip must carry. */
export interface FilledAppPackage {
  manifest: Record<string, unknown>;
  /** File name inside the zip (relative to the package root) to content; manifest.json included. */
  files: Map<string, Buffer>;
  /** Localization file names, a subset of `files`. */
  localizationFiles: string[];
}

/** The parts of a (schema-valid) manifest that name other files of the package. */
const packageFileRefs = z.object({
  icons: z.object({ color: z.string(), outline: z.string() }),
  localizationInfo: z
    .object({
      defaultLanguageFile: z.string().optional(),
      additionalLanguages: z.array(z.object({ file: z.string() })).optional(),
    })
    .optional(),
});

function readPackageFile(appPackageDir: string, name: string): Buffer {
  const file = path.resolve(appPackageDir, name);
  if (path.relative(appPackageDir, file).startsWith('..') || !existsSync(file)) {
    throw new AppPackageError('missingFile', `manifest.json refers to ${name}, which is not in ${appPackageDir}`);
  }
  return readFileSync(file);
}

function parseJson(text: string, source: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new AppPackageError('invalidManifest', `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads `manifest.json` and its localization files from `appPackageDir` and fills their
 * `${{NAME}}` placeholders from `values`. Icons are read as they are.
 * @throws AppPackageError when a placeholder has no value or a referenced file is missing.
 */
export function fillAppPackage(appPackageDir: string, values: Readonly<Record<string, string | undefined>>): FilledAppPackage {
  const manifestText = fillPlaceholders(readPackageFile(appPackageDir, 'manifest.json').toString('utf8'), values, 'manifest.json');
  const manifest = parseJson(manifestText, 'manifest.json');
  // A manifest too broken to name its files is left for validateAppPackage to explain.
  const refs = packageFileRefs.safeParse(manifest);
  const localizationInfo = refs.success ? refs.data.localizationInfo : undefined;
  const iconFiles = refs.success ? [refs.data.icons.color, refs.data.icons.outline] : [];
  const localizationFiles = [
    ...(localizationInfo?.defaultLanguageFile ? [localizationInfo.defaultLanguageFile] : []),
    ...(localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ];
  const files = new Map<string, Buffer>([['manifest.json', Buffer.from(manifestText, 'utf8')]]);
  for (const name of localizationFiles) {
    const filled = fillPlaceholders(readPackageFile(appPackageDir, name).toString('utf8'), values, name);
    files.set(name, Buffer.from(filled, 'utf8'));
  }
  for (const name of iconFiles) files.set(name, readPackageFile(appPackageDir, name));
  return { manifest, files, localizationFiles };
}

/**
 * Checks the filled manifest and localization files against the Teams JSON schemas of the
 * manifest's own `manifestVersion`.
 * @throws AppPackageError (`invalidManifest` / `invalidLocalization`) listing the problems on one line.
 */
export function validateAppPackage(pkg: FilledAppPackage, validator?: TeamsSchemaValidator): void {
  const version = typeof pkg.manifest.manifestVersion === 'string' ? pkg.manifest.manifestVersion : '';
  let schemas: TeamsSchemaValidator;
  try {
    schemas = validator ?? createTeamsSchemaValidator(version);
  } catch (error) {
    throw new AppPackageError('invalidManifest', `manifest.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const manifestProblems = schemas.validateManifest(pkg.manifest);
  if (manifestProblems.length > 0) {
    throw new AppPackageError('invalidManifest', `manifest.json does not match the Teams v${schemas.manifestVersion} schema: ${manifestProblems.join('; ')}`);
  }
  for (const name of pkg.localizationFiles) {
    const content = pkg.files.get(name)?.toString('utf8') ?? '';
    const localizationProblems = schemas.validateLocalization(parseJson(content, name));
    if (localizationProblems.length > 0) {
      throw new AppPackageError('invalidLocalization', `${name} does not match the Teams v${schemas.manifestVersion} Localization schema: ${localizationProblems.join('; ')}`);
    }
  }
}

/** Writes the package files at the root of a zip, creating the folder if needed. */
export function writeAppPackageZip(pkg: FilledAppPackage, outFile: string): void {
  const zip = new AdmZip();
  for (const [name, content] of pkg.files) zip.addFile(name, content);
  mkdirSync(path.dirname(outFile), { recursive: true });
  zip.writeZip(outFile);
}

export interface BuildAppPackageOptions {
  appPackageDir: string;
  values: Readonly<Record<string, string | undefined>>;
  outFile: string;
}

/**
 * Fills, validates and zips the Teams app package.
 * @returns the names of the files in the zip.
 * @throws AppPackageError with a one-line message; nothing is written then.
 */
export function buildAppPackage(options: BuildAppPackageOptions): string[] {
  const pkg = fillAppPackage(options.appPackageDir, options.values);
  validateAppPackage(pkg);
  writeAppPackageZip(pkg, options.outFile);
  return [...pkg.files.keys()];
}

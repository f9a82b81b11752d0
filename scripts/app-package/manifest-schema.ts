import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/** Validators for one Teams manifest version, from the schemas shipped offline in @microsoft/app-manifest. */
export interface TeamsSchemaValidator {
  manifestVersion: string;
  /** Problems with a filled manifest, one line each; empty when it is valid. */
  validateManifest(manifest: unknown): string[];
  /** Problems with a filled localization file, one line each; empty when it is valid. */
  validateLocalization(localization: unknown): string[];
}

/** Where @microsoft/app-manifest keeps the Teams JSON schemas, one folder per version (`v1.24`). */
export function teamsSchemaRoot(): string {
  return path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const extra = 'additionalProperty' in error.params ? ` "${String(error.params.additionalProperty)}"` : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}

function problems(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map(describe);
}

/**
 * Compiles the manifest and localization schemas of `manifestVersion` (e.g. "1.24").
 * The Teams schemas are draft-04, which Ajv 8 only reads through ajv-draft-04.
 */
export function createTeamsSchemaValidator(manifestVersion: string, schemaRoot: string = teamsSchemaRoot()): TeamsSchemaValidator {
  const dir = path.join(schemaRoot, `v${manifestVersion}`);
  const manifestSchemaFile = path.join(dir, 'MicrosoftTeams.schema.json');
  if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(manifestSchemaFile)) {
    throw new Error(`No offline Teams schema for manifestVersion "${manifestVersion}" in ${schemaRoot}`);
  }
  const readSchema = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  // unicodeRegExp off: the Localization schema has patterns (`\b]`) that only compile without the u flag.
  const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const manifestValidate = ajv.compile(readSchema('MicrosoftTeams.schema.json'));
  const localizationValidate = ajv.compile(readSchema('MicrosoftTeams.Localization.schema.json'));
  return {
    manifestVersion,
    validateManifest: (manifest) => problems(manifestValidate, manifest),
    validateLocalization: (localization) => problems(localizationValidate, localization),
  };
}

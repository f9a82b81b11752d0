import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { AppPackageError } from '../../scripts/app-package/app-package-error';
import { fillAppPackage, validateAppPackage, type FilledAppPackage } from '../../scripts/app-package/build-app-package';
import { createTeamsSchemaValidator } from '../../scripts/app-package/manifest-schema';
import { fillPlaceholders, findPlaceholders } from '../../scripts/app-package/placeholders';
import { parseTypedCommand } from '../../src/dialogs/commands';

const rootDir = path.resolve(__dirname, '..', '..');
const appPackageDir = path.join(rootDir, 'appPackage');
// Only the committed file: a developer's env/.env.local.user must not change the test.
const localValues = parseDotenv(readFileSync(path.join(rootDir, 'env', '.env.local')));
const validator = createTeamsSchemaValidator('1.24');

function jsonOf(pkg: FilledAppPackage, name: string): Record<string, unknown> {
  return JSON.parse(pkg.files.get(name)?.toString('utf8') ?? 'null') as Record<string, unknown>;
}

function catchError(action: () => unknown): AppPackageError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppPackageError) return error;
    throw error;
  }
  throw new Error('expected an AppPackageError');
}

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}

describe('Teams app manifest', () => {
  const pkg = fillAppPackage(appPackageDir, localValues);

  it('validates against the Teams v1.24 schema once filled from env/.env.local', () => {
    expect(validator.validateManifest(pkg.manifest)).toEqual([]);
    expect(() => validateAppPackage(pkg)).not.toThrow();
    expect(pkg.manifest).toMatchObject({
      $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json',
      manifestVersion: '1.24',
      id: localValues.TEAMS_APP_ID,
      bots: [{ botId: localValues.BOT_ID, scopes: ['personal', 'groupChat'], supportsFiles: false, isNotificationOnly: false }],
      validDomains: ['localhost'],
      webApplicationInfo: { id: localValues.AAD_APP_CLIENT_ID, resource: `api://localhost/botid-${localValues.BOT_ID}` },
      permissions: ['identity', 'messageTeamMembers'],
    });
  });

  it('leaves no placeholder behind in any text file', () => {
    for (const name of ['manifest.json', ...pkg.localizationFiles]) {
      expect(findPlaceholders(pkg.files.get(name)?.toString('utf8') ?? '${{EMPTY}}')).toEqual([]);
    }
  });

  it('validates the French localization against the Localization schema', () => {
    expect(pkg.localizationFiles).toEqual(['fr.json']);
    const fr = jsonOf(pkg, 'fr.json');
    expect(validator.validateLocalization(fr)).toEqual([]);
    expect(fr['name.full']).toContain('(local)');
  });

  it('rejects a localization that breaks the schema', () => {
    const fr = jsonOf(pkg, 'fr.json');
    expect(validator.validateLocalization({ ...fr, 'name.short': 'x'.repeat(31) })).toEqual([
      '/name.short must NOT have more than 30 characters',
    ]);
    const broken: FilledAppPackage = { ...pkg, files: new Map([...pkg.files, ['fr.json', Buffer.from(JSON.stringify({ ...fr, colour: 'blue' }))]]) };
    expect(catchError(() => validateAppPackage(broken)).reason).toBe('invalidLocalization');
  });

  it('names every placeholder that has no value, empty values included', () => {
    const error = catchError(() => fillAppPackage(appPackageDir, { ...localValues, BOT_DOMAIN: undefined, AAD_APP_CLIENT_ID: '' }));
    expect(error.reason).toBe('missingPlaceholderValue');
    expect(error.message).toBe('manifest.json: no value for placeholder ${{BOT_DOMAIN}}, ${{AAD_APP_CLIENT_ID}} (set it in the env file)');
  });

  it('fails validation without a bot id', () => {
    const bots = pkg.manifest.bots as Array<Record<string, unknown>>;
    const botWithoutId = { ...bots[0] };
    delete botWithoutId.botId;
    const broken: FilledAppPackage = { ...pkg, manifest: { ...pkg.manifest, bots: [botWithoutId] } };
    const error = catchError(() => validateAppPackage(broken));
    expect(error.reason).toBe('invalidManifest');
    expect(error.message).toContain("/bots/0 must have required property 'botId'");
  });

  it('fails validation when an id is not a GUID', () => {
    const error = catchError(() => validateAppPackage(fillAppPackage(appPackageDir, { ...localValues, BOT_ID: 'my-bot' })));
    expect(error.message).toContain('/bots/0/botId must match pattern');
  });

  it('escapes values so they cannot break the JSON', () => {
    expect(fillPlaceholders('{"a": "${{X}}"}', { X: 'say "hi" \\o/' }, 'test.json')).toBe('{"a": "say \\"hi\\" \\\\o/"}');
  });

  it('lists the same commands for personal and group chats, each one the bot understands, in both languages', () => {
    const commandLists = (pkg.manifest.bots as Array<{ commandLists: CommandList[] }>)[0].commandLists;
    const expected = ['help', 'share', 'subscribe', 'calendars', 'alias', 'permissions', 'troubleshoot', 'accept'];
    expect(commandLists.map((list) => list.scopes)).toEqual([['personal'], ['groupChat']]);
    const fr = jsonOf(pkg, 'fr.json');
    commandLists.forEach((list, listIndex) => {
      expect(list.commands.map((command) => command.title)).toEqual(expected);
      list.commands.forEach((command, index) => {
        const frenchTitle = fr[`bots[0].commandLists[${listIndex}].commands[${index}].title`];
        expect(typeof fr[`bots[0].commandLists[${listIndex}].commands[${index}].description`]).toBe('string');
        for (const typed of [command.title, `/${command.title}`, String(frenchTitle)]) {
          expect(parseTypedCommand(typed)?.name).toBe(expected[index]);
        }
      });
    });
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { parse as parseDotenv } from 'dotenv';
import { AppPackageError } from '../../scripts/app-package/app-package-error';
import { buildAppPackage } from '../../scripts/app-package/build-app-package';

const rootDir = path.resolve(__dirname, '..', '..');
const appPackageDir = path.join(rootDir, 'appPackage');
const localValues = parseDotenv(readFileSync(path.join(rootDir, 'env', '.env.local')));

describe('buildAppPackage', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(path.join(tmpdir(), 'app-package-test-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('zips exactly the manifest, the French localization and the two icons, at the root', () => {
    const outFile = path.join(outDir, 'nested', 'appPackage.local.zip');
    buildAppPackage({ appPackageDir, values: localValues, outFile });
    const zip = new AdmZip(outFile);
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as { bots: Array<{ botId: string }> };
    expect(manifest.bots[0].botId).toBe(localValues.BOT_ID);
    expect(zip.readFile('outline.png')?.equals(readFileSync(path.join(appPackageDir, 'outline.png')))).toBe(true);
  });

  it('writes nothing when a placeholder has no value', () => {
    const outFile = path.join(outDir, 'appPackage.dev.zip');
    expect(() => buildAppPackage({ appPackageDir, values: { ...localValues, TEAMS_APP_ID: '' }, outFile })).toThrow(AppPackageError);
    expect(existsSync(outFile)).toBe(false);
  });
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { readEnvFiles } from '../src/config';
import { AppPackageError } from './app-package/app-package-error';
import { buildAppPackage } from './app-package/build-app-package';

/**
 * `npm run package [-- --env dev]`: fills appPackage/manifest.json (and its localization files)
 * from `env/.env.<env>` + `env/.env.<env>.user`, validates them against the offline Teams schema
 * and writes `appPackage/build/appPackage.<env>.zip`, ready to upload to Teams.
 */
function envNameFrom(argv: readonly string[]): string {
  const inline = argv.find((arg) => arg.startsWith('--env='));
  const index = argv.indexOf('--env');
  const name = inline ? inline.slice('--env='.length) : index >= 0 ? argv[index + 1] : 'local';
  if (!name || !/^[a-z0-9-]+$/.test(name)) throw new AppPackageError('missingFile', 'Usage: npm run package -- [--env local|dev]');
  return name;
}

function main(): void {
  const rootDir = path.resolve(__dirname, '..');
  const envName = envNameFrom(process.argv.slice(2));
  if (!existsSync(path.join(rootDir, 'env', `.env.${envName}`))) {
    throw new AppPackageError('missingFile', `No env/.env.${envName} file: create it or pick --env local|dev`);
  }
  const outFile = path.join(rootDir, 'appPackage', 'build', `appPackage.${envName}.zip`);
  const files = buildAppPackage({ appPackageDir: path.join(rootDir, 'appPackage'), values: readEnvFiles(rootDir, envName), outFile });
  console.log(`Wrote ${path.relative(rootDir, outFile)} (${files.join(', ')})`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof AppPackageError ? error.message : `Packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

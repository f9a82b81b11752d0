import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderColorIcon, renderOutlineIcon } from './app-package/icons';

/**
 * Regenerates `appPackage/color.png` and `appPackage/outline.png` (`npx tsx scripts/make-icons.ts`).
 * The PNGs are kept in the repo; test/app-package checks they still match this drawing.
 */
function main(): void {
  const appPackageDir = path.resolve(__dirname, '..', 'appPackage');
  writeFileSync(path.join(appPackageDir, 'color.png'), renderColorIcon());
  writeFileSync(path.join(appPackageDir, 'outline.png'), renderOutlineIcon());
  console.log(`Wrote color.png and outline.png in ${appPackageDir}`);
}

main();

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { accentColor, renderColorIcon, renderOutlineIcon } from '../../scripts/app-package/icons';

const appPackageDir = path.resolve(__dirname, '..', '..', 'appPackage');
const readPng = (name: string): PNG => PNG.sync.read(readFileSync(path.join(appPackageDir, name)));

function pixels(png: PNG): Array<[number, number, number, number]> {
  const result: Array<[number, number, number, number]> = [];
  for (let offset = 0; offset < png.data.length; offset += 4) {
    result.push([png.data[offset], png.data[offset + 1], png.data[offset + 2], png.data[offset + 3]]);
  }
  return result;
}

const pixelAt = (png: PNG, x: number, y: number): number[] => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

describe('app icons', () => {
  it('color.png is 192x192 with the manifest accent colour as background', () => {
    const png = readPng('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const manifest = JSON.parse(readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')) as { accentColor: string };
    expect(manifest.accentColor).toBe(accentColor);
    const hex = `#${pixelAt(png, 0, 0).slice(0, 3).map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
    expect(hex.toUpperCase()).toBe(accentColor.toUpperCase());
    expect(pixelAt(png, 0, 0)[3]).toBe(255);
    expect(pixels(png).some(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true); // the white glyph
  });

  it('outline.png is 32x32, white on a transparent background, nothing else', () => {
    const png = readPng('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]]) expect(pixelAt(png, x, y)[3]).toBe(0);
    const all = pixels(png);
    const white = all.filter(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255);
    const transparent = all.filter(([, , , a]) => a === 0);
    expect(white.length).toBeGreaterThan(100);
    expect(transparent.length).toBeGreaterThan(500);
    expect(white.length + transparent.length).toBe(32 * 32);
  });

  it('the committed PNGs are what scripts/make-icons.ts draws', () => {
    expect(PNG.sync.read(renderColorIcon()).data.equals(readPng('color.png').data)).toBe(true);
    expect(PNG.sync.read(renderOutlineIcon()).data.equals(readPng('outline.png').data)).toBe(true);
  });
});

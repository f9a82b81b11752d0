import { PNG } from 'pngjs';
import { glyphGridSize, glyphRectAt } from './calendar-glyph';

/** The manifest's `accentColor`; the colour icon's background must match it. */
export const accentColor = '#0F6CBD';

type Rgba = readonly [number, number, number, number];

const white: Rgba = [255, 255, 255, 255];
const transparent: Rgba = [0, 0, 0, 0];
const todayColor: Rgba = [247, 99, 12, 255];

function hexToRgba(hex: string): Rgba {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff, 255];
}

function renderPng(size: number, pixelAt: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      png.data.set(pixelAt(x, y), (y * size + x) * 4);
    }
  }
  return PNG.sync.write(png);
}

/** 192x192 full-colour icon: the white calendar glyph, scaled 4x and centred, on the accent colour. */
export function renderColorIcon(): Buffer {
  const size = 192;
  const scale = 4;
  const offset = (size - glyphGridSize * scale) / 2;
  const background = hexToRgba(accentColor);
  return renderPng(size, (x, y) => {
    const rect = glyphRectAt(Math.floor((x - offset) / scale), Math.floor((y - offset) / scale));
    if (!rect) return background;
    return rect.highlight ? todayColor : white;
  });
}

/** 32x32 outline icon: the glyph in white on a transparent background, nothing else. */
export function renderOutlineIcon(): Buffer {
  return renderPng(glyphGridSize, (x, y) => (glyphRectAt(x, y) ? white : transparent));
}

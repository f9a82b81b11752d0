/**
 * The calendar glyph of the Teams app icons, drawn on a 32-unit grid so the 32x32 outline icon
 * is pixel-exact (Teams wants only white and transparent pixels there, no anti-aliasing).
 */

/** A filled rectangle on the 32-unit grid; x2 and y2 are exclusive. */
export interface GlyphRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The day cell drawn in the highlight colour on the colour icon ("today"). */
  highlight?: boolean;
}

export const glyphGridSize = 32;

const frame: GlyphRect[] = [
  { x1: 10, y1: 3, x2: 12, y2: 8 }, // binder rings, sticking out above the header
  { x1: 20, y1: 3, x2: 22, y2: 8 },
  { x1: 5, y1: 6, x2: 27, y2: 12 }, // header band
  { x1: 5, y1: 12, x2: 7, y2: 27 }, // left, right and bottom borders
  { x1: 25, y1: 12, x2: 27, y2: 27 },
  { x1: 7, y1: 25, x2: 25, y2: 27 },
];

const dayColumns = [8, 14, 20];
const dayRows = [14, 20];
const days: GlyphRect[] = dayRows.flatMap((y1, row) =>
  dayColumns.map((x1, column) => ({ x1, y1, x2: x1 + 4, y2: y1 + 3, highlight: row === 0 && column === 1 })),
);

/** All rectangles of the glyph: frame first, then the six day cells. */
export const calendarGlyph: readonly GlyphRect[] = [...frame, ...days];

/** The glyph rectangle covering the grid point (x, y), if any. */
export function glyphRectAt(x: number, y: number): GlyphRect | undefined {
  return calendarGlyph.find((rect) => x >= rect.x1 && x < rect.x2 && y >= rect.y1 && y < rect.y2);
}

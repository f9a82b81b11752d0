import { PNG } from 'pngjs';
import type { Card } from '../../support/cards';

/** Every node of a card of a given type, depth first. */
export function nodesOf(card: Card | undefined, type: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === type) found.push(record);
      Object.entries(record).forEach(([key, child]) => key !== 'fallback' && walk(child));
    }
  };
  walk(card);
  return found;
}

/** The availability picture of a card, decoded. */
export function pictureOf(card: Card | undefined): { png: PNG; bytes: number; altText: string } {
  const image = nodesOf(card, 'Image')[0];
  if (!image) throw new Error('No picture in the card');
  const url = String(image.url);
  if (!url.startsWith('data:image/png;base64,')) throw new Error(`Not a PNG data URL: ${url.slice(0, 40)}`);
  const buffer = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
  return { png: PNG.sync.read(buffer), bytes: buffer.length, altText: String(image.altText) };
}

/** The hex colour of one pixel. */
export function pixel(png: PNG, x: number, y: number): string {
  const offset = (png.width * Math.round(y) + Math.round(x)) * 4;
  return `#${[0, 1, 2].map((channel) => png.data[offset + channel].toString(16).padStart(2, '0')).join('')}`;
}

/** The Outlook links of the slots (Action.OpenUrl). */
export function outlookLinks(card: Card | undefined): URL[] {
  return nodesOf(card, 'Action.OpenUrl').map((action) => new URL(String(action.url)));
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 256 bits from the operating system's cryptographic source, in hex (64 characters): nothing in it
 * that markdown, a mail client or a copy-paste could take for formatting or punctuation.
 */
export function newFeedToken(): string {
  return randomBytes(32).toString('hex');
}

const tokenShape = /^[0-9a-f]{64}$/;

/** Whether a path segment can be a token at all (anything else is a 404 without a database read). */
export function isFeedTokenShape(text: string): boolean {
  return tokenShape.test(text);
}

/** What the database keeps instead of the token: its SHA-256, hex. */
export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes of the same length. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The links to hand out: https for browsers and Google, webcal:// for Outlook and Apple to subscribe in one click. */
export function feedLinks(baseUrl: string, token: string): { https: string; webcal: string } {
  const https = `${baseUrl.replace(/\/+$/, '')}/feeds/${token}.ics`;
  return { https, webcal: https.replace(/^https?:\/\//, 'webcal://') };
}

/**
 * How a secret-bearing value is shown: enough to recognise it, never enough to use it. Feed URLs
 * carry secrets in their query (`?token=`), their user info, or a long random path segment
 * (Google's `private-<hex>/basic.ics`, Outlook's published-calendar ids).
 */
const mask = '•••';

function maskSegment(segment: string): string {
  if (segment.length < 16 || !/[0-9]/.test(segment)) return segment;
  return `${segment.slice(0, 3)}${mask}`;
}

export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return mask;
  }
  const path = parsed.pathname.split('/').map(maskSegment).join('/');
  const query = parsed.search ? `?${[...parsed.searchParams.keys()].map((key) => `${key}=${mask}`).join('&')}` : '';
  const user = parsed.username ? `${mask}@` : '';
  return `${parsed.protocol}//${user}${parsed.host}${path}${query}`;
}

/** `alice` → `a•••`: who it is, not the secret. */
export function maskUser(user: string): string {
  return user ? `${user.slice(0, 1)}${mask}` : '';
}

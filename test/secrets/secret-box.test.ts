import { randomBytes } from 'node:crypto';
import { maskUrl } from '../../src/secrets/masking';
import { newSecretKey, parseSecretKeys, SecretBox, SecretError } from '../../src/secrets/secret-box';

describe('secrets at rest', () => {
  const oldKey = { id: 'k1', key: randomBytes(32) };
  const newKey = { id: 'k2', key: randomBytes(32) };

  it('seals with AES-256-GCM under the current key id, opens only with the same context', () => {
    const box = new SecretBox([oldKey]);
    const sealed = box.seal('https://cal.example/feed.ics?token=abc123', 'feed:1:url');
    expect(sealed).toMatch(/^v1\.k1\./);
    expect(sealed).not.toContain('abc123');
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
    expect(box.open(sealed, 'feed:1:url')).toBe('https://cal.example/feed.ics?token=abc123');
    expect(() => box.open(sealed, 'feed:2:url')).toThrow(SecretError);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'feed:1:url')).toThrow(SecretError);
  });

  it('rotates: the new key seals, the old one still opens, a retired one is named', () => {
    const before = new SecretBox([oldKey]).seal('secret', 'x');
    const rotated = new SecretBox([newKey, oldKey]);
    expect(rotated.open(before, 'x')).toBe('secret');
    expect(rotated.needsRotation(before)).toBe(true);
    expect(rotated.seal('secret', 'x')).toMatch(/^v1\.k2\./);
    expect(() => new SecretBox([newKey]).open(before, 'x')).toThrow(/No key 'k1'/);
  });

  it('reads the setting and refuses weak keys', () => {
    const keys = parseSecretKeys(`${newSecretKey('b')}, ${newSecretKey('a')}`);
    expect(keys.map((key) => key.id)).toEqual(['b', 'a']);
    expect(() => new SecretBox([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
  });

  it('masks URLs: query values, user info and long random path segments', () => {
    expect(maskUrl('https://ann:pw@calendar.google.com/calendar/ical/ann%40gmail.com/private-8f3a9c2e1b7d4e6f/basic.ics')).toBe(
      'https://•••@calendar.google.com/calendar/ical/ann%40gmail.com/pri•••/basic.ics',
    );
    expect(maskUrl('https://school.example/holidays.ics?key=123&lang=fr')).toBe('https://school.example/holidays.ics?key=•••&lang=•••');
  });
});

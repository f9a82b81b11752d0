import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (feed credentials, URLs with tokens, later CalDAV passwords): AES-256-GCM with a
 * random 96-bit IV per value and the key id in front, so keys can be rotated: the first key seals,
 * every listed key opens. The sealed form is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url).
 */
export interface SecretKey {
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretError';
  }
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly current: SecretKey;

  constructor(keys: SecretKey[]) {
    if (keys.length === 0) throw new SecretError('At least one encryption key is needed');
    for (const key of keys) {
      if (!keyIdPattern.test(key.id)) throw new SecretError(`Key id '${key.id}' must be 1-32 letters, digits, - or _`);
      if (key.key.length !== 32) throw new SecretError(`Key '${key.id}' must be 32 bytes (AES-256)`);
    }
    this.keys = new Map(keys.map((key) => [key.id, key.key]));
    this.current = keys[0];
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context = ''): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    // The context (e.g. the record id) is authenticated: a sealed value copied to another row does not open.
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', this.current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string, context = ''): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || ciphertext === undefined) throw new SecretError('Not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretError(`No key '${keyId}' to open this value (was it rotated out?)`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretError('A sealed value did not open: wrong key or altered data');
    }
  }

  /** Whether a value was sealed with an older key and should be sealed again. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.current.id;
  }
}

/** Parses `id:base64key,id:base64key` (the first seals); each key 32 bytes in base64. */
export function parseSecretKeys(text: string): SecretKey[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon < 1) throw new SecretError('Expected keyId:base64key');
      return { id: entry.slice(0, colon), key: Buffer.from(entry.slice(colon + 1), 'base64') };
    });
}

/** A new random key, in the `id:base64` form the setting takes. */
export function newSecretKey(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newSecretKey, parseSecretKeys, SecretBox } from './secret-box';

/**
 * The secret box of this deployment: the keys of SECRET_ENCRYPTION_KEYS (production requires them),
 * or, in local mode only, a key made once and kept under the data folder so local data survives restarts.
 */
export function secretBoxFrom(settings: { encryptionKeys?: string; mode: 'local' | 'production'; dataDir: string }): SecretBox {
  if (settings.encryptionKeys) return new SecretBox(parseSecretKeys(settings.encryptionKeys));
  if (settings.mode === 'production') throw new Error('SECRET_ENCRYPTION_KEYS is required in production mode');
  const file = path.join(settings.dataDir, 'local-secret.key');
  if (!existsSync(file)) {
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(file, newSecretKey('local'), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return new SecretBox(parseSecretKeys(readFileSync(file, 'utf8').trim()));
}

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The emulator's token-signing key, published in its JWKS as Entra publishes its own. */
export class EntraSigningKey {
  readonly kid = 'entra-emulator-key-1';
  private readonly pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

  get publicKey(): KeyObject {
    return this.pair.publicKey;
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    return { keys: [{ ...this.pair.publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', kty: 'RSA', alg: 'RS256' }] };
  }

  /** RS256 with `iat`/`nbf`/`exp` taken from `nowSeconds` (the emulator's clock, not the machine's). */
  sign(claims: Record<string, unknown>, nowSeconds: number, lifetimeSeconds: number): string {
    return jwt.sign({ ...claims, iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + lifetimeSeconds }, this.pair.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
    });
  }
}

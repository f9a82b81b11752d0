import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';

/**
 * Stands in for the Bot Framework's OpenID metadata and signing keys, on loopback, so production
 * mode's JWT validation runs for real: a token we sign validates; a tampered one does not.
 */
export class FakeOpenIdIssuer {
  readonly kid = 'test-key-1';
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server: Server | undefined;
  metadataUrl = '';

  async start(): Promise<this> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      const origin = `http://127.0.0.1:${(this.server?.address() as { port: number }).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/keys') {
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', endorsements: ['msteams'] }] }));
      } else {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${origin}/keys` }));
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/.well-known/openid-configuration`;
    return this;
  }

  /** A channel-to-bot token as Teams would send it. */
  sign(claims: { audience: string; serviceUrl: string }, key: KeyObject = this.keys.privateKey, expiresIn: number = 3600): string {
    return jwt.sign({ serviceurl: claims.serviceUrl }, key.export({ format: 'pem', type: 'pkcs8' }), {
      algorithm: 'RS256',
      keyid: this.kid,
      issuer: 'https://api.botframework.com',
      audience: claims.audience,
      expiresIn,
    });
  }

  /** The same token signed by a key the issuer never published. */
  forge(claims: { audience: string; serviceUrl: string }): string {
    return this.sign(claims, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

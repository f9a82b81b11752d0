import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppIdentityConfig } from '../config';

/** The client credential MSAL signs in the app with: a certificate (preferred) or a secret. */
export type MsalClientCredential =
  | { clientCertificate: { thumbprintSha256: string; privateKey: string; x5c: string } }
  | { clientSecret: string };

/**
 * Reads the app's certificate credential: one PEM file holding the private key and the certificate
 * (what `openssl req -x509 ... -keyout app.pem -out app.pem` or a Key Vault PEM export gives). The
 * error names the file, never its content.
 */
export function msalCredentialOf(credential: AppIdentityConfig['credential']): MsalClientCredential {
  if (credential.kind === 'secret') return { clientSecret: credential.secret };
  let pem: string;
  try {
    pem = readFileSync(credential.path, 'utf8');
  } catch {
    throw new Error(`The app certificate file cannot be read: ${credential.path}`);
  }
  try {
    const certificate = new X509Certificate(pem);
    const privateKey = createPrivateKey(pem).export({ format: 'pem', type: 'pkcs8' }).toString();
    return {
      clientCertificate: {
        thumbprintSha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
        privateKey,
        // Sent with each assertion (subject name / issuer authentication): certificates can roll over without a new thumbprint in Entra.
        x5c: certificate.raw.toString('base64'),
      },
    };
  } catch {
    throw new Error(`The app certificate file must hold a PEM private key and certificate: ${credential.path}`);
  }
}

// @peculiar/x509 resolves its ASN.1 serializers through tsyringe, which needs
// the Reflect metadata polyfill loaded before it; ES modules evaluate imports
// in order, so this import must stay first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto);

export { x509 };

/** ECDSA P-256 with SHA-256: small keys, fast handshakes, accepted by every apiserver and Go TLS stack. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface KeyPair {
  readonly publicKey: webcrypto.CryptoKey;
  readonly privateKey: webcrypto.CryptoKey;
}

export async function generateKeyPair(): Promise<KeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

/** PKCS#8 PEM, the form Node's TLS and Kubernetes TLS Secrets take. */
export async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return `${x509.PemConverter.encode(der, 'PRIVATE KEY')}\n`;
}

export async function importPrivateKey(pem: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

/**
 * Backdated so an apiserver whose clock runs a little behind already accepts
 * it; at most a tenth of the lifetime, so short test lifetimes keep working.
 */
export function backdatedStart(now: Date, lifetimeMs: number): Date {
  return new Date(now.getTime() - Math.min(60_000, lifetimeMs / 10));
}

/** 128 random bits, positive (RFC 5280 wants a positive serial of at most 20 octets). */
export function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

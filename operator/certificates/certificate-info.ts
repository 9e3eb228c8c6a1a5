import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ServingNames } from './serving-names.ts';

/** What rotation planning needs to know about one certificate. */
export interface CertificateInfo {
  readonly pem: string;
  /** SHA-256 of the DER, lower-case hex without colons: the identity used in annotations. */
  readonly fingerprint: string;
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa: boolean;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every PEM certificate block in a bundle, in order; anything between blocks is ignored. */
export function splitPemCertificates(bundle: string): string[] {
  return [...bundle.matchAll(PEM_CERTIFICATE)].map((match) => `${match[0]}\n`);
}

/** Parses one PEM certificate; undefined when it is not one. */
export function describeCertificate(pem: string): CertificateInfo | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch {
    return undefined;
  }
  return {
    pem: certificate.toString().endsWith('\n') ? certificate.toString() : `${certificate.toString()}\n`,
    fingerprint: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    isCa: certificate.ca,
  };
}

/** True when `child` carries a signature made by `issuer`'s key. */
export function isSignedBy(child: CertificateInfo, issuer: CertificateInfo): boolean {
  try {
    return new X509Certificate(child.pem).verify(new X509Certificate(issuer.pem).publicKey);
  } catch {
    return false;
  }
}

/** True when the PEM private key belongs to the certificate. */
export function keyMatches(certificate: CertificateInfo, keyPem: string): boolean {
  try {
    return new X509Certificate(certificate.pem).checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/**
 * True when the certificate is valid for every DNS name and IP address, as a
 * TLS client checks it (so IPv6 spellings and case do not matter).
 */
export function coversNames(certificate: CertificateInfo, names: ServingNames): boolean {
  try {
    const x509 = new X509Certificate(certificate.pem);
    const dnsOk = names.dnsNames.every((name) => x509.checkHost(name, { wildcards: false }) !== undefined);
    return dnsOk && names.ipAddresses.every((ip) => x509.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { filesVersion } from './file-poller.ts';

export interface CertificateFiles {
  /** PEM: the serving certificate first, then any intermediates. */
  readonly certFile: string;
  readonly keyFile: string;
}

export interface ServingCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: string;
  /** SHA-256 fingerprint of the leaf, for logs. */
  readonly fingerprint: string;
}

export interface LoadOptions {
  /** Refuse a certificate past its notAfter (on reload: the current one is better than an expired one). */
  readonly rejectExpired?: boolean;
}

/**
 * Certificates that arrive from memory rather than files: the certificate
 * manager watches its Secret through the API and hands every new pair over,
 * so no volume (and no 60-90 s kubelet delay) sits in between.
 */
export interface CertificateSource {
  /** The pair to serve now (already checked). */
  current(): ServingCertificate;
  /** Calls `listener` with every later pair; returns the unsubscribe function. */
  subscribe(listener: (certificate: ServingCertificate) => void): () => void;
}

export function isCertificateFiles(certificate: CertificateFiles | CertificateSource): certificate is CertificateFiles {
  return 'certFile' in certificate;
}

/**
 * Reads and checks a certificate and key pair. Throws an Error naming the
 * file and the problem (unreadable, not PEM, key does not match, expired
 * when asked) so a bad pair is reported instead of being served.
 */
export async function loadServingCertificate(
  files: CertificateFiles,
  options: LoadOptions = {},
): Promise<ServingCertificate> {
  const cert = await readNamed(files.certFile, 'certificate');
  const key = await readNamed(files.keyFile, 'key');
  return checkServingCertificate({ cert, key, certName: files.certFile, keyName: files.keyFile }, options);
}

export interface CertificatePair {
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Where each came from, for error messages: a file name, or "Secret ns/name tls.crt". */
  readonly certName: string;
  readonly keyName: string;
}

/** The checks of loadServingCertificate, for a pair already in memory. */
export function checkServingCertificate(pair: CertificatePair, options: LoadOptions = {}): ServingCertificate {
  const { cert, key } = pair;
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (error) {
    throw new Error(`${pair.certName}: not a PEM certificate: ${(error as Error).message}`, { cause: error });
  }
  let matches: boolean;
  try {
    matches = leaf.checkPrivateKey(createPrivateKey(key));
  } catch (error) {
    throw new Error(`${pair.keyName}: not a PEM private key: ${(error as Error).message}`, { cause: error });
  }
  if (!matches) throw new Error(`${pair.keyName} is not the private key of the certificate in ${pair.certName}`);
  try {
    // What the server will do with it: catches anything OpenSSL still refuses (e.g. a weak key).
    createSecureContext({ cert, key });
  } catch (error) {
    throw new Error(`${pair.certName}: TLS refuses the pair: ${(error as Error).message}`, { cause: error });
  }
  const notAfter = new Date(leaf.validTo);
  if (options.rejectExpired === true && notAfter.getTime() < Date.now()) {
    throw new Error(`${pair.certName}: the certificate expired at ${notAfter.toISOString()}`);
  }
  return {
    cert,
    key,
    notBefore: new Date(leaf.validFrom),
    notAfter,
    subject: leaf.subject.replace(/\n/g, ', '),
    fingerprint: leaf.fingerprint256,
  };
}

/**
 * Identifies the current contents of both files without reading them. stat()
 * follows symlinks, so the atomic `..data` swap of a Kubernetes Secret volume
 * is seen like an in-place write.
 */
export function certificateFilesVersion(files: CertificateFiles): Promise<string> {
  return filesVersion([files.certFile, files.keyFile]);
}

async function readNamed(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`cannot read the ${what} file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

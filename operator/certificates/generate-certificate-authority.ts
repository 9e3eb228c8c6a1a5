import { describeCertificate, type CertificateInfo } from './certificate-info.ts';
import { backdatedStart, generateKeyPair, KEY_ALGORITHM, privateKeyPem, randomSerial, x509 } from './x509-crypto.ts';

export interface IssuedCertificate {
  readonly certificate: CertificateInfo;
  readonly keyPem: string;
}

export interface CertificateAuthorityRequest {
  readonly now: Date;
  readonly lifetimeMs: number;
  /** Goes into the subject with the time, so successive CAs are told apart in logs. */
  readonly commonName: string;
}

/** A self-signed CA that may sign end-entity certificates only (pathLen 0). */
export async function generateCertificateAuthority(request: CertificateAuthorityRequest): Promise<IssuedCertificate> {
  const keys = await generateKeyPair();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${request.commonName} ${request.now.toISOString()}, O=tandem.dev`,
    keys,
    notBefore: backdatedStart(request.now, request.lifetimeMs),
    notAfter: new Date(request.now.getTime() + request.lifetimeMs),
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const info = describeCertificate(certificate.toString('pem'));
  if (info === undefined) throw new Error('generated a CA certificate that does not parse');
  return { certificate: info, keyPem: await privateKeyPem(keys.privateKey) };
}

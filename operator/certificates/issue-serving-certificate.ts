import { describeCertificate } from './certificate-info.ts';
import type { IssuedCertificate } from './generate-certificate-authority.ts';
import type { ServingNames } from './serving-names.ts';
import { backdatedStart, generateKeyPair, importPrivateKey, KEY_ALGORITHM, privateKeyPem, randomSerial, x509 } from './x509-crypto.ts';

export interface ServingCertificateRequest {
  readonly now: Date;
  readonly lifetimeMs: number;
  readonly names: ServingNames;
  readonly authority: IssuedCertificate;
}

/**
 * A TLS server certificate with a fresh key, signed by `authority`. It never
 * outlives its CA: a leaf valid past its issuer would fail verification
 * before its own rotation point.
 */
export async function issueServingCertificate(request: ServingCertificateRequest): Promise<IssuedCertificate> {
  const keys = await generateKeyPair();
  const ca = new x509.X509Certificate(request.authority.certificate.pem);
  const notAfter = Math.min(request.now.getTime() + request.lifetimeMs, request.authority.certificate.notAfter.getTime());
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${request.names.dnsNames.find((name) => name.endsWith('.svc')) ?? request.names.dnsNames[0] ?? 'tandem-webhook'}`,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: await importPrivateKey(request.authority.keyPem),
    notBefore: backdatedStart(request.now, request.lifetimeMs),
    notAfter: new Date(notAfter),
    signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...request.names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...request.names.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(await ca.publicKey.export()),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const info = describeCertificate(certificate.toString('pem'));
  if (info === undefined) throw new Error('issued a serving certificate that does not parse');
  return { certificate: info, keyPem: await privateKeyPem(keys.privateKey) };
}

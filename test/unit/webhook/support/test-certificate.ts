import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly certFile: string;
  readonly keyFile: string;
  readonly certPem: string;
}

/** A fresh self-signed P-256 certificate (default for 127.0.0.1 and localhost), made with the openssl CLI. */
export function createTestCertificate(
  dir: string,
  options: { name?: string; commonName?: string; days?: number; subjectAltName?: string } = {},
): TestCertificate {
  const name = options.name ?? 'tls';
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyFile, '-out', certFile, '-days', String(options.days ?? 2),
      '-subj', `/CN=${options.commonName ?? 'tandem-test'}`,
      '-addext', `subjectAltName=${options.subjectAltName ?? 'IP:127.0.0.1,DNS:localhost'}`,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, certPem: readFileSync(certFile, 'utf8') };
}

export function temporaryDirectory(prefix = 'tandem-webhook-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Throw-away certificates made with the openssl CLI, for every kind of test.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
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

export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly caPem: string;
}

/** A throw-away CA and a serving certificate for IP:127.0.0.1 it signed (P-256, 1 day). */
export function createTestPki(dir = temporaryDirectory('tandem-webhook-it-')): TestPki {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  const csr = join(dir, 'tls.csr');
  const ext = join(dir, 'tls.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '1', '-subj', '/CN=tandem-test-ca']);
  openssl(['req', '-new', ...ec, '-keyout', keyFile, '-out', csr, '-subj', '/CN=tandem-webhook-test']);
  spawnSync('bash', ['-c', `printf '%s\\n' 'subjectAltName=IP:127.0.0.1' 'extendedKeyUsage=serverAuth' > "$1"`, '_', ext]);
  openssl(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile, '-days', '1', '-extfile', ext]);
  return { dir, caFile, certFile, keyFile, caPem: readFileSync(caFile, 'utf8') };
}

function openssl(args: readonly string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}


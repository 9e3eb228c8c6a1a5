import { afterEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:tls';
import { generateCertificateAuthority } from '../../../operator/certificates/generate-certificate-authority.ts';
import { issueServingCertificate } from '../../../operator/certificates/issue-serving-certificate.ts';
import { servingNames } from '../../../operator/certificates/serving-names.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { checkServingCertificate, type CertificateSource, type ServingCertificate } from '../../../operator/webhook/serving-certificate.ts';
import { staticNamespaceSource } from '../../../operator/webhook/static-namespace-source.ts';
import { createWebhookMetrics } from '../../../operator/webhook/webhook-metrics.ts';
import { startWebhookServer, type WebhookServer } from '../../../operator/webhook/webhook-server.ts';
import { staticSidecarSetSource } from '../webhook/support/sidecar-sets.ts';

const names = servingNames({ service: 'tandem-webhook', namespace: 'tandem-system', extra: ['127.0.0.1'] });

async function pair(lifetimeMs = 3_600_000): Promise<{ serving: ServingCertificate; caPem: string }> {
  const now = new Date();
  const authority = await generateCertificateAuthority({ now, lifetimeMs: lifetimeMs * 2, commonName: 'test-ca' });
  const issued = await issueServingCertificate({ now, lifetimeMs, names, authority });
  const serving = checkServingCertificate({ cert: Buffer.from(issued.certificate.pem), key: Buffer.from(issued.keyPem), certName: 'tls.crt', keyName: 'tls.key' });
  return { serving, caPem: authority.certificate.pem };
}

/** A source the test pushes pairs into, as the certificate manager does from the Secret watch. */
function pushSource(initial: ServingCertificate): CertificateSource & { push(next: ServingCertificate): void; listeners(): number } {
  let current = initial;
  const listeners = new Set<(certificate: ServingCertificate) => void>();
  return {
    current: () => current,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push: (next) => {
      current = next;
      for (const listener of listeners) listener(next);
    },
    listeners: () => listeners.size,
  };
}

/** Handshake verified against `ca` for the name 127.0.0.1; resolves the served fingerprint. */
function handshake(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: undefined }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', reject);
  });
}

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a webhook server fed from memory', () => {
  it('serves the pushed pair on the next handshake, without a restart, and unsubscribes on close', async () => {
    const first = await pair();
    const second = await pair();
    const source = pushSource(first.serving);
    server = await startWebhookServer({
      listen: { host: '127.0.0.1', port: 0 },
      certificate: source,
      sidecarSets: staticSidecarSetSource([]),
      namespaces: staticNamespaceSource({}),
      kubeVersion: undefined,
      logger: createLogger({ level: 'silent' }),
      metrics: createWebhookMetrics({ defaultMetrics: false }),
    });
    const port = server.address.port;
    expect(await handshake(port, first.caPem)).toBe(first.serving.fingerprint);
    source.push(second.serving);
    expect(await handshake(port, second.caPem)).toBe(second.serving.fingerprint);
    // The old CA no longer verifies it: proof the context really changed.
    await expect(handshake(port, first.caPem)).rejects.toThrow();
    const reloads = await server.metrics.certificateReloads.get();
    expect(reloads.values.find((value) => value.labels.result === 'success')?.value).toBe(1);
    const expiry = await server.metrics.certificateExpiry.get();
    expect(expiry.values[0]?.value).toBe(Math.floor(second.serving.notAfter.getTime() / 1000));
    expect(await server.reloadCertificate()).toBe(false);
    await server.close();
    server = undefined;
    expect(source.listeners()).toBe(0);
  });

  it('checks a pair from memory like a pair from files', async () => {
    const a = await pair();
    const b = await pair();
    expect(() =>
      checkServingCertificate({ cert: a.serving.cert, key: b.serving.key, certName: 'Secret x tls.crt', keyName: 'Secret x tls.key' }),
    ).toThrow('Secret x tls.key is not the private key of the certificate in Secret x tls.crt');
    expect(() => checkServingCertificate({ cert: Buffer.from('nope'), key: a.serving.key, certName: 'c', keyName: 'k' })).toThrow('c: not a PEM certificate');
  });
});

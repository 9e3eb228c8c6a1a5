import { afterEach, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type SecureVersion } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { call } from './support/https-client.ts';
import { fixtureText } from './support/fixtures.ts';
import { counterValue, startTestServer, type TestServer } from './support/start-test-server.ts';
import { createTestCertificate } from '../../support/test-certificate.ts';

let current: TestServer | undefined;

afterEach(async () => {
  await current?.server.close({ graceMs: 1000 });
  current = undefined;
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  current = await startTestServer(options);
  return current;
}

/** Completes a handshake limited to `version`; resolves the negotiated protocol or rejects. */
function handshake(test: TestServer, version: SecureVersion, ca: string = test.certificate.certPem) {
  return new Promise<{ protocol: string | null; fingerprint: string }>((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: test.port,
      ca,
      minVersion: version,
      maxVersion: version,
      // Let the client offer old protocols at all, so it is the server that refuses them.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve({ protocol: socket.getProtocol(), fingerprint: socket.getPeerCertificate().fingerprint256 });
      socket.end();
    });
    socket.once('error', reject);
  });
}

const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

describe('webhook server: TLS', () => {
  it.each(['TLSv1', 'TLSv1.1'] as const)('refuses %s', async (version) => {
    const test = await start();
    // The alert comes from the server: the client was allowed to offer the old protocol.
    await expect(handshake(test, version)).rejects.toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
  });

  it.each(['TLSv1.2', 'TLSv1.3'] as const)('accepts %s', async (version) => {
    const test = await start();
    await expect(handshake(test, version)).resolves.toMatchObject({ protocol: version });
  });

  it('reloads a changed certificate on demand, for new connections', async () => {
    const test = await start();
    const next = createTestCertificate(test.dir, { name: 'next', commonName: 'tandem-next' });
    copyFileSync(next.certFile, test.certificate.certFile);
    copyFileSync(next.keyFile, test.certificate.keyFile);
    expect(await test.server.reloadCertificate()).toBe(true);
    expect((await handshake(test, 'TLSv1.3', next.certPem)).fingerprint).toBe(fingerprintOf(next.certPem));
    expect(await counterValue(test.server, 'certificateReloads', { result: 'success' })).toBe(1);
    expect(test.logs.some((log) => log.msg === 'serving certificate reloaded')).toBe(true);
  });

  it('notices changed files by polling', async () => {
    const test = await start({ certificatePollMs: 25 });
    const next = createTestCertificate(join(test.dir), { name: 'polled', commonName: 'tandem-polled' });
    copyFileSync(next.certFile, test.certificate.certFile);
    copyFileSync(next.keyFile, test.certificate.keyFile);
    const deadline = Date.now() + 5000;
    while ((await counterValue(test.server, 'certificateReloads', { result: 'success' })) === 0 && Date.now() < deadline) {
      await sleep(25);
    }
    expect((await handshake(test, 'TLSv1.2', next.certPem)).fingerprint).toBe(fingerprintOf(next.certPem));
  });

  it.each([
    ['garbage in the certificate file', (test: TestServer) => {
      writeFileSync(test.certificate.certFile, 'not a certificate');
    }],
    ['a key that does not match', (test: TestServer) => {
      const other = createTestCertificate(test.dir, { name: 'other' });
      copyFileSync(other.keyFile, test.certificate.keyFile);
    }],
    ['an empty key file', (test: TestServer) => {
      writeFileSync(test.certificate.keyFile, '');
    }],
  ])('keeps serving the old certificate when given %s', async (_name, breakFiles) => {
    const test = await start();
    const original = test.certificate.certPem;
    breakFiles(test);
    expect(await test.server.reloadCertificate()).toBe(false);
    expect((await handshake(test, 'TLSv1.3', original)).fingerprint).toBe(fingerprintOf(original));
    expect(await counterValue(test.server, 'certificateReloads', { result: 'failure' })).toBe(1);
    expect(test.logs.some((log) => log.level === 'error' && String(log.msg).includes('still serving the previous certificate'))).toBe(true);
  });

  it('refuses to start with an unusable pair', async () => {
    const { startWebhookServer } = await import('../../../operator/webhook/webhook-server.ts');
    const { createLogger } = await import('../../../operator/logging/logger.ts');
    const { staticNamespaceSource } = await import('../../../operator/webhook/static-namespace-source.ts');
    const { staticSidecarSetSource } = await import('./support/sidecar-sets.ts');
    const { temporaryDirectory } = await import('../../support/test-certificate.ts');
    const dir = temporaryDirectory();
    const a = createTestCertificate(dir, { name: 'a' });
    const b = createTestCertificate(dir, { name: 'b' });
    await expect(
      startWebhookServer({
        listen: { host: '127.0.0.1', port: 0 },
        certificate: { certFile: a.certFile, keyFile: b.keyFile },
        sidecarSets: staticSidecarSetSource([]),
        namespaces: staticNamespaceSource({}),
        kubeVersion: undefined,
        logger: createLogger({ level: 'silent' }),
      }),
    ).rejects.toThrow(/is not the private key of the certificate/);
  });
});

describe('webhook server: connections', () => {
  it('closes a connection whose headers do not arrive in time', async () => {
    const test = await start({ timeouts: { headersMs: 200, requestMs: 400 } });
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: test.port, ca: test.certificate.certPem }, () => {
        socket.write('POST /mutate-pods HTTP/1.1\r\nHost: x\r\n'); // and never the rest
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('closes gracefully: finishes the request in flight, then refuses new connections', async () => {
    const test = await start();
    const body = fixtureText('pod-create.json');
    const half = Math.floor(body.length / 2);
    const inFlight = new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: test.port, ca: test.certificate.certPem }, () => {
        socket.write(
          `POST /mutate-pods HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
      // The rest of the body arrives after close() was called.
      setTimeout(() => {
        socket.write(body.slice(half));
      }, 200);
    });
    await sleep(100);
    const closing = test.server.close({ graceMs: 5000 });
    const answer = await inFlight;
    await closing;
    current = undefined;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('8a3f1c52-5d7e-4b1a-9c2d-000000000001');
    await expect(call(test.port, { method: 'GET', path: '/healthz', ca: test.certificate.certPem })).rejects.toThrow(/ECONNREFUSED/);
  });
});

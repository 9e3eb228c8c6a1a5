import { afterEach, describe, expect, it } from '@jest/globals';
import jsonPatch from 'fast-json-patch';
import { Agent } from 'node:https';
import { connect } from 'node:tls';
import type { RawPod } from '../../../operator/admission/parse-pod-admission-review.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { NamespaceSource, SidecarSetSource } from '../../../operator/webhook/sources.ts';
import { call, type StatusBody } from './support/https-client.ts';
import { fixture, fixtureText } from './support/fixtures.ts';
import { allSets } from './support/sidecar-sets.ts';
import { counterValue, startTestServer, type TestServer } from './support/start-test-server.ts';

let current: TestServer | undefined;

afterEach(async () => {
  await current?.server.close({ graceMs: 1000 });
  current = undefined;
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  current = await startTestServer({ sets: allSets, ...options });
  return current;
}

function post(test: TestServer, body: string, headers: Record<string, string> = {}) {
  return call(test.port, { body, headers, ca: test.certificate.certPem });
}

describe('webhook server: admissions', () => {
  it('injects a pod: the patch applied to the raw request object equals the engine output', async () => {
    const test = await start();
    const body = fixture('pod-create.json');
    const answer = await post(test, JSON.stringify(body));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    const response = answer.review().response;
    expect(response.uid).toBe(body.request.uid);
    expect(response.allowed).toBe(true);
    expect(response.patchType).toBe('JSONPatch');
    const patch = JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as jsonPatch.Operation[];
    const patched = jsonPatch.applyPatch<RawPod>(structuredClone(body.request.object), patch, true).newDocument;
    const engine = injectPod({ pod: body.request.object, namespaceLabels: {}, sidecarSets: allSets, options: {} });
    expect(patched).toEqual(engine.pod);
    expect(patched).toMatchObject({ spec: { futureSpecField: { nested: [1, 2, 3] } } });

    expect(await counterValue(test.server, 'admissions', { result: 'injected' })).toBe(1);
    expect(await counterValue(test.server, 'injections', { sidecarset: 'proxy' })).toBe(1);
    expect(await counterValue(test.server, 'injections', { sidecarset: 'logger' })).toBe(1);
    const line = test.logs.find((log) => log.msg === 'admitted pod');
    expect(line).toMatchObject({ uid: body.request.uid, namespace: 'shop', generateName: 'web-7d4b9c8f6-', operation: 'CREATE', result: 'injected' });
    // Never the pod itself.
    expect(JSON.stringify(test.logs)).not.toContain('example.com/shop/web');
  });

  it.each([
    ['pod-create-no-match.json', 'no set matches'],
    ['pod-update.json', 'UPDATE is passed'],
    ['pod-delete.json', 'DELETE is passed'],
    ['pod-binding.json', 'subresources are passed'],
  ])('answers %s allowed without a patch (%s)', async (name) => {
    const test = await start();
    const body = fixture(name);
    const answer = await post(test, JSON.stringify(body));
    expect(answer.status).toBe(200);
    expect(answer.review().response).toEqual({ uid: body.request.uid, allowed: true });
    expect(await counterValue(test.server, 'admissions', { result: 'unchanged' })).toBe(1);
  });

  it('injects dryRun requests like any other: there are no side effects to skip', async () => {
    const test = await start();
    const answer = await post(test, fixtureText('pod-create-dry-run.json'));
    expect(answer.review().response.patchType).toBe('JSONPatch');
    expect(test.logs.find((log) => log.msg === 'admitted pod')).toMatchObject({ dryRun: true });
  });

  it('serves several requests over one keep-alive connection', async () => {
    const test = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (let index = 0; index < 3; index++) {
      const answer = await call(test.port, { body: fixtureText('pod-create.json'), ca: test.certificate.certPem, agent });
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('keep-alive');
    }
    for (const list of Object.values(agent.freeSockets)) for (const socket of list ?? []) sockets.add(socket);
    expect(sockets.size).toBe(1);
    agent.destroy();
  });
});

describe('webhook server: bad input is refused, counted and logged, never crashes', () => {
  interface BadInput {
    name: string;
    file: string;
    contentType?: string;
    status: number;
    reason: string;
    /** Set when the review has a usable UID: then it is a denied review, not an HTTP error. */
    uid?: string;
  }
  const uid = (n: number): string => `8a3f1c52-5d7e-4b1a-9c2d-${String(n).padStart(12, '0')}`;
  it.each<BadInput>([
    { name: 'malformed JSON', file: 'truncated.json', status: 400, reason: 'malformed-json' },
    { name: 'a JSON list', file: 'not-an-object.json', status: 400, reason: 'not-an-object' },
    { name: 'admission.k8s.io/v1beta1', file: 'wrong-api-version.json', status: 400, reason: 'wrong-api-version' },
    { name: 'kind AdmissionRequest', file: 'wrong-kind.json', status: 400, reason: 'wrong-kind' },
    { name: 'no request', file: 'missing-request.json', status: 400, reason: 'missing-request' },
    { name: 'no uid', file: 'missing-uid.json', status: 400, reason: 'missing-uid' },
    { name: 'text/plain', file: 'pod-create.json', contentType: 'text/plain', status: 415, reason: 'content-type' },
    { name: 'no Content-Type', file: 'pod-create.json', contentType: '', status: 415, reason: 'content-type' },
    { name: 'a Deployment', file: 'not-a-pod-deployment.json', status: 200, reason: 'not-a-pod', uid: uid(7) },
    { name: 'operation PATCH', file: 'unknown-operation.json', status: 200, reason: 'unknown-operation', uid: uid(13) },
    { name: 'no namespace', file: 'missing-namespace.json', status: 200, reason: 'missing-namespace', uid: uid(10) },
    { name: 'no object', file: 'missing-object.json', status: 200, reason: 'missing-object', uid: uid(11) },
    { name: 'a pod without containers', file: 'malformed-pod-no-containers.json', status: 200, reason: 'malformed-pod', uid: uid(12) },
  ])('$name', async ({ file, contentType, status, reason, uid }) => {
    const test = await start();
    const answer = await post(test, fixtureText(file), { 'content-type': contentType ?? 'application/json' });
    expect(answer.status).toBe(status);
    if (uid === undefined) {
      const body = answer.json() as StatusBody;
      expect(body).toMatchObject({ kind: 'Status', status: 'Failure', code: status });
      expect(body.message).toMatch(/^tandem: /);
    } else {
      expect(answer.review().response).toMatchObject({ uid, allowed: false, status: { code: 400, status: 'Failure' } });
      expect(await counterValue(test.server, 'admissions', { result: 'denied' })).toBe(1);
    }
    expect(await counterValue(test.server, 'invalidRequests', { reason })).toBe(1);
    expect(test.logs.some((log) => log.level === 'warn' && log.reason === reason)).toBe(true);
  });

  it('refuses methods other than POST with 405', async () => {
    const test = await start();
    const answer = await call(test.port, { method: 'GET', ca: test.certificate.certPem });
    expect(answer.status).toBe(405);
    expect(await counterValue(test.server, 'invalidRequests', { reason: 'method' })).toBe(1);
  });

  it('refuses a body announced larger than 3 MiB before reading it', async () => {
    const test = await start();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: test.port, ca: test.certificate.certPem }, () => {
        socket.write(
          'POST /mutate-pods HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000000\r\n\r\n{"a":',
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('end', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/connection: close/i);
    expect(await counterValue(test.server, 'invalidRequests', { reason: 'too-large' })).toBe(1);
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    const test = await start({ maxBodyBytes: 64 * 1024 });
    const big = JSON.stringify({ padding: 'x'.repeat(200 * 1024) });
    const answer = await post(test, big, { 'transfer-encoding': 'chunked' }).catch((error: unknown) => error as NodeJS.ErrnoException);
    // Either the 413 arrives, or the connection is closed while the client still writes.
    if ('status' in answer) expect(answer.status).toBe(413);
    else expect(answer.code).toMatch(/ECONNRESET|EPIPE/);
    expect(await counterValue(test.server, 'invalidRequests', { reason: 'too-large' })).toBe(1);
  });

  it('counts a client that goes away in the middle of its body, and keeps serving', async () => {
    const test = await start();
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: test.port, ca: test.certificate.certPem }, () => {
        socket.write('POST /mutate-pods HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"kind":', () => {
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        });
      });
      socket.on('error', reject);
    });
    const deadline = Date.now() + 2000;
    while ((await counterValue(test.server, 'invalidRequests', { reason: 'aborted' })) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await counterValue(test.server, 'invalidRequests', { reason: 'aborted' })).toBe(1);
    expect((await call(test.port, { method: 'GET', path: '/healthz', ca: test.certificate.certPem })).status).toBe(200);
  });

  it('answers an internal error with HTTP 500 carrying the UID, and logs it with the UID', async () => {
    const failing: SidecarSetSource = {
      list: () => {
        throw new Error('cache exploded');
      },
      synced: () => true,
    };
    const test = await start({ sidecarSets: failing });
    const body = fixture('pod-create.json');
    const answer = await post(test, JSON.stringify(body));
    expect(answer.status).toBe(500);
    expect(answer.review().response).toMatchObject({ uid: body.request.uid, allowed: false, status: { code: 500 } });
    expect(await counterValue(test.server, 'admissions', { result: 'error' })).toBe(1);
    const line = test.logs.find((log) => log.level === 'error');
    expect(line).toMatchObject({ uid: body.request.uid, err: { message: 'cache exploded' } });
    // And the server keeps serving.
    expect((await call(test.port, { method: 'GET', path: '/healthz', ca: test.certificate.certPem })).status).toBe(200);
  });

  it('waits for a namespace the cache does not know yet, then injects', async () => {
    let labels: Record<string, string> | undefined;
    const namespaces: NamespaceSource = {
      labelsOf: () => labels,
      synced: () => true,
      waitFor: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        labels = {};
        return labels;
      },
    };
    const test = await start({ namespaces });
    const answer = await post(test, fixtureText('pod-create.json'));
    expect(answer.status).toBe(200);
    expect(answer.review().response.patchType).toBe('JSONPatch');
  });

  it('answers 503 with the UID when the namespace stays unknown', async () => {
    const namespaces: NamespaceSource = { labelsOf: () => undefined, synced: () => true, waitFor: () => Promise.resolve(undefined) };
    const test = await start({ namespaces });
    const answer = await post(test, fixtureText('pod-create.json'));
    expect(answer.status).toBe(503);
    expect(answer.review().response.status?.message).toContain('namespace "shop" is not known yet');
  });

  it('answers 503 with the UID while the namespace is unknown', async () => {
    const namespaces: NamespaceSource = { labelsOf: () => undefined, synced: () => true };
    const test = await start({ namespaces });
    const answer = await post(test, fixtureText('pod-create.json'));
    expect(answer.status).toBe(503);
    expect(answer.review().response).toMatchObject({ uid: '8a3f1c52-5d7e-4b1a-9c2d-000000000001', status: { code: 503 } });
  });
});

describe('webhook server: probes and metrics', () => {
  it('is alive, and ready only once both sources are synced', async () => {
    let synced = false;
    const sidecarSets: SidecarSetSource = { list: () => [], synced: () => synced };
    const test = await start({ sidecarSets });
    const get = (path: string) => call(test.port, { method: 'GET', path, ca: test.certificate.certPem });
    expect((await get('/healthz')).status).toBe(200);
    const notReady = await get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.text).toContain('SidecarSets not loaded yet');
    expect((await post(test, fixtureText('pod-create.json'))).status).toBe(503);
    synced = true;
    expect((await get('/readyz')).status).toBe(200);
    expect((await get('/nope')).status).toBe(404);
  });

  it('exposes the counters and the latency histogram in Prometheus text format', async () => {
    const test = await start();
    await post(test, fixtureText('pod-create.json'));
    await post(test, fixtureText('pod-create-no-match.json'));
    await post(test, fixtureText('truncated.json'));
    const metrics = await call(test.port, { method: 'GET', path: '/metrics', ca: test.certificate.certPem });
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('tandem_webhook_admissions_total{result="injected"} 1');
    expect(metrics.text).toContain('tandem_webhook_admissions_total{result="unchanged"} 1');
    expect(metrics.text).toContain('tandem_webhook_admissions_total{result="error"} 0');
    expect(metrics.text).toContain('tandem_webhook_injections_total{sidecarset="proxy"} 1');
    expect(metrics.text).toContain('tandem_webhook_invalid_requests_total{reason="malformed-json"} 1');
    expect(metrics.text).toContain('tandem_webhook_admission_duration_seconds_bucket{le="0.0001"}');
    expect(metrics.text).toContain('tandem_webhook_admission_duration_seconds_count 3');
    expect(metrics.text).toMatch(/tandem_webhook_certificate_expiry_timestamp_seconds \d{10}/);
  });
});

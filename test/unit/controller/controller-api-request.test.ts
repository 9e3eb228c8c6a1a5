// The controller's HTTPS requester and reflector over a real TLS socket: a
// local HTTPS server plays the API server. The reflector's own tests use a
// fake requester that calls onLine inside a promise, which hid that an
// exception thrown from readline's 'line' event (a 410 ERROR event) was
// uncaught and killed the process.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApiRequester, type ApiRequester } from '../../../operator/kube/controller-api-request.ts';
import { startReflector } from '../../../operator/kube/controller-reflector.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { createTestCertificate, temporaryDirectory } from '../webhook/support/test-certificate.ts';

const dir = temporaryDirectory('tandem-api-request-');
let server: Server;
let requester: ApiRequester;
const seen = { lists: 0, watches: [] as string[] };
/** How the next watch answers: each entry writes its lines and either ends or stays open. */
const watchScripts: { lines: string[]; end: boolean }[] = [];

beforeAll(async () => {
  const certificate = createTestCertificate(dir);
  server = createServer({ cert: certificate.certPem, key: readFileSync(certificate.keyFile) }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    response.setHeader('content-type', 'application/json');
    if (url.searchParams.get('watch') !== 'true') {
      seen.lists += 1;
      response.end(JSON.stringify({ items: [{ metadata: { name: 'a', resourceVersion: String(seen.lists) } }], metadata: { resourceVersion: String(seen.lists * 10) } }));
      return;
    }
    seen.watches.push(url.searchParams.get('resourceVersion') ?? '');
    const script = watchScripts.shift() ?? { lines: [], end: false };
    response.writeHead(200);
    for (const line of script.lines) response.write(`${line}\n`);
    if (script.end) response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'local', server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caData: Buffer.from(certificate.certPem).toString('base64') }],
    users: [{ name: 'u', token: 'secret' }],
    contexts: [{ name: 'c', cluster: 'local', user: 'u' }],
    currentContext: 'c',
  });
  requester = await createApiRequester(kubeConfig);
});

afterAll(async () => {
  requester.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('createApiRequester().stream', () => {
  it('rejects with what onLine throws, and ends the watch', async () => {
    watchScripts.push({ lines: ['{"type":"ADDED"}', '{"type":"ERROR"}', '{"type":"MODIFIED"}'], end: false });
    const got: string[] = [];
    const streaming = requester.stream({ method: 'GET', path: '/x', query: { watch: true } }, (line) => {
      got.push(line);
      if (line.includes('ERROR')) throw new Error('bad event');
    });
    await expect(streaming).rejects.toThrow('bad event');
    expect(got).toEqual(['{"type":"ADDED"}', '{"type":"ERROR"}']);
  });
});

describe('startReflector over HTTPS', () => {
  it('relists after a 410 ERROR event inside the watch stream', async () => {
    seen.lists = 0;
    seen.watches.length = 0;
    watchScripts.push({ lines: [JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } })], end: false });
    const restarts: string[] = [];
    const reflector = startReflector<string>({
      requester,
      path: '/x',
      resource: 'things',
      trim: (object) => (object as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
      keyOf: (object) => (object as { metadata: { name: string } }).metadata.name,
      onChange: () => undefined,
      logger: createLogger({ level: 'silent' }),
      onRestart: (reason) => restarts.push(reason),
    });
    const deadline = Date.now() + 5_000;
    while (seen.watches.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(restarts).toEqual(['gone']);
    expect(seen.lists).toBe(2);
    expect(seen.watches).toEqual(['10', '20']);
    expect(reflector.get('a')).toBe('2');
    await reflector.stop();
  });
});

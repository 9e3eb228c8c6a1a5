// `tandem operator` watches each kind once per process: the webhook and the
// controller share one SidecarSet and one Namespace reflector (ADR 0024).
// The whole operator runs against the fake API server.
import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOperator, type RunningOperator } from '../../../operator/cli/start-operator.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { createTestCertificate, temporaryDirectory } from '../../support/test-certificate.ts';
import { until } from '../../support/wait.ts';
import { FakeApiServer, json } from '../support/fake-api-server.ts';

const SETS = '/apis/tandem.dev/v1alpha1/sidecarsets';
const NAMESPACES = '/api/v1/namespaces';
const PODS = '/api/v1/pods';
const LEASES = '/apis/coordination.k8s.io/v1/namespaces/default/leases';

let api: FakeApiServer | undefined;
let operator: RunningOperator | undefined;
afterEach(async () => {
  await operator?.stop();
  await api?.stop();
});

describe('tandem operator', () => {
  it('lists and watches SidecarSets and Namespaces once, for the webhook and the controller together', async () => {
    api = await new FakeApiServer().start();
    const list = (items: unknown[]) => () => ({ status: 200, body: { metadata: { resourceVersion: '1' }, items } });
    api.onList(SETS, list([{
      apiVersion: 'tandem.dev/v1alpha1',
      kind: 'SidecarSet',
      metadata: { name: 'proxy', resourceVersion: '1', generation: 1 },
      spec: { selector: { matchLabels: { app: 'web' } }, containers: [{ name: 'proxy', image: 'example.com/proxy:1' }] },
    }]));
    api.onList(NAMESPACES, list([{ metadata: { name: 'shop', resourceVersion: '1' } }]));
    api.onList(PODS, list([]));
    // The Lease: created on the first try, so this replica leads and its controller runs.
    let lease: unknown;
    api.handle((request, url, response) => {
      if (!url.pathname.startsWith(LEASES)) return false;
      const body = api!.requests.at(-1)?.body ?? '';
      if (request.method === 'GET') json(response, lease === undefined ? 404 : 200, lease ?? { kind: 'Status', code: 404 });
      else {
        lease = { ...(JSON.parse(body) as object), metadata: { name: 'tandem-controller', namespace: 'default', resourceVersion: '2' } };
        json(response, request.method === 'POST' ? 201 : 200, lease);
      }
      return true;
    });
    const dir = temporaryDirectory('tandem-operator-');
    const certificate = createTestCertificate(dir);
    const kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, api.kubeConfig().exportConfig());
    operator = await startOperator(
      {
        listen: { host: '127.0.0.1', port: 0 },
        tlsCertFile: certificate.certFile,
        tlsKeyFile: certificate.keyFile,
        kubeconfig,
        kubeVersion: { major: 1, minor: 36 },
        leaseNamespace: 'default',
        identity: 'test',
        retryPeriod: 0.1,
      },
      createLogger({ level: 'silent' }),
    );
    const running = operator;
    await until(() => running.controller.isLeader() && running.controller.synced() && [SETS, NAMESPACES, PODS].every((path) => api!.watching(path) === 1), 'the leader with its caches synced');
    // The controller reconciled the set from the shared cache: its status was written.
    await until(() => api!.requests.some((request) => request.method === 'PATCH' && request.url.pathname === `${SETS}/proxy/status`), 'a status write');
    const selector = (request: { url: URL }): string | null => request.url.searchParams.get('labelSelector');
    for (const path of [SETS, NAMESPACES]) {
      expect({ path, lists: api.requestsTo(path, 'list').length, watches: api.requestsTo(path, 'watch').length }).toEqual({ path, lists: 1, watches: 1 });
    }
    // Pods: the controller's reflector of injected pods, and its periodic list of the set's uninjected ones.
    expect(api.requestsTo(PODS, 'watch').map(selector)).toEqual(['tandem.dev/injected=true']);
    expect(api.requestsTo(PODS, 'list').map(selector).sort()).toEqual(['app=web,tandem.dev/injected!=true', 'tandem.dev/injected=true']);
  });
});

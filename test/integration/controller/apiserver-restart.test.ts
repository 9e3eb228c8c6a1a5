// A running `tandem operator` (webhook informers + leader-elected controller)
// across a real kube-apiserver restart: test/cluster/restart-apiserver.sh
// kills the apiserver (a crash: every watch and keep-alive connection drops),
// keeps it down for a few seconds (connections refused, so clients back off)
// and starts it again on the same port, certificates and etcd. The operator
// is not restarted. Afterwards:
// - the webhook injects a new pod with a SidecarSet created after the restart,
//   and honours a namespace label set after it (its informers resumed);
// - SidecarSet status becomes exact again after pods are created and deleted
//   (the controller's pod and SidecarSet watches resumed);
// - the same replica holds the Lease again and keeps renewing it.
// The apiserver restart is also a cluster-wide event for the files that run
// after this one (in band): the test waits until nodes and the default
// ServiceAccount are back, as up.sh does.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { ApiRequester } from '../../../operator/kube/controller-api-request.ts';
import { kubeconfigPath, kubectl, repoRoot, stateDir } from '../cluster-env.ts';
import {
  apply,
  create,
  createNamespace,
  createTestPki,
  deleteNamespaces,
  ensureNoOtherTandemWebhook,
  httpsGet,
  INJECT_ANNOTATION,
  INJECTED_LABEL,
  metricTotal,
  mustSucceed,
  newRunId,
  parseMetrics,
  pod,
  removeDir,
  renderWebhookConfiguration,
  RUN_LABEL,
  sidecarSet,
  spawnLogged,
  type KubeObject,
  type LoggedProcess,
  type TestPki,
} from '../support/webhook-fixture.ts';
import { countsOf, requester, statusOf, waitFor } from './support/controller-fixture.ts';

jest.setTimeout(180_000);

const runId = newRunId();
const release = `tandem-restart-${runId}`;
const namespace = release;
const lateNamespace = `${release}-late`;
const lease = `restart-${runId}`;
const identity = `restart-${runId}`;
const testLabel = { 'tandem-test': runId };
const earlySet = `restart-${runId}-early`;
const lateSet = `restart-${runId}-late`;
let api: ApiRequester;
let pki: TestPki | undefined;
let operator: LoggedProcess | undefined;
let base = '';

/** Selects this run's pods that carry `role`; labelled so that only this file's operator reconciles it. */
function setManifest(name: string, role: string, image: string): KubeObject {
  const object = sidecarSet(name, {
    selector: { matchLabels: { [RUN_LABEL]: runId, [`tandem.test/${role}`]: 'true' } },
    nativeSidecars: 'Never',
    containers: [{ name: `${role}-proxy`, image }],
  });
  object.metadata.labels = testLabel;
  return object;
}

function restartApiserver(): void {
  const result = spawnSync('bash', [join(repoRoot, 'test/cluster/restart-apiserver.sh'), '--signal', 'KILL', '--down', '3'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TANDEM_STATE_DIR: stateDir },
  });
  if (result.status !== 0) throw new Error(`restart-apiserver.sh failed (${result.status}): ${result.stderr}`);
}

async function holder(): Promise<{ identity: string; renewTime: string } | undefined> {
  const response = await api.request({ method: 'GET', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/${lease}` });
  if (response.status !== 200) return undefined;
  const spec = (response.body as { spec?: { holderIdentity?: string; renewTime?: string } }).spec;
  return spec?.holderIdentity ? { identity: spec.holderIdentity, renewTime: spec.renewTime ?? '' } : undefined;
}

async function exactCounts(name: string, expected: Record<string, number>): Promise<void> {
  await waitFor(`status of ${name} ${JSON.stringify(expected)}`, async () => {
    const { status, generation } = await statusOf(api, name);
    const counts = countsOf(status);
    return status.observedGeneration === generation && Object.entries(expected).every(([key, value]) => counts[key] === value) ? true : undefined;
  }, 60_000, 200);
}

function createPod(inNamespace: string, name: string, roles: readonly string[], annotations: Record<string, string> = { [INJECT_ANNOTATION]: 'true' }): KubeObject {
  const labels = Object.fromEntries(roles.map((role) => [`tandem.test/${role}`, 'true']));
  const result = create(inNamespace, pod({ name, runId, labels, annotations }));
  mustSucceed(result, `create pod ${name}`);
  return result.object!;
}

const sidecarsOf = (object: KubeObject): string[] =>
  ((object.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name).filter((name) => name !== 'app').sort();

beforeAll(async () => {
  ensureNoOtherTandemWebhook();
  api = await requester();
  apply(setManifest(earlySet, 'early', 'registry.example/early:1') as unknown as Record<string, unknown>);
  const testPki = createTestPki();
  pki = testPki;
  operator = spawnLogged(
    [
      join(repoRoot, 'operator/cli/main.ts'), 'operator',
      '--kubeconfig', kubeconfigPath(),
      '--tls-cert-file', testPki.certFile, '--tls-key-file', testPki.keyFile,
      '--listen', '127.0.0.1:0',
      '--lease-namespace', 'default', '--lease-name', lease, '--identity', identity,
      '--sidecarset-selector', `tandem-test=${runId}`,
      '--retry-period', '0.5', '--lease-duration', '3', '--renew-deadline', '2', '--missed-scan-interval', '2',
    ],
    join(stateDir, 'logs', `controller-restart-${runId}.log`),
  );
  const listening = await operator.untilLine((line) => line.msg === 'webhook server listening', 60_000);
  base = `https://127.0.0.1:${/:(\d+)$/.exec(String(listening.address))?.[1] ?? ''}`;
  apply(renderWebhookConfiguration({ release, url: `${base}/mutate-pods`, caPem: testPki.caPem, runId }));
  await createNamespace(namespace);
  const probe = pod({ name: 'registration-probe', runId, labels: { 'tandem.test/early': 'true' }, annotations: { [INJECT_ANNOTATION]: 'true' } });
  await waitFor('the registration to take effect', () => {
    const result = create(namespace, probe, { dryRun: true });
    return result.object?.metadata.labels?.[INJECTED_LABEL] === 'true' ? true : undefined;
  }, 30_000, 250);
}, 120_000);

afterAll(async () => {
  await operator?.stop();
  kubectl(['delete', 'mutatingwebhookconfiguration', release, '--ignore-not-found']);
  kubectl(['delete', 'sidecarset', '--ignore-not-found', earlySet, lateSet]);
  kubectl(['delete', 'lease', '-n', 'default', lease, '--ignore-not-found']);
  deleteNamespaces([namespace, lateNamespace]);
  if (pki !== undefined) removeDir(pki.dir);
  api.close();
}, 60_000);

describe('tandem operator across an apiserver restart', () => {
  it('keeps injecting, counting and leading without being restarted itself', async () => {
    const first = createPod(namespace, 'before', ['early']);
    expect(sidecarsOf(first)).toEqual(['early-proxy']);
    await exactCounts(earlySet, { matchedPods: 1, injectedPods: 1, updatedPods: 1 });
    expect((await holder())?.identity).toBe(identity);
    const pid = operator!.pid;

    restartApiserver();
    // As up.sh: the cluster is usable again for the files that follow.
    mustSucceed(kubectl(['wait', 'node', '--all', '--for=condition=Ready', '--timeout=60s']), 'nodes Ready after the restart');
    mustSucceed(kubectl(['get', 'serviceaccount', 'default', '-n', 'default']), 'the default ServiceAccount after the restart');

    // Webhook: a SidecarSet created after the restart is injected...
    apply(setManifest(lateSet, 'late', 'registry.example/late:1') as unknown as Record<string, unknown>);
    const probe = pod({ name: 'after-probe', runId, labels: { 'tandem.test/early': 'true', 'tandem.test/late': 'true' }, annotations: { [INJECT_ANNOTATION]: 'true' } });
    const injected = await waitFor('the webhook to inject the SidecarSet created after the restart', () => {
      const result = create(namespace, probe, { dryRun: true });
      return result.object !== undefined && sidecarsOf(result.object).length === 2 ? result : undefined;
    }, 60_000, 500);
    expect(sidecarsOf(injected.object!)).toEqual(['early-proxy', 'late-proxy']);
    const second = createPod(namespace, 'after', ['early', 'late']);
    expect(sidecarsOf(second)).toEqual(['early-proxy', 'late-proxy']);
    // ...and a namespace created after the restart, opted in by its label, not by the pod.
    await createNamespace(lateNamespace, { 'tandem.dev/injection': 'enabled' });
    const third = createPod(lateNamespace, 'opted-in-by-namespace', ['late'], {});
    expect(sidecarsOf(third)).toEqual(['late-proxy']);

    // Controller: exact counts after pods changed.
    await exactCounts(lateSet, { matchedPods: 2, injectedPods: 2, updatedPods: 2 });
    await exactCounts(earlySet, { matchedPods: 2, injectedPods: 2, updatedPods: 2 });
    mustSucceed(kubectl(['delete', 'pod', '-n', namespace, 'before', '--grace-period=0', '--wait=true']), 'delete pod before');
    await exactCounts(earlySet, { matchedPods: 1, injectedPods: 1, updatedPods: 1 });

    // Lease: held by the same replica again, and renewed.
    const held = await waitFor('the Lease held by the operator', async () => {
      const current = await holder();
      return current?.identity === identity ? current : undefined;
    }, 30_000);
    await waitFor('a renewal', async () => {
      const current = await holder();
      return current?.identity === identity && current.renewTime !== held.renewTime ? true : undefined;
    }, 10_000);

    // The same process all along, and its watches did see the restart.
    expect(operator!.lines().filter((line) => line.msg === 'webhook server listening').map((line) => line.pid)).toEqual([pid]);
    const metrics = parseMetrics((await httpsGet(`${base}/metrics`, pki?.caPem ?? '')).body);
    expect(metricTotal(metrics, 'tandem_controller_watch_restarts_total')).toBeGreaterThan(0);
    expect(metrics.get('tandem_controller_leader')).toBe(1);
  });
});

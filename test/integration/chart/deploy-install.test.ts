// deploy/ as a user applies it: `kubectl apply --server-side -k deploy/`
// (the CRD and deploy/tandem.yaml) gives a working Tandem, and
// `kubectl delete -f deploy/tandem.yaml` removes it without leaving a
// registration behind.
//
// No kubelet runs the operator's image, so `tandem operator` runs as a local
// process with the installed Deployment's arguments and the installed
// ServiceAccount's token (support/installed-operator.ts). deploy/ registers
// the webhook at the in-cluster Service, which nothing real serves here, so
// the test patches the registration: clientConfig to the local process's URL
// (and the operator gets --certificate-names=127.0.0.1 so its self-managed
// certificate is valid for it), an objectSelector on this run's pods (nothing
// else on the cluster is sent to it), and failurePolicy Fail (so a
// registration left behind after the removal would show).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl, kubectlApply, repoRoot } from '../cluster-env.ts';
import { create, createNamespace, deleteNamespaces, INJECTED_LABEL, mustSucceed, newRunId, OWNER_PID_LABEL, pod, type PodSpec, RUN_LABEL } from '../support/cluster-objects.ts';
import { metricTotal } from '../support/logged-process.ts';
import { ensureNoOtherTandemWebhook, untilRegistrationActive } from '../support/webhook-registration.ts';
import {
  canI,
  forbiddenLines,
  forbiddenPermissions,
  helperSidecarSet,
  installedDeployment,
  localArgs,
  neededPermissions,
  startOperator,
  tokenKubeconfig,
  untilCaBundlePublished,
  untilStatusCounts,
  type RunningOperator,
} from './support/installed-operator.ts';
import { freePort } from '../../support/free-port.ts';

// The names deploy/tandem.yaml was rendered with (scripts/render-deploy.ts).
const NAME = 'tandem';
const NAMESPACE = 'tandem-system';
const DEMO_LABEL = 'tandem.dev/demo';
const runId = newRunId();
const podNamespace = `deploy-it-${runId}`;
const setName = `deploy-it-${runId}`;
const dir = mkdtempSync(join(tmpdir(), 'tandem-deploy-install-'));
let operator: RunningOperator | undefined;
let serviceAccount = '';

/** deploy/ has fixed names: a leftover of an earlier run goes, the demo (same names) must be stopped first. */
function clearTheWay(): void {
  const existing = kubectl(['get', 'mutatingwebhookconfiguration', NAME, '-o', 'json']);
  if (existing.code === 0) {
    const labels = (JSON.parse(existing.stdout) as { metadata: { labels?: Record<string, string> } }).metadata.labels ?? {};
    if (labels[DEMO_LABEL] === 'true') throw new Error('the demo is registered under the names of deploy/: stop it first (make demo-down)');
    kubectl(['delete', 'mutatingwebhookconfiguration', NAME]);
  }
  // Also the namespace a dry-run suite may have just deleted (still Terminating).
  kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=true', '--timeout=90s']);
}

beforeAll(async () => {
  ensureNoOtherTandemWebhook();
  clearTheWay();
  await createNamespace(podNamespace, { 'tandem.dev/injection': 'enabled' });
  kubectlApply(helperSidecarSet(setName, runId));
});

afterAll(async () => {
  await operator?.process.stop();
  kubectl(['delete', '-f', join(repoRoot, 'deploy/tandem.yaml'), '--ignore-not-found', '--wait=false']);
  kubectl(['delete', 'sidecarset', setName, '--ignore-not-found']);
  deleteNamespaces([podNamespace]);
});

const sidecarNames = (spec: PodSpec): string[] => [...(spec.initContainers ?? []), ...spec.containers].map((container) => container.name);

describe('kubectl apply --server-side -k deploy/', () => {
  it('installs a Tandem that, with only its ServiceAccount, injects an opted-in pod and keeps the SidecarSet status', async () => {
    const applied = kubectl(['apply', '--server-side', '-k', join(repoRoot, 'deploy')]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);

    const webhookPort = await freePort();
    const metricsPort = await freePort();
    // See the file comment: the apiserver cannot reach the in-cluster Service here.
    const patch = [
      { op: 'remove', path: '/webhooks/0/clientConfig/service' },
      { op: 'add', path: '/webhooks/0/clientConfig/url', value: `https://127.0.0.1:${webhookPort}/mutate-pods` },
      { op: 'add', path: '/webhooks/0/objectSelector', value: { matchLabels: { [RUN_LABEL]: runId } } },
      { op: 'replace', path: '/webhooks/0/failurePolicy', value: 'Fail' },
    ];
    mustSucceed(kubectl(['patch', 'mutatingwebhookconfiguration', NAME, '--type=json', '-p', JSON.stringify(patch)]), 'patch the registration');
    mustSucceed(kubectl(['label', 'mutatingwebhookconfiguration', NAME, `${RUN_LABEL}=${runId}`, `${OWNER_PID_LABEL}=${process.pid}`]), 'label the registration');

    const installed = installedDeployment(NAMESPACE, NAME);
    serviceAccount = installed.serviceAccount;
    const placement = { webhookPort, metricsPort, kubeconfig: tokenKubeconfig(serviceAccount, NAMESPACE, dir), logFile: join(dir, 'operator.log'), extraArgs: ['--certificate-names=127.0.0.1'] };
    operator = await startOperator(localArgs(installed.args, placement), placement);
    await untilCaBundlePublished(NAME);
    await untilRegistrationActive(podNamespace, runId, (result) => result.object !== undefined && sidecarNames(result.object.spec as unknown as PodSpec).includes('helper'));

    const stored = create(podNamespace, pod({ name: 'app-1', runId }));
    mustSucceed(stored, 'create pod app-1');
    expect(sidecarNames(stored.object?.spec as unknown as PodSpec)).toContain('helper');
    expect(stored.object?.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    await untilStatusCounts(setName, 1);
    const metrics = await operator.metrics();
    expect(metrics.get('tandem_controller_leader')).toBe(1);
    expect(metricTotal(metrics, 'tandem_webhook_admissions_total{result="injected"}')).toBeGreaterThanOrEqual(1);
    expect(forbiddenLines(operator)).toEqual([]);
  });

  describe('the ServiceAccount has least privilege', () => {
    const context = { release: NAME, namespace: NAMESPACE, secretName: 'tandem-webhook-tls', leaseName: 'tandem-controller', otherNamespace: podNamespace };

    it.each(neededPermissions(context))('may %s', (_what, args) => {
      expect(canI(serviceAccount, NAMESPACE, args)).toBe(true);
    });

    it.each(forbiddenPermissions(context))('may not %s', (_what, args) => {
      expect(canI(serviceAccount, NAMESPACE, args)).toBe(false);
    });
  });

  it('kubectl delete -f deploy/tandem.yaml removes the registration with the rest: pods are created again without the operator', async () => {
    const deleted = kubectl(['delete', '-f', join(repoRoot, 'deploy/tandem.yaml'), '--wait=false']);
    expect(deleted.stderr).toBe('');
    expect(deleted.code).toBe(0);
    await operator?.process.stop();
    operator = undefined;

    expect(kubectl(['get', 'mutatingwebhookconfiguration', NAME]).stderr).toContain('NotFound');
    const stored = create(podNamespace, pod({ name: 'app-2', runId }));
    mustSucceed(stored, 'create pod app-2 (failurePolicy was Fail: a registration left behind would refuse it)');
    expect(sidecarNames(stored.object?.spec as unknown as PodSpec)).toEqual(['app']);
    // The namespace goes with everything in it, the operator's Secret and Lease included; the CRD stays (deploy/crds/ is removed separately).
    const gone = kubectl(['wait', '--for=delete', `namespace/${NAMESPACE}`, '--timeout=90s']);
    expect(gone.code === 0 || gone.stderr.includes('NotFound')).toBe(true);
    expect(kubectl(['get', 'clusterroles,clusterrolebindings', '-l', `app.kubernetes.io/instance=${NAME}`, '-o', 'name']).stdout.trim()).toBe('');
    expect(kubectl(['get', 'crd', 'sidecarsets.tandem.dev']).code).toBe(0);
  });
});

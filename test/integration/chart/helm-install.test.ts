// The chart's whole life on the real apiserver: `helm install` gives a working
// Tandem, `helm upgrade` changes what it says and keeps the operator working,
// `helm uninstall` leaves nothing that could break pod creation.
//
// No kubelet runs the operator's image here, so `tandem operator` runs as a
// local process with the installed Deployment's arguments and the installed
// ServiceAccount's token (support/installed-operator.ts), and the release is
// installed with webhook.url (the apiserver calls 127.0.0.1) and
// certificates.selfManaged.extraNames=127.0.0.1 (so the self-managed serving
// certificate is valid for that address). Its webhook.objectSelector narrows
// the registration to this run's pods, so nothing else on the cluster is sent
// to it, even with failurePolicy Fail.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART, helm } from './support/chart.ts';
import { kubectl, kubectlApply } from '../cluster-env.ts';
import { create, createNamespace, deleteNamespaces, INJECT_ANNOTATION, INJECTED_LABEL, mustSucceed, newRunId, pod, type PodSpec, RUN_LABEL } from '../support/cluster-objects.ts';
import { metricTotal } from '../support/logged-process.ts';
import { ensureNoOtherTandemWebhook, untilRegistrationActive } from '../support/webhook-registration.ts';
import { eventually } from '../../support/wait.ts';
import {
  caBundleOf,
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
  type OperatorPlacement,
  type RunningOperator,
} from './support/installed-operator.ts';
import { freePort } from '../../support/free-port.ts';

const runId = newRunId();
const RELEASE_PREFIX = 'tandem-it-';
const release = `${RELEASE_PREFIX}${runId}`;
const namespace = `${release}-system`;
const podNamespace = `${release}-pods`;
const setName = `${release}-helper`;
const SECRET = 'tandem-webhook-tls';
const LEASE = 'tandem-controller';
const dir = mkdtempSync(join(tmpdir(), 'tandem-helm-install-'));

let placement: OperatorPlacement;
let operator: RunningOperator | undefined;
let serviceAccount = '';
let pods = 0;

async function runOperator(logName: string): Promise<RunningOperator> {
  const installed = installedDeployment(namespace, release);
  serviceAccount = installed.serviceAccount;
  placement = { ...placement, kubeconfig: tokenKubeconfig(serviceAccount, namespace, dir), logFile: join(dir, `${logName}.log`) };
  operator = await startOperator(localArgs(installed.args, placement), placement);
  return operator;
}

async function stopOperator(): Promise<void> {
  await operator?.process.stop();
  operator = undefined;
}

/** Creates an opted-in pod of this run through the apiserver and returns it as stored. */
function createPod(): { labels: Record<string, string>; spec: PodSpec } {
  pods += 1;
  const result = create(podNamespace, pod({ name: `app-${pods}`, runId }));
  mustSucceed(result, `create pod app-${pods}`);
  return { labels: result.object?.metadata.labels ?? {}, spec: result.object?.spec as unknown as PodSpec };
}

const sidecarNames = (spec: PodSpec): string[] => [...(spec.initContainers ?? []), ...spec.containers].map((container) => container.name);

/** Helm's own leftovers of crashed runs: their registrations would otherwise linger. */
function uninstallStaleReleases(): void {
  const listed = helm(['list', '--all-namespaces', '--filter', `^${RELEASE_PREFIX}`, '-o', 'json']);
  for (const stale of JSON.parse(listed.stdout || '[]') as { name: string; namespace: string }[]) {
    helm(['uninstall', stale.name, '--namespace', stale.namespace]);
    kubectl(['delete', 'namespace', stale.namespace, '--ignore-not-found', '--wait=false']);
  }
}

beforeAll(async () => {
  ensureNoOtherTandemWebhook();
  uninstallStaleReleases();
  placement = { webhookPort: await freePort(), metricsPort: await freePort(), kubeconfig: '', logFile: '' };
  await createNamespace(podNamespace, { 'tandem.dev/injection': 'enabled' });
  kubectlApply(helperSidecarSet(setName, runId));
});

afterAll(async () => {
  await stopOperator();
  helm(['uninstall', release, '--namespace', namespace]);
  kubectl(['delete', 'sidecarset', setName, '--ignore-not-found']);
  deleteNamespaces([namespace, podNamespace]);
});

describe('helm install, upgrade and uninstall', () => {
  it('helm install: the operator, with only its ServiceAccount, injects an opted-in pod and keeps the SidecarSet status', async () => {
    const installed = helm([
      'install', release, CHART, '--namespace', namespace, '--create-namespace', '--timeout', '30s',
      '--set', `webhook.url=https://127.0.0.1:${placement.webhookPort}/mutate-pods`,
      '--set', 'certificates.selfManaged.extraNames={127.0.0.1}',
      '--set-json', `webhook.objectSelector=${JSON.stringify({ matchLabels: { [RUN_LABEL]: runId } })}`,
    ]);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    // NOTES.txt: how to opt in and how to check.
    expect(installed.stdout).toContain('kubectl label namespace <ns> tandem.dev/injection=enabled');
    expect(installed.stdout).toContain('tandem.dev/inject: "true"');
    expect(installed.stdout).toContain('kubectl get sidecarsets');
    expect(installed.stdout).toContain('tandem explain -f <workload>.yaml --sidecarsets <sidecarsets>.yaml');

    const running = await runOperator('install');
    expect(running.args).toContain('--certificate-mode=self-managed');
    expect(running.args).toContain('--certificate-names=127.0.0.1');
    await untilCaBundlePublished(release);
    await untilRegistrationActive(podNamespace, runId, (result) => result.object !== undefined && sidecarNames(result.object.spec as unknown as PodSpec).includes('helper'));

    const stored = createPod();
    expect(sidecarNames(stored.spec)).toContain('helper');
    expect(stored.labels[INJECTED_LABEL]).toBe('true');
    await untilStatusCounts(setName, 1);

    const metrics = await running.metrics();
    expect(metrics.get('tandem_controller_leader')).toBe(1);
    expect(metricTotal(metrics, 'tandem_webhook_admissions_total{result="injected"}')).toBeGreaterThanOrEqual(1);
    expect(forbiddenLines(running)).toEqual([]);
  });

  describe('the ServiceAccount has least privilege', () => {
    const context = { release, namespace, secretName: SECRET, leaseName: LEASE, otherNamespace: podNamespace };

    it.each(neededPermissions(context))('may %s', (_what, args) => {
      expect(canI(serviceAccount, namespace, args)).toBe(true);
    });

    it.each(forbiddenPermissions(context))('may not %s', (_what, args) => {
      expect(canI(serviceAccount, namespace, args)).toBe(false);
    });
  });

  it('helm upgrade: the new values take effect, the caBundle the operator set survives, and the new replica injects', async () => {
    const caBundle = caBundleOf(release);
    expect(caBundle).not.toBe('');
    const upgraded = helm([
      'upgrade', release, CHART, '--namespace', namespace, '--reuse-values', '--timeout', '30s',
      '--set', 'webhook.failurePolicy=Fail', '--set', 'webhook.timeoutSeconds=7', '--set', 'controller.missedScanIntervalSeconds=10',
    ]);
    expect(upgraded.stderr).toBe('');
    expect(upgraded.code).toBe(0);

    const configuration = JSON.parse(kubectl(['get', 'mutatingwebhookconfiguration', release, '-o', 'json']).stdout) as {
      webhooks: { failurePolicy: string; timeoutSeconds: number; clientConfig: { caBundle?: string } }[];
    };
    expect(configuration.webhooks[0]).toMatchObject({ failurePolicy: 'Fail', timeoutSeconds: 7 });
    expect(configuration.webhooks[0]?.clientConfig.caBundle).toBe(caBundle);

    // The rollout: the old replica stops, a new one starts with the upgraded Deployment's arguments.
    await stopOperator();
    const running = await runOperator('upgrade');
    expect(running.args).toContain('--missed-scan-interval=10');
    // failurePolicy Fail: the pod is created only if the new replica answered.
    const stored = createPod();
    expect(sidecarNames(stored.spec)).toContain('helper');
    await untilStatusCounts(setName, 2);
    expect(caBundleOf(release)).toBe(caBundle);
    expect(forbiddenLines(running)).toEqual([]);
  });

  it('helm uninstall: no registration is left, so pods are created even with failurePolicy Fail and no operator; only the CRD, the TLS Secret and the Lease stay', async () => {
    const uninstalled = helm(['uninstall', release, '--namespace', namespace, '--timeout', '30s']);
    expect(uninstalled.stderr).toBe('');
    expect(uninstalled.code).toBe(0);
    // The replicas go after the uninstall, as pods do after their Deployment.
    await stopOperator();

    expect(kubectl(['get', 'mutatingwebhookconfiguration', release]).stderr).toContain('NotFound');
    const stored = createPod();
    expect(sidecarNames(stored.spec)).toEqual(['app']);
    expect(stored.labels[INJECTED_LABEL]).toBeUndefined();

    const byRelease = kubectl([
      'get', 'deployments,services,serviceaccounts,roles,rolebindings,poddisruptionbudgets,clusterroles,clusterrolebindings,mutatingwebhookconfigurations',
      '--all-namespaces', '-l', `app.kubernetes.io/instance=${release}`, '-o', 'name',
    ]);
    expect(byRelease.stdout.trim()).toBe('');
    // What stays (docs/operating.md, Uninstalling): none of it is called by the apiserver.
    const left = await eventually(() => kubectl(['get', 'secrets,leases', '-n', namespace, '-o', 'name']).stdout.trim().split('\n').sort(), (names) => names.length === 2, 10_000);
    expect(left).toEqual([`lease.coordination.k8s.io/${LEASE}`, `secret/${SECRET}`]);
    expect(kubectl(['get', 'crd', 'sidecarsets.tandem.dev']).code).toBe(0);
    // An opted-in pod with the annotation, too: nothing calls the removed webhook.
    const annotated = create(podNamespace, pod({ name: 'annotated', runId, annotations: { [INJECT_ANNOTATION]: 'true' } }));
    mustSucceed(annotated, 'create annotated pod');
  });
});

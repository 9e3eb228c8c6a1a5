// An installed Tandem (helm install, or kubectl apply of deploy/) made to
// work on the local cluster, which has no kubelet to run the operator's image:
// `tandem operator` runs as a local process with exactly the arguments of the
// installed Deployment and only the installed ServiceAccount's credentials (a
// kubeconfig holding a token from `kubectl create token`, never the admin
// kubeconfig), so the chart's RBAC and flags are what is tested.
import { request } from 'node:https';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { kubectl, repoRoot } from '../../cluster-env.ts';
import { mustSucceed, RUN_LABEL } from '../../support/cluster-objects.ts';
import { type LoggedProcess, parseMetrics, spawnLogged } from '../../support/logged-process.ts';
import { eventually } from '../../../support/wait.ts';

interface InstalledDeployment {
  spec: { template: { spec: { serviceAccountName: string; containers: { name: string; args: string[] }[] } } };
}

/** The installed Deployment's ServiceAccount and operator arguments, as the apiserver stores them. */
export { tokenKubeconfig } from '../../support/token-kubeconfig.ts';

export function installedDeployment(namespace: string, name: string): { serviceAccount: string; args: string[] } {
  const result = kubectl(['get', 'deployment', name, '-n', namespace, '-o', 'json']);
  mustSucceed(result, `get deployment ${namespace}/${name}`);
  const spec = (JSON.parse(result.stdout) as InstalledDeployment).spec.template.spec;
  const container = spec.containers.find((candidate) => candidate.name === 'tandem');
  if (container?.args[0] !== 'operator') throw new Error(`deployment ${name} does not run tandem operator: ${JSON.stringify(container)}`);
  return { serviceAccount: spec.serviceAccountName, args: container.args.slice(1) };
}

export interface RunningOperator {
  readonly process: LoggedProcess;
  readonly args: readonly string[];
  /** https://127.0.0.1:PORT/mutate-pods */
  readonly url: string;
  /** GET /metrics on the plain-HTTP port (--metrics-listen), parsed. */
  metrics(): Promise<Map<string, number>>;
}

export interface OperatorPlacement {
  readonly webhookPort: number;
  readonly metricsPort: number;
  readonly kubeconfig: string;
  readonly logFile: string;
  /** Arguments a pod would not need (e.g. --certificate-names=127.0.0.1 when the registration is patched to a URL). */
  readonly extraArgs?: readonly string[];
}

/**
 * The Deployment's arguments, moved to this machine: the listeners on
 * 127.0.0.1 (the apiserver calls webhook.url there), no shutdown delay
 * (there are no Service endpoints to drain, so stopping is quick), and the
 * ServiceAccount's kubeconfig in place of the in-cluster one. Everything
 * else (certificate mode and names, Lease, intervals) is as installed.
 */
export function localArgs(deploymentArgs: readonly string[], placement: OperatorPlacement): string[] {
  const moved = deploymentArgs.map((arg) => {
    if (arg.startsWith('--listen=')) return `--listen=127.0.0.1:${placement.webhookPort}`;
    if (arg.startsWith('--metrics-listen=')) return `--metrics-listen=127.0.0.1:${placement.metricsPort}`;
    if (arg.startsWith('--shutdown-delay=')) return '--shutdown-delay=0';
    return arg;
  });
  if (!moved.some((arg) => arg.startsWith('--metrics-listen='))) throw new Error(`the Deployment runs no metrics listener: ${deploymentArgs.join(' ')}`);
  return [...moved, `--kubeconfig=${placement.kubeconfig}`, ...(placement.extraArgs ?? [])];
}

/** Starts `tandem operator ARGS` and waits until it listens and /readyz says 200 (informers synced). */
export async function startOperator(args: readonly string[], placement: OperatorPlacement): Promise<RunningOperator> {
  const child = spawnLogged([join(repoRoot, 'operator/cli/main.ts'), 'operator', ...args], placement.logFile);
  await child.untilLine((line) => line.msg === 'webhook server listening', 60_000);
  const base = `https://127.0.0.1:${placement.webhookPort}`;
  const deadline = Date.now() + 60_000;
  while ((await insecureStatus(`${base}/readyz`)) !== 200) {
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`tandem operator never became ready:\n${readFileSync(placement.logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    process: child,
    args,
    url: `${base}/mutate-pods`,
    metrics: async () => parseMetrics(await (await fetch(`http://127.0.0.1:${placement.metricsPort}/metrics`)).text()),
  };
}

/** The self-managed CA is the operator's own: the test does not verify it here (the apiserver does). */
function insecureStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { rejectUnauthorized: false, timeout: 2_000, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => {
      resolve(0);
    });
    req.end();
  });
}

/** The caBundle of the configuration's only webhook ('' when unset or when the configuration is gone). */
export function caBundleOf(configuration: string): string {
  const result = kubectl(['get', 'mutatingwebhookconfiguration', configuration, '-o', 'jsonpath={.webhooks[0].clientConfig.caBundle}']);
  return result.code === 0 ? result.stdout : '';
}

/** Waits until the operator has published its CA into the configuration (self-managed mode). */
export async function untilCaBundlePublished(configuration: string): Promise<string> {
  const bundle = await eventually(() => caBundleOf(configuration), (value) => value !== '', 60_000);
  if (bundle === '') throw new Error(`the operator never published a caBundle into mutatingwebhookconfiguration/${configuration}`);
  return bundle;
}

/** A SidecarSet injecting one container into this run's pods (opt-in through the namespace label). */
export function helperSidecarSet(name: string, runId: string): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: { selector: { matchLabels: { [RUN_LABEL]: runId } }, containers: [{ name: 'helper', image: 'registry.example/helper:1' }] },
  };
}

export interface SidecarSetStatus {
  readonly generation: number;
  readonly observedGeneration?: number;
  readonly matchedPods?: number;
  readonly injectedPods?: number;
}

export function sidecarSetStatus(name: string): SidecarSetStatus {
  const result = kubectl(['get', 'sidecarset', name, '-o', 'json']);
  mustSucceed(result, `get sidecarset ${name}`);
  const object = JSON.parse(result.stdout) as { metadata: { generation: number }; status?: Omit<SidecarSetStatus, 'generation'> };
  return { generation: object.metadata.generation, ...object.status };
}

/** Waits until the controller reports exactly `pods` matched and injected pods for the set's current generation. */
export async function untilStatusCounts(name: string, pods: number): Promise<SidecarSetStatus> {
  const exact = (status: SidecarSetStatus): boolean =>
    status.observedGeneration === status.generation && status.matchedPods === pods && status.injectedPods === pods;
  const status = await eventually(() => sidecarSetStatus(name), exact, 60_000);
  if (!exact(status)) throw new Error(`SidecarSet ${name} status never counted ${pods} injected pods: ${JSON.stringify(status)}`);
  return status;
}

/** `kubectl auth can-i` as the ServiceAccount: true when allowed. */
export function canI(serviceAccount: string, namespace: string, args: readonly string[]): boolean {
  const result = kubectl(['auth', 'can-i', ...args, `--as=system:serviceaccount:${namespace}:${serviceAccount}`]);
  if (result.code !== 0 && result.stdout.trim() !== 'no') throw new Error(`kubectl auth can-i ${args.join(' ')}: ${result.stderr}`);
  return result.code === 0;
}

/** Log lines of the operator that say the API refused it something. */
export function forbiddenLines(operator: RunningOperator): Record<string, unknown>[] {
  return operator.process.lines().filter((line) => /forbidden|\b403\b|unauthorized|\b401\b/i.test(JSON.stringify(line)));
}

export interface PrivilegeContext {
  /** The release: the names of the webhook configuration, ClusterRole and ServiceAccount. */
  readonly release: string;
  readonly namespace: string;
  readonly secretName: string;
  readonly leaseName: string;
  /** Some other namespace (an app's). */
  readonly otherNamespace: string;
}

/** [what, `kubectl auth can-i` arguments] the operator needs, self-managed certificates included. */
export function neededPermissions(context: PrivilegeContext): [string, string[]][] {
  const { release, namespace, secretName, leaseName, otherNamespace } = context;
  return [
    ['list SidecarSets (informers)', ['list', 'sidecarsets.tandem.dev']],
    ['watch SidecarSets', ['watch', 'sidecarsets.tandem.dev']],
    ['patch SidecarSet status', ['patch', 'sidecarsets.tandem.dev', '--subresource=status']],
    ['watch namespaces (their opt-in labels)', ['watch', 'namespaces']],
    ['list pods in every namespace', ['list', 'pods', '--all-namespaces']],
    ['patch pods (in-place upgrades)', ['patch', 'pods', '-n', otherNamespace]],
    ['create events', ['create', 'events', '-n', otherNamespace]],
    ['patch Deployments (RestartWorkloads)', ['patch', 'deployments.apps', '-n', otherNamespace]],
    ['get ReplicaSets (owner lookup)', ['get', 'replicasets.apps', '-n', otherNamespace]],
    ['get its own webhook configuration', ['get', `mutatingwebhookconfigurations/${release}`]],
    ['patch its own webhook configuration (caBundle)', ['patch', `mutatingwebhookconfigurations/${release}`]],
    ['get its Lease', ['get', `leases.coordination.k8s.io/${leaseName}`, '-n', namespace]],
    ['update its Lease', ['update', `leases.coordination.k8s.io/${leaseName}`, '-n', namespace]],
    ['create a Lease in its namespace (the first election)', ['create', 'leases.coordination.k8s.io', '-n', namespace]],
    ['get its TLS Secret', ['get', `secrets/${secretName}`, '-n', namespace]],
    ['update its TLS Secret (rotation)', ['update', `secrets/${secretName}`, '-n', namespace]],
    ['create a Secret in its namespace (the first certificate)', ['create', 'secrets', '-n', namespace]],
  ];
}

/** [what, `kubectl auth can-i` arguments] it must not be able to do. */
export function forbiddenPermissions(context: PrivilegeContext): [string, string[]][] {
  const { release, namespace, secretName, leaseName, otherNamespace } = context;
  return [
    ['read Secrets in other namespaces', ['get', 'secrets', '-n', otherNamespace]],
    ['list Secrets in other namespaces', ['list', 'secrets', '-n', otherNamespace]],
    ['read other Secrets in its namespace', ['get', 'secrets/some-other-secret', '-n', namespace]],
    ['list every Secret of its namespace', ['list', 'secrets', '-n', namespace]],
    ['delete its TLS Secret', ['delete', `secrets/${secretName}`, '-n', namespace]],
    ['patch other webhook configurations', ['patch', 'mutatingwebhookconfigurations/someone-else']],
    ['create webhook configurations', ['create', 'mutatingwebhookconfigurations']],
    ['delete its own webhook configuration', ['delete', `mutatingwebhookconfigurations/${release}`]],
    ['touch validating webhook configurations', ['patch', 'validatingwebhookconfigurations']],
    ['create pods', ['create', 'pods', '-n', otherNamespace]],
    ['delete pods', ['delete', 'pods', '-n', otherNamespace]],
    ['exec into pods', ['create', 'pods', '--subresource=exec', '-n', otherNamespace]],
    ['create SidecarSets', ['create', 'sidecarsets.tandem.dev']],
    ['change SidecarSet specs', ['update', 'sidecarsets.tandem.dev']],
    ['delete SidecarSets', ['delete', 'sidecarsets.tandem.dev']],
    ['update other Leases', ['update', 'leases.coordination.k8s.io/someone-elses', '-n', namespace]],
    ['create Leases elsewhere', ['create', 'leases.coordination.k8s.io', '-n', otherNamespace]],
    ['delete Deployments', ['delete', 'deployments.apps', '-n', otherNamespace]],
    ['read ConfigMaps', ['get', 'configmaps', '-n', otherNamespace]],
    ['change namespaces', ['patch', 'namespaces']],
    ['grant itself more (RBAC)', ['create', 'clusterrolebindings']],
    ['change CRDs', ['update', 'customresourcedefinitions.apiextensions.k8s.io']],
    ['update its lease name but a different namespace', ['update', `leases.coordination.k8s.io/${leaseName}`, '-n', otherNamespace]],
  ];
}

// The chart as the tests see it: `helm` (the pinned binary of the local
// cluster tools) and its rendered objects, plus the variants the golden,
// label and schema tests share.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterTools, type CommandResult, kubeconfigPath, repoRoot } from '../../cluster-env.ts';

export const CHART = join(repoRoot, 'charts/tandem');
export const RELEASE = 'tandem';
export const NAMESPACE = 'tandem-system';

/** Runs helm against the test cluster (commands that need none ignore the kubeconfig). */
export function helm(args: readonly string[], timeoutMs = 60_000): CommandResult {
  const result = spawnSync(clusterTools().helm, [...args, '--kubeconfig', kubeconfigPath()], { cwd: repoRoot, encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template tandem charts/tandem -n tandem-system ARGS`: the text, throwing with helm's message on failure. */
export function template(args: readonly string[]): string {
  const result = helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args]);
  if (result.code !== 0) throw new Error(`helm template ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export function manifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

// A fixed, syntactically valid CA bundle (base64 of a PEM block): goldens must not change between runs.
export const FIXED_CA_BUNDLE = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBdGVzdA==\n-----END CERTIFICATE-----\n').toString('base64');

/**
 * The documented variants (docs/operating.md, charts/tandem/README.md), by
 * name: each has a golden test/golden/chart/<name>.yaml, passes the schema
 * and carries the standard labels on every object.
 */
export const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  default: [],
  'cert-manager': ['--set', 'certificates.mode=cert-manager'],
  'cert-manager-cluster-issuer': ['--set', 'certificates.mode=cert-manager', '--set-json', 'certificates.certManager.issuerRef={"kind":"ClusterIssuer","name":"corp-ca"}'],
  provided: ['--set', 'certificates.mode=provided', '--set', `webhook.caBundle=${FIXED_CA_BUNDLE}`],
  'webhook-url': ['--set', 'webhook.url=https://127.0.0.1:9443/mutate-pods', '--set', 'certificates.selfManaged.extraNames={127.0.0.1}'],
  'failure-policy-fail': ['--set', 'webhook.failurePolicy=Fail'],
  'reloader-enabled': ['--set', 'reloader.enabled=true'],
  'proxy-enabled': ['--set', 'proxy.enabled=true', '--set', 'proxy.capture.enabled=true'],
  'service-monitor': ['--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.serviceMonitor.labels.release=kube-prometheus-stack'],
  'single-replica-no-metrics': ['--set', 'replicaCount=1', '--set', 'metrics.enabled=false', '--set-json', 'node.flags=[]'],
  'scheduling-and-selectors': [
    '--set-json', 'webhook.objectSelector={"matchExpressions":[{"key":"example.com/no-sidecars","operator":"DoesNotExist"}]}',
    '--set-json', 'tolerations=[{"key":"dedicated","operator":"Equal","value":"platform","effect":"NoSchedule"}]',
    '--set-json', 'nodeSelector={"kubernetes.io/os":"linux"}',
    '--set-json', 'imagePullSecrets=[{"name":"regcred"}]',
    '--set', 'priorityClassName=system-cluster-critical',
    '--set', 'podAnnotations.example\\.com/team=platform',
    '--set', 'podDisruptionBudget.minAvailable=50%',
  ],
};

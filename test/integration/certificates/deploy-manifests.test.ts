// deploy/ and the chart, accepted by the real apiserver: every manifest of
// deploy/ (deploy/crds/ included) with a server-side dry-run, the same through
// kustomize (deploy/Kustomization, `kubectl apply -k`), and the chart
// through `helm install --dry-run=server` in each certificate mode the
// cluster can take (cert-manager's needs its CRDs, absent here: template only).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterTools, kubeconfigPath, kubectl, repoRoot } from '../cluster-env.ts';

const NAMESPACE = 'tandem-system';
const runId = Math.random().toString(36).slice(2, 8);
let createdNamespace = false;

function manifests(dir: string): string[] {
  return readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(repoRoot, dir, name));
}

function helm(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(clusterTools().helm, [...args, '--kubeconfig', kubeconfigPath()], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  // A dry run creates nothing, so the namespace of deploy/tandem.yaml must exist for its namespaced objects.
  if (kubectl(['get', 'namespace', NAMESPACE]).code !== 0) {
    expect(kubectl(['create', 'namespace', NAMESPACE]).code).toBe(0);
    createdNamespace = true;
  }
});

afterAll(() => {
  if (createdNamespace) kubectl(['delete', 'namespace', NAMESPACE, '--wait=false']);
});

describe('deploy/', () => {
  const files = [...manifests('deploy/crds'), ...manifests('deploy')];

  it('has the CRD and the operator manifests', () => {
    expect(files.map((file) => file.slice(repoRoot.length + 1))).toEqual(expect.arrayContaining(['deploy/crds/sidecarset.yaml', 'deploy/tandem.yaml']));
  });

  it.each(files.map((file) => [file.slice(repoRoot.length + 1), file]))('%s is accepted by a server-side dry run', (_name, file) => {
    const result = kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=tandem-tests', '-f', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('kubectl kustomize deploy/ gives the CRD and every object of tandem.yaml, unchanged', () => {
    const kustomized = kubectl(['kustomize', join(repoRoot, 'deploy')]);
    expect(kustomized.stderr).toBe('');
    const byId = (text: string): Record<string, unknown> =>
      Object.fromEntries(
        parseAllDocuments(text)
          .map((document) => document.toJS() as { kind: string; metadata: { name: string; namespace?: string } } | null)
          .filter((object) => object !== null)
          .map((object) => [`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, object]),
      );
    const plain = ['deploy/crds/sidecarset.yaml', 'deploy/tandem.yaml'].map((file) => readFileSync(join(repoRoot, file), 'utf8')).join('\n---\n');
    expect(byId(kustomized.stdout)).toEqual(byId(plain));
    expect(Object.keys(byId(kustomized.stdout))).toContain('CustomResourceDefinition//sidecarsets.tandem.dev');
  });

  it('kubectl apply --server-side -k deploy/ is accepted by a server-side dry run', () => {
    const result = kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=tandem-tests', '-k', join(repoRoot, 'deploy')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('kubectl apply -f deploy/ still works: the Kustomization is not a *.yaml it would try to apply', () => {
    const result = kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager=tandem-tests', '-f', join(repoRoot, 'deploy')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('holds every object of the operator, in self-managed certificate mode', () => {
    const documents = parseAllDocuments(kubectl(['apply', '--dry-run=client', '-o', 'yaml', '-f', join(repoRoot, 'deploy/tandem.yaml')]).stdout);
    const kinds = documents.flatMap((document) => {
      const object = document.toJS() as { kind?: string; items?: { kind: string }[] };
      return object.items?.map((item) => item.kind) ?? [object.kind];
    });
    expect(kinds).toEqual(expect.arrayContaining(['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'Service', 'Deployment', 'PodDisruptionBudget', 'MutatingWebhookConfiguration']));
    expect(kinds.filter((kind) => kind === 'Service')).toHaveLength(2);
    const text = kubectl(['apply', '--dry-run=client', '-o', 'json', '-f', join(repoRoot, 'deploy/tandem.yaml')]).stdout;
    expect(text).toContain('"--certificate-mode=self-managed"');
    expect(text).not.toContain('"caBundle"');
  });
});

describe('Pod Security', () => {
  const namespace = `tandem-pss-${runId}`;
  afterAll(() => {
    kubectl(['delete', 'namespace', namespace, '--wait=false']);
  });

  it('admits the operator pod in a namespace enforcing the restricted profile', () => {
    expect(kubectl(['create', 'namespace', namespace]).code).toBe(0);
    expect(kubectl(['label', 'namespace', namespace, 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/warn=restricted']).code).toBe(0);
    const deployment = parseAllDocuments(readFileSync(join(repoRoot, 'deploy/tandem.yaml'), 'utf8'))
      .map((document) => document.toJS() as { kind?: string; spec?: { template: { spec: Record<string, unknown> } } } | null)
      .find((object) => object?.kind === 'Deployment');
    // The pod exactly as the Deployment makes it, but with the default ServiceAccount (Pod Security does not look at it).
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'tandem-pss', namespace }, spec: { ...deployment!.spec!.template.spec, serviceAccountName: 'default' } };
    const result = kubectl(['create', '--dry-run=server', '-f', '-'], JSON.stringify(pod));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('helm install --dry-run=server', () => {
  it.each([
    ['self-managed', []],
    ['provided', ['--set', `webhook.caBundle=${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64')}`]],
  ] as const)('installs in %s mode', (mode, extra) => {
    const result = helm(['install', `tandem-dry-${runId}`, 'charts/tandem', '--namespace', NAMESPACE, '--dry-run=server', '--set', `certificates.mode=${mode}`, ...extra]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kind: Deployment');
  });

  it('renders cert-manager mode (Issuer, CA, Certificate, inject-ca-from)', () => {
    const result = helm(['template', 'tandem', 'charts/tandem', '--namespace', NAMESPACE, '--set', 'certificates.mode=cert-manager']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cert-manager.io/inject-ca-from: tandem-system/tandem-webhook');
    expect(result.stdout.match(/kind: Certificate\n/g)).toHaveLength(2);
    expect(result.stdout).toContain('--tls-cert-file=/etc/tandem/tls/tls.crt');
  });

  it('passes helm lint', () => {
    const result = helm(['lint', 'charts/tandem']);
    expect(result.code).toBe(0);
  });
});

// The shipped RBAC (deploy/examples/reloader-rbac.yaml) on the real
// apiserver: a ServiceAccount bound to the ClusterRole in its namespace (and
// another bound to the tighter named Role) runs the reloader with a kubeconfig
// holding only its token. It reads its configuration ConfigMap, a ConfigMap, a
// Secret and the EndpointSlices of a Service; a Secret in another namespace is
// refused, and the reloader says which resource and which permission.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { tokenKubeconfig } from '../../integration/support/token-kubeconfig.ts';
import { kubectl, kubectlApply, repoRoot } from '../../integration/cluster-env.ts';
import { freePort } from '../../support/free-port.ts';
import { waitFor } from '../../support/wait.ts';

const RBAC_FILE = join(repoRoot, 'deploy/examples/reloader-rbac.yaml');
const namespace = `reloader-rbac-${process.pid}`;
const other = `reloader-rbac-other-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'tandem-reloader-rbac-'));
const children: ChildProcess[] = [];

interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
  roleRef?: { kind: string; name: string; apiGroup: string };
  rules?: { resources: string[]; verbs: string[]; resourceNames?: string[] }[];
}

/** The shipped documents, moved from the example namespace "web" to this test's namespace. */
function shippedRbac(): Manifest[] {
  return parseAllDocuments(readFileSync(RBAC_FILE, 'utf8')).map((document) => {
    const manifest = document.toJSON() as Manifest;
    if (manifest.metadata.namespace !== undefined) manifest.metadata.namespace = namespace;
    for (const subject of manifest.subjects ?? []) subject.namespace = namespace;
    return manifest;
  });
}

const apply = (manifest: unknown, ns = namespace): void => {
  kubectlApply(manifest as string | object, ns);
};

function reloaderConfig(extraSource = ''): string {
  return `sources:
  settings: { configMap: { name: web-settings } }
  credentials: { secret: { name: web-upstream-credentials } }
  backends: { endpointSlices: { service: web } }
${extraSource}groups:
  app: { wait: { min: 20ms, max: 200ms } }
templates:
  - src: app.liquid
    dest: ${dir}/app.conf
    group: app
    sources: [settings, credentials, backends${extraSource === '' ? '' : ', foreign'}]
`;
}

const template = 'greeting={{ sources.settings.greeting }} password={{ sources.credentials.password }}{% for b in sources.backends %} {{ b.address }}{% endfor %}';

function configMap(name: string, data: Record<string, string>): unknown {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}


function reloaderArgs(kubeconfig: string, extra: readonly string[]): string[] {
  return [join(repoRoot, 'operator/cli/main.ts'), 'reloader', '--config-map', 'web-reloader', '--kubeconfig', kubeconfig, ...extra];
}

async function readyz(port: number): Promise<{ status: number; reasons: string[] }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, reasons: ((await response.json()) as { reasons: string[] }).reasons };
}

describe('the shipped reloader RBAC, with a real ServiceAccount token', () => {
  beforeAll(() => {
    for (const ns of [namespace, other]) expect(kubectl(['create', 'namespace', ns]).code).toBe(0);
    for (const manifest of shippedRbac()) apply(manifest);
    for (const account of ['web', 'web-named']) apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account } });
    // The shipped file has no binding for its named Role: a team writes one like this.
    apply({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'tandem-reloader-named' },
      subjects: [{ kind: 'ServiceAccount', name: 'web-named', namespace }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tandem-reloader-named' },
    });
    apply(configMap('web-settings', { greeting: 'hello' }));
    apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-upstream-credentials' }, stringData: { password: 's3cret' } });
    apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] } });
    apply({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
      addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }], endpoints: [{ addresses: ['10.1.0.7'], conditions: { ready: true } }],
    });
    apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'foreign' }, stringData: { token: 'not yours' } }, other);
    apply(configMap('web-reloader', { 'reloader.yaml': reloaderConfig(), 'app.liquid': template }));
  });

  afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
    for (const ns of [namespace, other]) kubectl(['delete', 'namespace', ns, '--wait=false']);
  });

  it('grants no more than list and watch on configmaps, secrets and endpointslices', () => {
    const rules = shippedRbac().find((manifest) => manifest.kind === 'ClusterRole')?.rules ?? [];
    expect(rules.map((rule) => `${rule.resources.join(',')}: ${rule.verbs.join(',')}`)).toEqual([
      'configmaps: list,watch',
      'secrets: list,watch',
      'endpointslices: list,watch',
    ]);
    const can = (verb: string, resource: string, ns = namespace): string =>
      kubectl(['auth', 'can-i', verb, resource, '-n', ns, `--as=system:serviceaccount:${namespace}:web`]).stdout.trim();
    expect([can('list', 'secrets'), can('get', 'secrets'), can('list', 'secrets', other), can('list', 'pods')]).toEqual(['yes', 'no', 'no', 'no']);
  });

  it('is enough for the configuration ConfigMap, a ConfigMap, a Secret and EndpointSlices; a Secret elsewhere fails naming resource and permission', async () => {
    const port = await freePort();
    let logs = '';
    const child = spawn(process.execPath, reloaderArgs(tokenKubeconfig('web', namespace, dir), ['--listen', `127.0.0.1:${port}`]), { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    await waitFor('the reloader to be ready', async () => ((await readyz(port).catch(() => undefined))?.status === 200 ? true : undefined), 30_000);
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe('greeting=hello password=s3cret 10.1.0.7:8080');

    // Its configuration is watched with the same grant: point a source at another namespace.
    const foreign = `  foreign: { secret: { name: foreign, namespace: ${other} } }\n`;
    apply(configMap('web-reloader', { 'reloader.yaml': reloaderConfig(foreign), 'app.liquid': `${template} {{ sources.foreign.token }}` }));
    const reasons = await waitFor('the refusal', async () => {
      const answer = await readyz(port);
      return answer.reasons.some((reason) => reason.startsWith('source foreign') && reason.includes('forbidden')) ? answer.reasons : undefined;
    });
    expect(reasons.join('\n')).toContain(
      `source foreign: not read yet (GET /api/v1/namespaces/${other}/secrets: HTTP 403: secrets "foreign" is forbidden: User "system:serviceaccount:${namespace}:web" cannot list resource "secrets" in API group "" in the namespace "${other}")`,
    );
    // The group waits for that source: the files stay as they were.
    expect(readFileSync(join(dir, 'app.conf'), 'utf8')).toBe('greeting=hello password=s3cret 10.1.0.7:8080');
    await waitFor('the log line', () => (logs.includes('cannot list resource \\"secrets\\"') ? true : undefined), 5_000);
  });

  it('the tighter named Role (resourceNames) is enough too', () => {
    apply(configMap('web-reloader', { 'reloader.yaml': reloaderConfig().replace(`${dir}/app.conf`, `${dir}/named.conf`), 'app.liquid': template }));
    const once = spawnSync(process.execPath, reloaderArgs(tokenKubeconfig('web-named', namespace, dir), ['--once', '--sync-timeout', '20']), { encoding: 'utf8', timeout: 60_000 });
    expect(`${once.stdout}${once.stderr}`).toContain('files rendered');
    expect(once.status).toBe(0);
    expect(readFileSync(join(dir, 'named.conf'), 'utf8')).toBe('greeting=hello password=s3cret 10.1.0.7:8080');
  });
});

// Where the suite finds its cluster. The suite only needs a kubeconfig: by
// default the local control plane of test/cluster/, or any cluster (kind...)
// when TANDEM_TEST_KUBECONFIG names its kubeconfig.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '../..');
export const stateDir = join(repoRoot, '.cluster');

export function kubeconfigPath(): string {
  return process.env.TANDEM_TEST_KUBECONFIG ?? join(stateDir, 'kubeconfig');
}

/** Paths of the pinned kubectl and helm, as test/cluster/env.sh exports them. */
export function clusterTools(): { kubectl: string; helm: string } {
  const result = spawnSync('bash', ['-c', 'source test/cluster/env.sh && echo "$TANDEM_KUBECTL" && echo "$TANDEM_HELM"'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const [kubectl, helm] = result.stdout.trim().split('\n');
  if (result.status !== 0 || kubectl === undefined || helm === undefined) {
    throw new Error(`cannot source test/cluster/env.sh: ${result.stderr}`);
  }
  return { kubectl, helm };
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the pinned kubectl against the test cluster. */
export function kubectl(args: readonly string[], input?: string): CommandResult {
  const result = spawnSync(clusterTools().kubectl, ['--kubeconfig', kubeconfigPath(), ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Server-side apply of manifests (YAML or JSON text, or one object), in
 * `namespace` when given, as the field manager tandem-tests; throws with
 * kubectl's message when it fails.
 */
export function kubectlApply(manifest: string | object, namespace?: string): void {
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const result = kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=tandem-tests', ...(namespace !== undefined ? ['-n', namespace] : []), '-f', '-'], text);
  if (result.code !== 0) throw new Error(`kubectl apply failed (exit ${result.code}): ${result.stderr || result.stdout}`);
}

/**
 * Installs this checkout's CRD (server-side apply: the cluster may hold an
 * older one, whose schema would prune fields) and waits until SidecarSets can
 * be used: Established, and served by discovery, which the apiserver updates a
 * moment later (until then kubectl says "no matches for kind"). The global
 * set-up calls it, so no test file depends on another having run first.
 */
export function installCrd(): void {
  const result = kubectl(['apply', '--server-side', '--force-conflicts', '-f', join(repoRoot, 'crds/sidecarset.yaml')]);
  if (result.code !== 0) throw new Error(`cannot install the CRD: ${result.stderr}`);
  const deadline = Date.now() + 60_000;
  for (;;) {
    // Right after a first create, kubectl wait fails at once ("accessor error") until the CRD has conditions at all.
    const established = kubectl(['wait', '--for=condition=Established', '--timeout=30s', 'crd/sidecarsets.tandem.dev']);
    const served = established.code === 0 ? kubectl(['get', 'sidecarsets.v1alpha1.tandem.dev', '--request-timeout=10s']) : established;
    if (served.code === 0) return;
    if (Date.now() > deadline) throw new Error(`SidecarSets are not served yet: ${served.stderr}`);
    spawnSync('sleep', ['0.2']);
  }
}

/** Builds one of test/cluster/'s Go tools (build.sh envoy-validate | istio-iptables; cached) and returns its path. */
export function buildTestTool(tool: 'envoy-validate' | 'istio-iptables'): string {
  const build = spawnSync('bash', [join(repoRoot, 'test/cluster/build.sh'), tool], { encoding: 'utf8', timeout: 600_000 });
  if (build.status !== 0) throw new Error(`build.sh ${tool} failed:\n${build.stderr}`);
  return build.stdout.trim();
}

// The real node of the local cluster (test/cluster/real-node.sh, ADR 0040):
// where it is, how a pod asks to run on it, and the project's images loaded
// into its containerd. No jest here: the benchmarks use it too (tests use
// describe-on-real-node.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl, repoRoot, stateDir, type CommandResult } from '../../../integration/cluster-env.ts';

export interface RealNode {
  readonly name: string;
  /** The node's InternalIP (the node end of its link). */
  readonly ip: string;
  /** The host end of the link, where the apiserver listens for the node. */
  readonly hostIp: string;
  readonly podCidr: string;
  /** The taint (and label) that only pods asking for the real node tolerate. */
  readonly taint: string;
  readonly containerdAddress: string;
  readonly ctr: string;
  /** The kubelet's cgroup root (in every hierarchy). */
  readonly cgroup: string;
}

/** The cluster's state file as KEY=value pairs (empty when no cluster runs). */
export function clusterState(): Map<string, string> {
  const file = join(stateDir, 'state.env');
  const state = new Map<string, string>();
  if (!existsSync(file)) return state;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) state.set(match[1], match[2]);
  }
  return state;
}

/** The running cluster's real node, or why it has none. */
export function findRealNode(): RealNode | { readonly absent: string } {
  const state = clusterState();
  const value = (key: string): string => state.get(key) ?? '';
  if (value('TANDEM_NODE_SLOT') === '') {
    return { absent: value('TANDEM_REAL_NODE_ABSENT_BECAUSE') || `no cluster state in ${stateDir}` };
  }
  return {
    name: value('TANDEM_REAL_NODE'),
    ip: value('TANDEM_NODE_IP'),
    hostIp: value('TANDEM_NODE_HOST_IP'),
    podCidr: value('TANDEM_NODE_POD_CIDR'),
    taint: value('TANDEM_NODE_TAINT'),
    containerdAddress: value('TANDEM_CONTAINERD_ADDRESS'),
    ctr: value('TANDEM_CTR'),
    cgroup: `tandem-${value('TANDEM_NODE_SLOT')}`,
  };
}

/** The pod spec fields that put a pod on the real node (and only there). */
export function onRealNode(node: RealNode): { tolerations: Record<string, string>[]; nodeSelector: Record<string, string> } {
  return {
    tolerations: [{ key: node.taint, operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    nodeSelector: { [node.taint]: 'true' },
  };
}

export interface ProjectImage {
  readonly name: string;
  /** The reference pods use, e.g. ghcr.io/tandem-dev/tandem:0.1.0. */
  readonly ref: string;
  readonly archive: string;
  /** The manifest digest: what a pod pins (`REF@DIGEST`). */
  readonly digest: string;
  /** The config digest: what the kubelet reports in imageID for an imported image (it has no repository digest). */
  readonly config: string;
}

/** Builds (or reuses) one of the project's images with scripts/build-image.ts. */
export function buildImage(name: string): ProjectImage {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build-image.ts'), name], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 1_200_000,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = build.stdout.trim().split('\n').pop() ?? '';
  if (build.status !== 0) throw new Error(`scripts/build-image.ts ${name} failed (exit ${build.status})`);
  return JSON.parse(last) as ProjectImage;
}

/** Builds one of the project's images and imports it into the node's containerd (kubelet's namespace). */
export function loadImage(node: RealNode, name: string): ProjectImage {
  const image = buildImage(name);
  const imported = ctr(node, ['images', 'import', image.archive]);
  if (imported.code !== 0) throw new Error(`ctr images import ${image.archive} failed: ${imported.stderr}`);
  return image;
}

export function ctr(node: RealNode, args: readonly string[]): CommandResult {
  const result = spawnSync(node.ctr, ['--address', node.containerdAddress, '--namespace', 'k8s.io', ...args], { encoding: 'utf8', timeout: 300_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** kubectl exec into one container; throws with its output when the command fails. */
export function execIn(namespace: string, pod: string, container: string, argv: readonly string[]): string {
  const result = kubectl(['exec', '-n', namespace, pod, '-c', container, '--', ...argv]);
  if (result.code !== 0) throw new Error(`kubectl exec ${pod} -c ${container} -- ${argv.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A container's cgroup folder in one v1 hierarchy (e.g. "memory", "cpu,cpuacct") under the kubelet's root (cgroupfs layout: the folder is the container ID). */
export function containerCgroup(node: RealNode, hierarchy: string, containerId: string): string {
  const root = `/sys/fs/cgroup/${hierarchy}/${node.cgroup}`;
  const id = containerId.replace(/^containerd:\/\//, '');
  const dir = findDirectory(root, id);
  if (dir === undefined) throw new Error(`no ${hierarchy} cgroup ${id} under ${root}`);
  return dir;
}

function findDirectory(root: string, name: string): string | undefined {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(root, entry.name);
    if (entry.name === name) return path;
    const found = findDirectory(path, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

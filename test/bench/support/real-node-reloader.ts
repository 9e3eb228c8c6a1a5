// The real-node part of `npm run bench:reloader`: the seed's pod
// (scripts/demo/seed-pod.yaml, injected with the shipped reloader SidecarSet
// by `tandem inject`, the webhook's engine) on the local cluster's real node,
// and beside it what users have without a reloader: the same ConfigMap
// mounted as a volume, which the kubelet refreshes on its own schedule.
//
// - reloader: from the apiserver's answer to a ConfigMap patch to nginx
//   serving the new value (through the watch, the render, SIGHUP through the
//   shared PID namespace and the HTTP verify);
// - kubelet volume: from the same patch to nginx serving the mounted file's
//   new content (nginx reads the file per request, so this is the kubelet's
//   propagation alone; an app would still need a restart to apply it);
// - the reloader container's memory as the kubelet accounts it (its memory
//   cgroup: working set = usage - inactive file), and its process's private
//   and shared memory (a node running many injected pods pays the image's
//   shared pages once).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { kubectl, repoRoot } from '../../integration/cluster-env.ts';
import { httpGetText, podOf, untilDeploymentReady, type RunningPod } from '../../e2e/real-node/support/pods.ts';
import { containerCgroup, findRealNode, loadImage, onRealNode, type RealNode } from '../../e2e/real-node/support/real-node.ts';
import { mustSucceed } from '../../integration/support/cluster-objects.ts';

const NAMESPACE = 'bench-reloader';

export interface RealNodeReloaderResult {
  readonly reloader: { readonly changes: number; readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number };
  readonly kubeletVolume: { readonly changes: number; readonly p50Ms: number; readonly maxMs: number };
  readonly memory: {
    /** The reloader container's cgroup, idle: usage minus inactive file (what the kubelet reports as working set). */
    readonly workingSetMb: number;
    readonly cgroupRssMb: number;
    readonly cgroupCacheMb: number;
    /**
     * The node process's resident memory: anonymous (heap, stacks: what each
     * pod pays) and file-backed (the image's node binary and bundle: page
     * cache that every container of the same image layer on a node shares).
     */
    readonly rssMb: number;
    readonly anonMb: number;
    readonly fileMb: number;
  };
}

/** Undefined (and why on stderr) when the cluster has no real node. */
export async function measureOnRealNode(options: { changes: number; volumeChanges: number; idleSeconds: number }): Promise<RealNodeReloaderResult | undefined> {
  const node = findRealNode();
  if ('absent' in node) {
    console.error(`no real node (${node.absent}): skipping the real-node runs`);
    return undefined;
  }
  const nginx = loadImage(node, 'nginx');
  loadImage(node, 'tandem');
  setUp(node, nginx.ref);
  try {
    await untilDeploymentReady(NAMESPACE, 'seed', 300_000);
    await untilDeploymentReady(NAMESPACE, 'volume', 300_000);
    const seed = podOf(NAMESPACE, 'app=seed');
    const volume = podOf(NAMESPACE, 'app=volume');
    await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
    const memory = reloaderMemory(node, seed);
    const reloader = await timeChanges(options.changes, (value) => { patchGreeting('seed-settings', value); }, () => httpGetText(`http://${seed.ip}:8080/`), (value) => `${value}\n`);
    const kubelet = await timeChanges(options.volumeChanges, (value) => { patchGreeting('volume-settings', value); }, () => httpGetText(`http://${volume.ip}:8080/greeting`), (value) => value);
    return {
      reloader: { changes: reloader.length, p50Ms: percentile(reloader, 50), p99Ms: percentile(reloader, 99), maxMs: Math.round(reloader.at(-1) ?? Number.NaN) },
      kubeletVolume: { changes: kubelet.length, p50Ms: percentile(kubelet, 50), maxMs: Math.round(kubelet.at(-1) ?? Number.NaN) },
      memory,
    };
  } finally {
    kubectl(['delete', 'namespace', NAMESPACE, '--wait=false']);
  }
}

function setUp(node: RealNode, nginxImage: string): void {
  kubectl(['delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=true']);
  mustSucceed(kubectl(['create', 'namespace', NAMESPACE]), 'create namespace');
  mustSucceed(kubectl(['apply', '-f', '-'], shippedClusterRole()), 'apply the reloader ClusterRole');
  mustSucceed(kubectl(['apply', '--server-side', '-f', join(repoRoot, 'crds/sidecarset.yaml')]), 'install the CRD');
  const seed = readFileSync(join(repoRoot, 'scripts/demo/seed-pod.yaml'), 'utf8').replaceAll('NGINX_IMAGE', nginxImage).replaceAll('namespace: seed', `namespace: ${NAMESPACE}`);
  // The webhook's engine, offline: the same injection the apiserver would get.
  const injected = spawnSync(process.execPath, [join(repoRoot, 'operator/cli/main.ts'), 'inject', '-f', '-', '--sidecarsets', join(repoRoot, 'deploy/examples/reloader-sidecarset.yaml')], {
    input: seed,
    encoding: 'utf8',
  });
  if (injected.status !== 0) throw new Error(`tandem inject failed: ${injected.stderr}`);
  mustSucceed(kubectl(['apply', '-f', '-'], injected.stdout), 'apply the injected seed pod');
  mustSucceed(kubectl(['apply', '-f', '-'], volumeWorkload(node, nginxImage)), 'apply the volume pod');
}

function shippedClusterRole(): string {
  const documents = parseAllDocuments(readFileSync(join(repoRoot, 'deploy/examples/reloader-rbac.yaml'), 'utf8')).map((d) => d.toJSON() as { kind: string });
  return JSON.stringify(documents.find((d) => d.kind === 'ClusterRole'));
}

/** The seed's nginx without a reloader: the ConfigMap mounted, nginx serving the mounted file. */
function volumeWorkload(node: RealNode, nginxImage: string): string {
  const conf =
    'pid /tmp/nginx.pid; error_log stderr; events {} http { access_log off; client_body_temp_path /tmp/body; proxy_temp_path /tmp/proxy; ' +
    'fastcgi_temp_path /tmp/fastcgi; uwsgi_temp_path /tmp/uwsgi; scgi_temp_path /tmp/scgi; server { listen 8080; location / { root /etc/settings; default_type text/plain; } } }';
  const objects = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'volume-settings', namespace: NAMESPACE }, data: { greeting: 'hello' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'volume-nginx', namespace: NAMESPACE }, data: { 'nginx.conf': conf } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'volume', namespace: NAMESPACE },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'volume' } },
        template: {
          metadata: { labels: { app: 'volume' } },
          spec: {
            ...onRealNode(node),
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'nginx',
                image: nginxImage,
                imagePullPolicy: 'Never',
                args: ['nginx', '-c', '/etc/nginx-conf/nginx.conf', '-g', 'daemon off;'],
                volumeMounts: [
                  { name: 'settings', mountPath: '/etc/settings', readOnly: true },
                  { name: 'conf', mountPath: '/etc/nginx-conf', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'settings', configMap: { name: 'volume-settings' } },
              { name: 'conf', configMap: { name: 'volume-nginx' } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    },
  ];
  return objects.map((object) => stringify(object)).join('---\n');
}

function patchGreeting(configMap: string, value: string): void {
  mustSucceed(kubectl(['patch', 'configmap', configMap, '-n', NAMESPACE, '--type=merge', '-p', JSON.stringify({ data: { greeting: value } })]), `patch ${configMap}`);
}

/** Sorted milliseconds from each write's answer to the first request that sees it. */
async function timeChanges(count: number, write: (value: string) => void, read: () => Promise<string>, expected: (value: string) => string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const value = `change-${i}-${Date.now()}`;
    write(value);
    const written = performance.now();
    for (;;) {
      const body = await read().catch(() => '');
      if (body === expected(value)) break;
      if (performance.now() - written > 180_000) throw new Error(`the change ${value} was not served within 180 s`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    samples.push(performance.now() - written);
  }
  return samples.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);
}

/** The reloader container's memory cgroup (cgroup v1, the kubelet's cgroupfs layout) and its process. */
function reloaderMemory(node: RealNode, pod: RunningPod): RealNodeReloaderResult['memory'] {
  const status = [...(pod.object.status.initContainerStatuses ?? []), ...(pod.object.status.containerStatuses ?? [])].find((s) => s.name === 'tandem-reloader');
  const id = (status as { containerID?: string } | undefined)?.containerID;
  if (id === undefined) throw new Error('no container ID for tandem-reloader');
  const dir = containerCgroup(node, 'memory', id);
  const stat = new Map(readFileSync(join(dir, 'memory.stat'), 'utf8').trim().split('\n').map((line) => [line.split(' ')[0] ?? '', Number(line.split(' ')[1])]));
  const usage = Number(readFileSync(join(dir, 'memory.usage_in_bytes'), 'utf8'));
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const pid = readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim().split('\n')[0] ?? '';
  const procStatus = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+([0-9]+) kB`, 'm').exec(procStatus)?.[1] ?? Number.NaN) * 1024;
  return {
    workingSetMb: mb(usage - (stat.get('total_inactive_file') ?? 0)),
    cgroupRssMb: mb(stat.get('total_rss') ?? Number.NaN),
    cgroupCacheMb: mb(stat.get('total_cache') ?? Number.NaN),
    rssMb: mb(kb('VmRSS')),
    anonMb: mb(kb('RssAnon')),
    fileMb: mb(kb('RssFile') + kb('RssShmem')),
  };
}

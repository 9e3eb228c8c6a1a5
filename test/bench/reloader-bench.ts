// npm run bench:reloader — the reloader in front of real nginx, as in the
// e2e test (shared PID namespace, SIGHUP), in the two realistic set-ups:
//   etcd: an etcd key prefix on a real etcd (confd's scenario);
//   kube: a ConfigMap and the EndpointSlices of a Service on the local
//         control plane (test/cluster; skipped when it is not running),
//         the configuration itself in a ConfigMap, as in a pod.
// For each, over CHANGES changes: the time from the write (etcd put, or the
// API server's answer to a ConfigMap/EndpointSlice update) to nginx serving
// the new value (p50, p99); the reloader's idle RSS (VmRSS, with its private
// and file-backed parts) and CPU; CPU per reload.
//
// What runs: the bundle an image runs (npm run build; `dist/bundle/main.js
// reloader`, scripts/bundle.ts) with the node flags the SidecarSet passes;
// the tsc output (`dist/operator/cli/main.js reloader`: main loads only the
// reloader's modules) with and without those flags; and the .ts sources
// through Node's type stripping (development).
// BENCH_REPEAT=n repeats each run (default 1); BENCH_RUNS=name,name picks runs.
// The machine is shared: the load average before and after each run is
// reported beside its figures. The last line printed is one JSON object.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { loadKubeAccess, type KubeAccess } from '../../operator/kube/reloader-kube-access.ts';
import { kubeconfigPath, kubectl } from '../integration/cluster-env.ts';
import { measureOnRealNode } from './support/real-node-reloader.ts';
import {
  childOf,
  findEtcd,
  freePort,
  httpGet,
  missingPrerequisite,
  startEtcd,
  startPod,
  until,
  type EtcdServer,
  type Pod,
} from '../e2e/reloader/support/pod-sandbox.ts';

const CHANGES = 50;
const IDLE_SECONDS = 10;
const CLOCK_TICKS = 100;
/** The flags docs/reloader.md recommends for the sidecar (docs/adr/0011-reloader-memory.md). */
const RECOMMENDED_FLAGS = ['--lite-mode', '--max-semi-space-size=1'];
const repoRoot = join(import.meta.dirname, '../..');
const builtEntry = join(repoRoot, 'dist/operator/cli/main.js');
const tsEntry = join(repoRoot, 'operator/cli/main.ts');
/** What the image runs (scripts/bundle.ts, part of npm run build). */
const bundleEntry = join(repoRoot, 'dist/bundle/main.js');

type SourceKind = 'etcd' | 'kube';

interface Run {
  readonly name: string;
  readonly source: SourceKind;
  readonly argv: readonly string[];
}

interface RunResult {
  readonly name: string;
  readonly source: SourceKind;
  readonly command: string;
  readonly latencyMs?: { p50: number; p99: number; max: number };
  readonly idle: { rssMb: number; rssMaxMb: number; anonMb: number; fileMb: number; cpuPercent: number };
  readonly rssAfterChangesMb?: number;
  readonly reloads?: number;
  readonly cpuMsPerReload?: number;
  readonly loadAverage: { before: number; after: number };
}

const missing = missingPrerequisite();
const etcdBinary = findEtcd(repoRoot);
if (missing !== undefined || etcdBinary === undefined) {
  console.error(`reloader bench cannot run: ${missing ?? 'no etcd binary (bash test/cluster/build.sh builds one; or set TANDEM_ETCD)'}`);
  process.exit(2);
}
const built = existsSync(builtEntry) && statSync(builtEntry).mtimeMs >= statSync(join(repoRoot, 'operator/cli/reloader-command.ts')).mtimeMs;
if (!built) console.error('dist/ is missing or older than the sources: run npm run build; measuring the .ts sources only');
const kubeUp = existsSync(kubeconfigPath()) && kubectl(['get', '--raw', '/readyz']).code === 0;
if (!kubeUp) console.error('the local control plane is not running (bash test/cluster/up.sh): skipping the kube runs');

function runs(): Run[] {
  const all: Run[] = [];
  for (const source of ['etcd', 'kube'] as const) {
    if (built) {
      all.push({ name: `bundle+flags/${source}`, source, argv: [...RECOMMENDED_FLAGS, bundleEntry] });
      all.push({ name: `built+flags/${source}`, source, argv: [...RECOMMENDED_FLAGS, builtEntry] });
      all.push({ name: `built/${source}`, source, argv: [builtEntry] });
    }
    all.push({ name: `ts/${source}`, source, argv: [tsEntry] });
  }
  const only = process.env.BENCH_RUNS?.split(',');
  return all.filter((run) => (run.source === 'etcd' || kubeUp) && (only === undefined || only.includes(run.name)));
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function memoryMb(pid: number): { rss: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+([0-9]+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field('VmRSS'), anon: field('RssAnon'), file: field('RssFile') + field('RssShmem') };
}

const loadAverage = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const round1 = (value: number): number => Math.round(value * 10) / 10;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function metric(port: number, name: string): Promise<number> {
  const text = (await httpGet(`http://127.0.0.1:${port}/metrics`)).body;
  const line = text.split('\n').find((candidate) => candidate.startsWith(name));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What one source kind needs: its reloader.yaml sources, a change to make, and clean-up. */
interface Fixture {
  readonly sources: string;
  readonly extraArgs: readonly string[];
  /** Makes change i; resolves when the source has accepted it; returns the path and body nginx will serve. */
  change(i: number): Promise<{ path: string; body: string }>;
  readonly initial: { path: string; body: string };
  /** Publishes the reloader's configuration (reloader.yaml + template) and returns the flags that name it. */
  configArgs(dir: string, files: Readonly<Record<string, string>>): readonly string[];
  close(): void;
}

/** A --config file with its template beside it (the etcd run). */
function configFiles(dir: string, files: Readonly<Record<string, string>>): readonly string[] {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return ['--config', join(dir, 'reloader.yaml')];
}

async function etcdFixture(dir: string): Promise<Fixture> {
  const etcd: EtcdServer = await startEtcd(join(dir, 'etcd'), etcdBinary ?? '');
  const client = new Etcd3({ hosts: etcd.endpoint });
  await client.put('/app/route').value('v-0');
  return {
    sources: `  routes: { etcd: { endpoints: ["${etcd.endpoint}"], prefix: /app/ } }\n`,
    extraArgs: [],
    initial: { path: '/route', body: 'v-0' },
    configArgs: configFiles,
    change: async (i) => {
      await client.put('/app/route').value(`v-${i}`);
      return { path: '/route', body: `v-${i}` };
    },
    close: () => {
      client.close();
      etcd.stop();
    },
  };
}

function slice(i: number): string {
  return JSON.stringify({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: [{ addresses: [`10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`], conditions: { ready: true } }],
  });
}

function configMap(i: number): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { greeting: `hello-${i}` } });
}

async function put(access: KubeAccess, path: string, body: string): Promise<void> {
  const options = await access.requestOptions();
  await new Promise<void>((resolve, reject) => {
    const req = request(new URL(path, access.server), { ...options, method: 'PUT', headers: { ...(options.headers as Record<string, string>), 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => {
        if (response.statusCode === 200) resolve();
        else reject(new Error(`PUT ${path}: HTTP ${response.statusCode}`));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function kubeFixture(): Promise<Fixture> {
  const namespace = `reloader-bench-${process.pid}-${Date.now() % 100_000}`;
  if (kubectl(['create', 'namespace', namespace]).code !== 0) throw new Error(`cannot create namespace ${namespace}`);
  const apply = (manifest: string): void => {
    const result = kubectl(['apply', '-n', namespace, '-f', '-'], manifest);
    if (result.code !== 0) throw new Error(`kubectl apply: ${result.stderr}`);
  };
  apply(configMap(0));
  apply(`apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ name: http, port: 80 }] }\n`);
  apply(slice(0));
  const access = await loadKubeAccess({ path: kubeconfigPath() });
  const base = `/api/v1/namespaces/${namespace}`;
  return {
    sources: '  settings: { configMap: { name: settings } }\n  backends: { endpointSlices: { service: web, port: http } }\n',
    extraArgs: ['--kubeconfig', kubeconfigPath(), '--namespace', namespace],
    initial: { path: '/greeting', body: 'hello-0' },
    // As in a pod: the configuration in a ConfigMap, which the reloader also watches.
    configArgs: (_dir, files) => {
      apply(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'reloader' }, data: files }));
      return ['--config-map', 'reloader'];
    },
    // Alternately the ConfigMap and the EndpointSlice.
    change: async (i) => {
      if (i % 2 === 1) {
        await put(access, `${base}/configmaps/settings`, configMap(i));
        return { path: '/greeting', body: `hello-${i}` };
      }
      await put(access, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices/web-1`, slice(i));
      return { path: '/backends', body: `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}:8080` };
    },
    close: () => {
      access.close();
      kubectl(['delete', 'namespace', namespace, '--wait=false']);
    },
  };
}

function template(dir: string, port: number): string {
  return `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  server {
    listen 127.0.0.1:${port};
    location = /route { return 200 "{{ sources.routes | get: "/app/route" | default: "none" }}"; }
    location = /greeting { return 200 "{{ sources.settings | get: "greeting" | default: "none" }}"; }
    location = /backends { return 200 "{% for e in sources.backends %}{{ e.address }}{% unless forloop.last %} {% endunless %}{% endfor %}"; }
  }
}
`;
}

async function measure(run: Run): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-reloader-bench-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  mkdirSync(join(dir, 'conf'));
  mkdirSync(join(dir, 'tmp'));
  // A template may only name sources that exist: drop the lines of the other kind.
  const lines = template(dir, port).split('\n').filter((line) => (run.source === 'etcd' ? !/settings|backends/.test(line) : !line.includes('routes')));
  const fixture = run.source === 'etcd' ? await etcdFixture(dir) : await kubeFixture();
  const configArgs = fixture.configArgs(dir, {
    'nginx.conf.liquid': lines.join('\n'),
    'reloader.yaml': `sources:
${fixture.sources}groups:
  nginx:
    wait: { min: 50ms, max: 500ms }
    reload: { process: { name: nginx } }
templates:
  - src: nginx.conf.liquid
    dest: ${dir}/conf/nginx.conf
    group: nginx
    check: [nginx, -t, -q, -c, "{{ src }}"]
`,
  });
  let pod: Pod | undefined;
  let reloader: ChildProcess | undefined;
  const loadBefore = loadAverage();
  try {
    pod = await startPod();
    reloader = pod.exec([
      process.execPath, ...run.argv,
      'reloader', ...configArgs, '--listen', `127.0.0.1:${metricsPort}`, '--log-level', 'warn', ...fixture.extraArgs,
    ]);
    reloader.stderr?.pipe(process.stderr);
    const nsenterPid = reloader.pid ?? -1;
    const reloaderPid = await until('the reloader process', () => childOf(nsenterPid), 10_000);
    await until('the first render', async () => ((await httpGet(`http://127.0.0.1:${metricsPort}/startupz`)).status === 200 ? true : undefined), 30_000);
    pod.exec(['nginx', '-c', join(dir, 'conf/nginx.conf'), '-g', 'daemon off;']);
    const { path: firstPath, body: firstBody } = fixture.initial;
    await until('nginx', async () => ((await httpGet(`http://127.0.0.1:${port}${firstPath}`)).body === firstBody ? true : undefined));

    // Idle: after start-up settles, nothing changes for IDLE_SECONDS; RSS sampled every second.
    await sleep(2_000);
    const idleStart = cpuTicks(reloaderPid);
    let rssMax = 0;
    for (let second = 0; second < IDLE_SECONDS; second += 1) {
      await sleep(1_000);
      rssMax = Math.max(rssMax, memoryMb(reloaderPid).rss);
    }
    const idleCpuPercent = ((cpuTicks(reloaderPid) - idleStart) / CLOCK_TICKS / IDLE_SECONDS) * 100;
    const idleMemory = memoryMb(reloaderPid);
    const idle = { rssMb: round1(idleMemory.rss), rssMaxMb: round1(rssMax), anonMb: round1(idleMemory.anon), fileMb: round1(idleMemory.file), cpuPercent: Math.round(idleCpuPercent * 100) / 100 };
    const command = ['node', ...run.argv.map((arg) => arg.replace(`${repoRoot}/`, ''))].join(' ');

    const reloadsBefore = await metric(metricsPort, 'tandem_reloader_reloads_total{group="nginx",result="success"}');
    const cpuBefore = cpuTicks(reloaderPid);
    const latencies: number[] = [];
    for (let i = 1; i <= CHANGES; i += 1) {
      const start = performance.now();
      const { path, body } = await fixture.change(i);
      await until(`nginx to serve ${body}`, async () => ((await httpGet(`http://127.0.0.1:${port}${path}`)).body === body ? true : undefined), 10_000);
      latencies.push(performance.now() - start);
      // Apart enough that each change is its own reload (a burst would coalesce).
      await sleep(100);
    }
    const cpuSeconds = (cpuTicks(reloaderPid) - cpuBefore) / CLOCK_TICKS;
    const reloads = (await metric(metricsPort, 'tandem_reloader_reloads_total{group="nginx",result="success"}')) - reloadsBefore;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      name: run.name,
      source: run.source,
      command,
      latencyMs: { p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? Number.NaN) },
      idle,
      rssAfterChangesMb: round1(memoryMb(reloaderPid).rss),
      reloads,
      cpuMsPerReload: Math.round((cpuSeconds * 1000) / Math.max(1, reloads)),
      loadAverage: { before: loadBefore, after: loadAverage() },
    };
  } finally {
    pod?.destroy();
    fixture.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? '1'));
const results: RunResult[] = [];
for (const run of runs()) {
  for (let attempt = 0; attempt < repeat; attempt += 1) {
    const result = await measure(run);
    results.push(result);
    const latency = result.latencyMs === undefined ? 'idle only' : `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${result.cpuMsPerReload} ms CPU/reload (${result.reloads} reloads)`;
    console.log(`${run.name.padEnd(22)} idle RSS ${result.idle.rssMb} MB (max ${result.idle.rssMaxMb}; private ${result.idle.anonMb}, file-backed ${result.idle.fileMb}), idle CPU ${result.idle.cpuPercent}%; ${latency}; load ${result.loadAverage.before}->${result.loadAverage.after}`);
  }
}

function summary(name: string): { rssMb: { min: number; max: number }; p99Ms?: { min: number; max: number } } | undefined {
  const mine = results.filter((result) => result.name === name);
  if (mine.length === 0) return undefined;
  const rss = mine.map((result) => result.idle.rssMb);
  const p99 = mine.flatMap((result) => (result.latencyMs === undefined ? [] : [result.latencyMs.p99]));
  return {
    rssMb: { min: Math.min(...rss), max: Math.max(...rss) },
    ...(p99.length > 0 ? { p99Ms: { min: Math.min(...p99), max: Math.max(...p99) } } : {}),
  };
}

// The seed's pod on the real node, when the cluster has one (BENCH_RUNS may leave it out with "-real-node").
const realNode = process.env.BENCH_RUNS?.includes('-real-node') === true ? undefined : await measureOnRealNode({ changes: 20, volumeChanges: 5, idleSeconds: IDLE_SECONDS });
if (realNode !== undefined) {
  console.log(
    `real node: ConfigMap edit -> nginx serving it: reloader p50 ${realNode.reloader.p50Ms} ms, p99 ${realNode.reloader.p99Ms} ms (${realNode.reloader.changes} edits); ` +
      `mounted ConfigMap (the kubelet alone) p50 ${realNode.kubeletVolume.p50Ms} ms, max ${realNode.kubeletVolume.maxMs} ms (${realNode.kubeletVolume.changes} edits); ` +
      `reloader container working set ${realNode.memory.workingSetMb} MB (cgroup rss ${realNode.memory.cgroupRssMb} MB); its process RSS ${realNode.memory.rssMb} MB: ` +
      `${realNode.memory.anonMb} MB anonymous (per pod), ${realNode.memory.fileMb} MB the image's files (shared by the node's pods of that image)`,
  );
}

const names = [...new Set(results.map((result) => result.name))];
const summaries = Object.fromEntries(names.map((name) => [name, summary(name)]));
const headline = names.filter((name) => name.startsWith('bundle+flags/'));
const targets = {
  p99Under1s: results.every((result) => result.latencyMs === undefined || result.latencyMs.p99 < 1000),
  idleRssUnder60Mb: Object.fromEntries(headline.map((name) => [name, (summaries[name]?.rssMb.max ?? Number.POSITIVE_INFINITY) < 60])),
  // Issue 14: the reloader as the kubelet accounts it, idle, with HTTP verify on.
  ...(realNode !== undefined ? { realNodeWorkingSetUnder50Mb: realNode.memory.workingSetMb < 50 } : {}),
};
console.log(JSON.stringify({ bench: 'reloader', changes: CHANGES, wait: { minMs: 50, maxMs: 500 }, repeat, recommendedFlags: RECOMMENDED_FLAGS, summaries, targets, runs: results, realNode }));
// Keep-alive sockets of the etcd client may linger: do not wait for them.
process.exit(0);

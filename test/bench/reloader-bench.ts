// npm run bench:reloader — the reloader in front of real nginx, as in the
// e2e test (shared PID namespace, SIGHUP), fed by a real etcd (confd's
// scenario). Measures, over 50 changes, the time from the etcd put to nginx
// serving the new value; the reloader's idle RSS and CPU; CPU per reload.
// The last line printed is one JSON object.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import {
  childOf,
  findEtcd,
  freePort,
  httpGet,
  missingPrerequisite,
  startEtcd,
  startPod,
  until,
} from '../e2e/reloader/support/pod-sandbox.ts';

const CHANGES = 50;
const IDLE_SECONDS = 10;
const CLOCK_TICKS = 100;
const repoRoot = join(import.meta.dirname, '../..');

const missing = missingPrerequisite();
const etcdBinary = findEtcd(repoRoot);
if (missing !== undefined || etcdBinary === undefined) {
  console.error(`reloader bench cannot run: ${missing ?? 'no etcd binary (bash test/cluster/build.sh builds one; or set TANDEM_ETCD)'}`);
  process.exit(2);
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  const match = /^VmRSS:\s+([0-9]+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) / 1024;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function metric(port: number, name: string): Promise<number> {
  const text = (await httpGet(`http://127.0.0.1:${port}/metrics`)).body;
  const line = text.split('\n').find((candidate) => candidate.startsWith(name));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(join(tmpdir(), 'tandem-reloader-bench-'));
const [port, metricsPort] = [await freePort(), await freePort()];
mkdirSync(join(dir, 'conf'));
mkdirSync(join(dir, 'tmp'));
writeFileSync(
  join(dir, 'nginx.conf.liquid'),
  `worker_processes 1;
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
  }
}
`,
);
const etcd = await startEtcd(join(dir, 'etcd'), etcdBinary);
const client = new Etcd3({ hosts: etcd.endpoint });
await client.put('/app/route').value('v-0');
writeFileSync(
  join(dir, 'reloader.yaml'),
  `sources:
  routes: { etcd: { endpoints: ["${etcd.endpoint}"], prefix: /app/ } }
groups:
  nginx:
    wait: { min: 50ms, max: 500ms }
    reload: { process: { name: nginx } }
templates:
  - src: nginx.conf.liquid
    dest: ${dir}/conf/nginx.conf
    group: nginx
    check: [nginx, -t, -q, -c, "{{ src }}"]
`,
);

const pod = await startPod();
let reloader: ChildProcess | undefined;
try {
  reloader = pod.exec([
    process.execPath,
    join(repoRoot, 'test/e2e/reloader/support/tandem-reloader.ts'),
    'reloader', '--config', join(dir, 'reloader.yaml'), '--listen', `127.0.0.1:${metricsPort}`, '--log-level', 'warn',
  ]);
  reloader.stderr?.pipe(process.stderr);
  const nsenterPid = reloader.pid ?? -1;
  const reloaderPid = await until('the reloader process', () => childOf(nsenterPid), 10_000);
  await until('the first render', async () => ((await httpGet(`http://127.0.0.1:${metricsPort}/startupz`)).status === 200 ? true : undefined), 30_000);
  pod.exec(['nginx', '-c', join(dir, 'conf/nginx.conf'), '-g', 'daemon off;']);
  await until('nginx', async () => ((await httpGet(`http://127.0.0.1:${port}/route`)).body === 'v-0' ? true : undefined));

  // Idle: after start-up settles, nothing changes for IDLE_SECONDS.
  await sleep(2_000);
  const idleStart = cpuTicks(reloaderPid);
  await sleep(IDLE_SECONDS * 1000);
  const idleCpuPercent = ((cpuTicks(reloaderPid) - idleStart) / CLOCK_TICKS / IDLE_SECONDS) * 100;
  const idleRssMb = rssMb(reloaderPid);

  const reloadsBefore = await metric(metricsPort, 'tandem_reloader_reloads_total{group="nginx",result="success"}');
  const cpuBefore = cpuTicks(reloaderPid);
  const latencies: number[] = [];
  for (let i = 1; i <= CHANGES; i += 1) {
    const value = `v-${i}`;
    const start = performance.now();
    await client.put('/app/route').value(value);
    await until(`nginx to serve ${value}`, async () => ((await httpGet(`http://127.0.0.1:${port}/route`)).body === value ? true : undefined), 10_000);
    latencies.push(performance.now() - start);
    // Apart enough that each change is its own reload (a burst would coalesce).
    await sleep(100);
  }
  const cpuSeconds = (cpuTicks(reloaderPid) - cpuBefore) / CLOCK_TICKS;
  const reloads = (await metric(metricsPort, 'tandem_reloader_reloads_total{group="nginx",result="success"}')) - reloadsBefore;
  const peakRssMb = rssMb(reloaderPid);

  const sorted = [...latencies].sort((a, b) => a - b);
  const result = {
    bench: 'reloader',
    source: 'etcd',
    changes: CHANGES,
    wait: { minMs: 50, maxMs: 500 },
    latencyMs: { p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? Number.NaN) },
    idle: { rssMb: Math.round(idleRssMb * 10) / 10, cpuPercent: Math.round(idleCpuPercent * 100) / 100, seconds: IDLE_SECONDS },
    rssAfterChangesMb: Math.round(peakRssMb * 10) / 10,
    reloads,
    cpuMsPerReload: Math.round((cpuSeconds * 1000) / Math.max(1, reloads)),
    targets: { p99Under1s: percentile(sorted, 99) < 1000, idleRssUnder60Mb: idleRssMb < 60 },
  };
  console.log(`latency source change -> nginx serving it over ${CHANGES} changes: p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms (wait min 50 ms)`);
  console.log(`reloader idle: RSS ${result.idle.rssMb} MB, CPU ${result.idle.cpuPercent}% over ${IDLE_SECONDS} s; CPU per reload ${result.cpuMsPerReload} ms (${reloads} reloads, incl. nginx -t check)`);
  console.log(JSON.stringify(result));
} finally {
  client.close();
  pod.destroy();
  etcd.stop();
  rmSync(dir, { recursive: true, force: true });
}

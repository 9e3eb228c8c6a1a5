// Admission as the apiserver sees it: `npm run bench:admission`.
//
// Pod creations through the real apiserver of the local cluster
// (test/cluster/up.sh, kwok nodes), `dryRun=All` so nothing is stored, at
// fixed concurrency (vegeta closed loop, 16 in flight, HTTP/2 with the admin's
// client certificate, as client-go talks to the apiserver), four ways in
// one run, in rounds that alternate them:
// - none: no webhook is registered for these pods;
// - canned: a bare node:https webhook that reads the review and answers
//   `allowed` with the request's UID (the floor any webhook pays);
// - replay: the same bare webhook answering Tandem's own patch (its answer to
//   the first pod, replayed with each pod's token volume name): the floor of
//   an injecting webhook, since the apiserver then admits, validates and
//   returns the bigger, injected pod;
// - tandem: `tandem webhook` run as the chart runs Tandem (the built entry
//   point with the chart's node.flags, test/bench/support/what-users-run.ts;
//   BENCH_TANDEM_ENTRY=sources and BENCH_TANDEM_NODE_FLAGS=... run something
//   else), in static mode, injecting two SidecarSets (deploy/examples/sidecarsets.yaml and
//   reloader-sidecarset.yaml), logging at info to a file.
// Both webhooks are registered with the chart's MutatingWebhookConfiguration
// (helm template, webhook.url), each narrowed by objectSelector to its own
// pods, so their settings are the same. Every answer is checked: 201, a Pod,
// and for tandem one that is injected.
//
// Figures per way: pods/s and the client-side create latency (p50, p99),
// and, from the apiserver's /metrics over the same window, its own POST pods
// latency (apiserver_request_duration_seconds, p50/p99 interpolated in its
// buckets) and the webhook's share (apiserver_admission_webhook_admission_duration_seconds:
// calls per pod and mean; its buckets start at 5 ms, so no quantiles).
// The webhooks' own CPU per pod is read from /proc. Targets (issue 14):
// tandem >= 0.9x canned's pods/s, <= 2 ms added p50 and <= 5 ms added p99
// over canned; the same against replay is printed too.
//
// BENCH_TANDEM_MAIN: another checkout's operator/cli/main.ts for the tandem
// way (a before/after comparison; node's default flags). Prints a table, then, LAST, one JSON line.
// Role (internal): --role canned (the bare webhook).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAllDocuments } from 'yaml';
import { stopChild, writeLoopbackCertificate } from './bench-support.ts';
import { cpuSeconds, ensureVegeta, round, runVegeta, writeTargets, type LoadResult } from './vegeta-load.ts';
import { commandFor, type NodeCommand } from './support/what-users-run.ts';

const ROOT = join(import.meta.dirname, '../..');
const THIS_FILE = import.meta.filename;
const WAYS = ['none', 'canned', 'replay', 'tandem'] as const;
type Way = (typeof WAYS)[number];
const WAY_LABEL = 'tandem.bench/way';

const settings = {
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 2000),
  durationMs: Number(process.env.BENCH_DURATION_MS ?? 6000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
};

// ---------------------------------------------------------------------------
// The cluster

interface Cluster {
  readonly apiServer: string;
  readonly caFile: string;
  readonly admin: { readonly certFile: string; readonly keyFile: string };
  readonly kubectl: string;
  readonly helm: string;
  readonly kubeconfig: string;
  readonly apiServerPid: number;
}

function runSync(command: string, args: readonly string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Starts the local cluster when it is not running (up.sh leaves a healthy one alone). */
function cluster(): Cluster {
  runSync('bash', [join(ROOT, 'test/cluster/up.sh')]);
  const state = Object.fromEntries(
    readFileSync(join(ROOT, '.cluster/state.env'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
  const pki = state.TANDEM_PKI_DIR ?? '';
  const pids = readFileSync(join(ROOT, '.cluster/pids'), 'utf8');
  // Lines of `name pid binary`.
  const apiServerPid = Number(/^kube-apiserver (\d+) /m.exec(pids)?.[1]);
  return {
    apiServer: state.TANDEM_API_SERVER ?? '',
    caFile: join(pki, 'ca.crt'),
    admin: { certFile: join(pki, 'admin.crt'), keyFile: join(pki, 'admin.key') },
    kubectl: state.TANDEM_KUBECTL ?? '',
    helm: state.TANDEM_HELM ?? '',
    kubeconfig: state.KUBECONFIG ?? '',
    apiServerPid,
  };
}

function kubectl(c: Cluster, args: readonly string[], input?: string): string {
  return runSync(c.kubectl, ['--kubeconfig', c.kubeconfig, ...args], input);
}

/** The chart's registration (url mode) for one way's pods, under its own configuration and webhook name. */
function registration(c: Cluster, way: Way, runId: string, target: { url: string; caPem: string }): Record<string, unknown> {
  const { url, caPem } = target;
  const rendered = runSync(c.helm, [
    'template', `tandem-bench-${runId}-${way}`, join(ROOT, 'charts/tandem'),
    '--namespace', 'tandem-system',
    '--set', `webhook.url=${url}`,
    '--set', `webhook.caBundle=${Buffer.from(caPem).toString('base64')}`,
    '--set-json', `webhook.objectSelector=${JSON.stringify({ matchLabels: { [WAY_LABEL]: `${runId}-${way}` } })}`,
    '--show-only', 'templates/mutating-webhook-configuration.yaml',
  ]);
  const configuration = parseAllDocuments(rendered)
    .map((document) => document.toJS() as Record<string, unknown> | null)
    .find((document) => document?.kind === 'MutatingWebhookConfiguration');
  if (configuration === undefined || configuration === null) throw new Error('helm template gave no MutatingWebhookConfiguration');
  // The apiserver's admission metrics are labelled by webhook name.
  for (const webhook of configuration.webhooks as { name: string }[]) webhook.name = `${way}.bench.tandem.dev`;
  return configuration;
}

// ---------------------------------------------------------------------------
// The pods

/** A pod as a ReplicaSet creates it, before admission (the apiserver adds the token volume). */
function podBody(runId: string, way: Way, namespace: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: 'web-7d4b9c8f6-',
      namespace,
      labels: { app: 'web', mesh: 'enabled', 'pod-template-hash': '7d4b9c8f6', [WAY_LABEL]: `${runId}-${way}` },
      annotations: { 'tandem.dev/inject': 'true' },
    },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/shop/web:2.4.1',
          ports: [{ name: 'http', containerPort: 8080 }],
          env: [{ name: 'LOG_LEVEL', value: 'info' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
          securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
        },
      ],
      terminationGracePeriodSeconds: 30,
    },
  });
}

// ---------------------------------------------------------------------------
// The apiserver's metrics

type Metrics = Map<string, number>;

function scrape(c: Cluster): Metrics {
  const text = kubectl(c, ['get', '--raw', '/metrics']);
  const values: Metrics = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('apiserver_admission_webhook_admission_duration_seconds') && !line.startsWith('apiserver_request_duration_seconds')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** Bucket upper bounds (s) and cumulative counts of the series whose labels contain every `labels` pair, summed. */
function histogram(metrics: Metrics, name: string, labels: readonly string[]): { buckets: [number, number][]; count: number; sum: number } {
  const matches = (key: string): boolean => labels.every((label) => key.includes(label));
  const byBound = new Map<number, number>();
  let count = 0;
  let sum = 0;
  for (const [key, value] of metrics) {
    if (!matches(key)) continue;
    if (key.startsWith(`${name}_bucket{`)) {
      const bound = /le="([^"]+)"/.exec(key)?.[1];
      const at = bound === '+Inf' ? Number.POSITIVE_INFINITY : Number(bound);
      byBound.set(at, (byBound.get(at) ?? 0) + value);
    } else if (key.startsWith(`${name}_count{`)) count += value;
    else if (key.startsWith(`${name}_sum{`)) sum += value;
  }
  return { buckets: [...byBound].sort((a, b) => a[0] - b[0]), count, sum };
}

function delta(after: Metrics, before: Metrics): Metrics {
  return new Map([...after].map(([key, value]) => [key, value - (before.get(key) ?? 0)]));
}

/** A quantile (ms) by linear interpolation inside the bucket it falls in, as Prometheus' histogram_quantile. */
function quantileMs(buckets: readonly [number, number][], q: number): number {
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return Number.NaN;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [bound, cumulative] of buckets) {
    if (cumulative >= rank) {
      if (!Number.isFinite(bound)) return lower * 1000;
      return (lower + ((bound - lower) * (rank - below)) / Math.max(1, cumulative - below)) * 1000;
    }
    lower = bound;
    below = cumulative;
  }
  return lower * 1000;
}

interface ServerSide {
  readonly createP50Ms: number;
  readonly createP99Ms: number;
  readonly webhookCalls: number;
  readonly webhookCallsPerPod: number;
  readonly webhookMeanMs: number;
}

function serverSide(window: Metrics, way: Way, pods: number): ServerSide {
  const create = histogram(window, 'apiserver_request_duration_seconds', ['verb="POST"', 'resource="pods"', 'dry_run="All"', 'subresource=""']);
  const webhook = histogram(window, 'apiserver_admission_webhook_admission_duration_seconds', [`name="${way}.bench.tandem.dev"`, 'type="admit"']);
  return {
    createP50Ms: round(quantileMs(create.buckets, 0.5), 1),
    createP99Ms: round(quantileMs(create.buckets, 0.99), 1),
    webhookCalls: webhook.count,
    webhookCallsPerPod: round(webhook.count / Math.max(1, pods), 2),
    webhookMeanMs: webhook.count === 0 ? 0 : round((webhook.sum / webhook.count) * 1000, 2),
  };
}

// ---------------------------------------------------------------------------
// The webhooks

/**
 * The canned webhooks: read the review, answer allowed for its UID. With
 * --replay URL, also Tandem's patch: Tandem's own answer to the first review
 * (fetched from URL), replayed for every review with only the pod's
 * service-account token volume name (kube-api-access-<random>) substituted.
 */
function runCannedServer(): void {
  const argument = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
  const cert = readFileSync(argument('--cert') ?? '');
  const replay = argument('--replay');
  let recorded: Promise<{ patch: string; token: string | undefined }> | undefined;
  const answer = async (review: string): Promise<string> => {
    const uid = /"uid":"([^"]*)"/.exec(review)?.[1] ?? '';
    if (replay === undefined) return `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"${uid}","allowed":true}}`;
    recorded ??= tandemPatch(replay, review, cert);
    const { patch, token } = await recorded;
    const own = TOKEN_VOLUME.exec(review)?.[0];
    const replayed = token === undefined || own === undefined ? patch : patch.replaceAll(token, own);
    return `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"${uid}","allowed":true,"patchType":"JSONPatch","patch":"${Buffer.from(replayed).toString('base64')}"}}`;
  };
  const counts = { connections: 0, requests: 0 };
  // Tandem's keep-alive settings (operator/webhook/webhook-server.ts).
  const server = createServer({ cert, key: readFileSync(argument('--key') ?? ''), minVersion: 'TLSv1.2', keepAlive: true, keepAliveTimeout: 120_000 }, (req, res) => {
    counts.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void answer(Buffer.concat(chunks).toString('utf8')).then((text) => {
        const body = Buffer.from(text);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      });
    });
  });
  server.on('secureConnection', () => {
    counts.connections++;
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);
  });
  // How often the apiserver opened a TLS connection for a call, for the report.
  process.on('SIGUSR2', () => {
    process.stdout.write(`${JSON.stringify(counts)}\n`);
  });
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
}

const TOKEN_VOLUME = /kube-api-access-[a-z0-9]+/;

/** Tandem's answer to `review`: its JSON Patch (decoded) and the token volume name it was computed for. */
function tandemPatch(url: string, review: string, ca: Buffer): Promise<{ patch: string; token: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const patch = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { response?: { patch?: string } }).response?.patch;
        if (patch === undefined) reject(new Error('Tandem answered the first review without a patch'));
        else resolve({ patch: Buffer.from(patch, 'base64').toString('utf8'), token: TOKEN_VOLUME.exec(review)?.[0] });
      });
    });
    req.on('error', reject);
    req.end(review);
  });
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logFile: string;
}

/** A canned server's TLS connections and requests so far (it prints them on SIGUSR2). */
async function connectionCounts(server: Started): Promise<{ connections: number; requests: number }> {
  server.child.kill('SIGUSR2');
  await sleep(200);
  const lines = readFileSync(server.logFile, 'utf8').split('\n').filter((line) => line.includes('"connections"'));
  return JSON.parse(lines.at(-1) ?? '{"connections":0,"requests":0}') as { connections: number; requests: number };
}

/** Spawns node with `args`, output to `logFile`, and waits for a JSON line that gives its port. */
async function startNode(args: readonly string[], logFile: string, port: (line: Record<string, unknown>) => number | undefined): Promise<Started> {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', out, out], env: { ...process.env, NODE_OPTIONS: '' } });
  closeSync(out);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      const found = port(JSON.parse(line) as Record<string, unknown>);
      if (found !== undefined) return { child, port: found, logFile };
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`node ${args.join(' ')} did not start:\n${readFileSync(logFile, 'utf8')}`);
}


/** Waits until a dry-run create of `way`'s pod comes back as `accept` wants (the apiserver picks registrations up asynchronously). */
async function untilActive(c: Cluster, body: string, accept: (pod: { metadata: { labels?: Record<string, string> } }) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const pod = JSON.parse(kubectl(c, ['create', '--dry-run=server', '-o', 'json', '-f', '-'], body)) as { metadata: { labels?: Record<string, string> } };
    if (accept(pod)) return;
    await sleep(250);
  }
  throw new Error('a webhook registration did not take effect within 30 s');
}

// ---------------------------------------------------------------------------
// The run

interface WayResult extends LoadResult {
  readonly server: ServerSide;
  /** CPU the way's webhook process spent per pod created (warm-up included, like the metrics' window). */
  readonly webhookCpuUsPerPod: number;
  /** Canned webhooks: TLS connections the apiserver opened per call (0: it kept reusing its connections). */
  readonly newConnectionsPerCall?: number;
}

/** BENCH_TANDEM_MAIN for a before/after comparison, else what users run. */
function tandemCommandLine(): NodeCommand {
  const main = process.env.BENCH_TANDEM_MAIN;
  return main === undefined ? commandFor('BENCH_TANDEM') : { argv: [main], described: `node ${main}` };
}

async function main(): Promise<void> {
  const tandemCommand = tandemCommandLine();
  const loadBefore = loadavg();
  const c = cluster();
  const vegeta = ensureVegeta();
  const runId = Date.now().toString(36).slice(-5);
  const namespace = `bench-admission-${runId}`;
  const dir = mkdtempSync(join(tmpdir(), 'tandem-admission-bench-'));
  const children: ChildProcess[] = [];
  const configurations: string[] = [];
  try {
    kubectl(c, ['create', 'namespace', namespace]);
    const tls = writeLoopbackCertificate(dir);
    const caPem = readFileSync(tls.certFile, 'utf8');
    const canned = await startNode([THIS_FILE, '--role', 'canned', '--cert', tls.certFile, '--key', tls.keyFile], join(dir, 'canned.log'), (line) => (typeof line.port === 'number' ? line.port : undefined));
    children.push(canned.child);
    const examples = join(ROOT, 'deploy/examples');
    const tandem = await startNode(
      [...tandemCommand.argv, 'webhook', '--listen', '127.0.0.1:0', '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--sidecarsets', join(examples, 'sidecarsets.yaml'), '--sidecarsets', join(examples, 'reloader-sidecarset.yaml'), '--log-level', 'info'],
      join(dir, 'tandem.log'),
      (line) => (line.msg === 'webhook server listening' ? Number(/:(\d+)$/.exec(String(line.address))?.[1]) : undefined),
    );
    children.push(tandem.child);
    const replay = await startNode(
      [THIS_FILE, '--role', 'canned', '--cert', tls.certFile, '--key', tls.keyFile, '--replay', `https://127.0.0.1:${tandem.port}/mutate-pods`],
      join(dir, 'replay.log'),
      (line) => (typeof line.port === 'number' ? line.port : undefined),
    );
    children.push(replay.child);
    const servers = { canned, replay, tandem };
    for (const [way, port] of [['canned', canned.port], ['replay', replay.port], ['tandem', tandem.port]] as const) {
      const path = way === 'tandem' ? '/mutate-pods' : '/';
      const configuration = registration(c, way, runId, { url: `https://127.0.0.1:${port}${path}`, caPem });
      kubectl(c, ['apply', '--server-side', '--field-manager=tandem-bench', '-f', '-'], JSON.stringify(configuration));
      configurations.push((configuration.metadata as { name: string }).name);
    }
    const bodies = Object.fromEntries(WAYS.map((way) => [way, podBody(runId, way, namespace)])) as Record<Way, string>;
    await untilActive(c, bodies.tandem, (pod) => pod.metadata.labels?.['tandem.dev/injected'] === 'true');
    await untilActive(c, bodies.canned, () => true);
    await untilActive(c, bodies.replay, (pod) => pod.metadata.labels?.['tandem.dev/injected'] === 'true');

    const url = `${c.apiServer}/api/v1/namespaces/${namespace}/pods?dryRun=All`;
    const results: Record<Way, WayResult[]> = { none: [], canned: [], replay: [], tandem: [] };
    for (let roundIndex = 0; roundIndex < settings.rounds; roundIndex++) {
      for (const way of WAYS) {
        const targets = join(dir, `targets-${way}.jsonl`);
        writeTargets(targets, url, [bodies[way]]);
        const before = scrape(c);
        const webhookPid = way === 'none' ? undefined : servers[way].child.pid;
        const webhookCpuBefore = webhookPid === undefined ? 0 : cpuSeconds(webhookPid);
        const countsBefore = way === 'canned' || way === 'replay' ? await connectionCounts(servers[way]) : undefined;
        const load = await runVegeta(
          {
            vegeta,
            targetsFile: targets,
            caFile: c.caFile,
            clientCertificate: c.admin,
            http2: true,
            serverPid: c.apiServerPid,
            concurrency: settings.concurrency,
            connections: settings.concurrency,
            warmupMs: settings.warmupMs,
            durationMs: settings.durationMs,
            expect: { status: 201, contains: ['"kind":"Pod"', ...(way === 'tandem' || way === 'replay' ? ['"tandem.dev/injected":"true"'] : [])], knownUid: false },
            resultsFile: join(dir, `results-${way}.bin`),
          },
          new Set(),
        );
        // The window of the metrics includes the warm-up: their ratios and quantiles, not their counts, are compared.
        const window = delta(scrape(c), before);
        const created = histogram(window, 'apiserver_request_duration_seconds', ['verb="POST"', 'resource="pods"', 'dry_run="All"', 'subresource=""']).count;
        const webhookCpu = webhookPid === undefined ? 0 : cpuSeconds(webhookPid) - webhookCpuBefore;
        const countsAfter = way === 'canned' || way === 'replay' ? await connectionCounts(servers[way]) : undefined;
        const connections =
          countsBefore === undefined || countsAfter === undefined
            ? {}
            : { newConnectionsPerCall: round((countsAfter.connections - countsBefore.connections) / Math.max(1, countsAfter.requests - countsBefore.requests), 3) };
        results[way].push({ ...load, server: serverSide(window, way, created), webhookCpuUsPerPod: Math.round((webhookCpu * 1e6) / Math.max(1, created)), ...connections });
      }
    }
    report(results, loadBefore, tandemCommand.described);
  } finally {
    for (const name of configurations) kubectl(c, ['delete', 'mutatingwebhookconfiguration', name, '--ignore-not-found']);
    kubectl(c, ['delete', 'namespace', namespace, '--ignore-not-found', '--wait=false']);
    for (const child of children) await stopChild(child);
    if (process.env.BENCH_KEEP_DIR === undefined) rmSync(dir, { recursive: true, force: true });
    else writeFileSync(join(process.env.BENCH_KEEP_DIR, 'admission-bench-dir'), dir);
  }
}

function report(results: Record<Way, WayResult[]>, loadBefore: readonly number[], tandemCommand: string): void {
  console.log(`${settings.concurrency} in flight, ${settings.durationMs / 1000} s per way and round after ${settings.warmupMs / 1000} s warm-up, ${settings.rounds} rounds; dryRun=All`);
  console.log(`${'way'.padEnd(7)} round  pods/s  p50 ms  p99 ms  errors | apiserver POST pods p50/p99 ms | webhook calls/pod, mean ms, CPU µs/pod | cores: apiserver, all others`);
  for (const way of WAYS) {
    results[way].forEach((r, index) => {
      console.log(
        `${way.padEnd(7)} ${String(index + 1).padStart(5)} ${String(r.perSecond).padStart(7)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.errors).padStart(7)} | ${String(r.server.createP50Ms).padStart(13)} / ${String(r.server.createP99Ms).padEnd(14)} | ${String(r.server.webhookCallsPerPod).padStart(10)}, ${String(r.server.webhookMeanMs).padStart(6)}, ${String(r.webhookCpuUsPerPod).padEnd(11)} | ${r.serverCores}, ${r.otherCores}`,
      );
    });
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  const of = (way: Way, pick: (r: WayResult) => number): number => median(results[way].map(pick));
  const comparison = {
    tandemToCannedPodsPerSecond: round(of('tandem', (r) => r.perSecond) / of('canned', (r) => r.perSecond), 2),
    addedP50Ms: round(of('tandem', (r) => r.p50Ms) - of('canned', (r) => r.p50Ms), 2),
    addedP99Ms: round(of('tandem', (r) => r.p99Ms) - of('canned', (r) => r.p99Ms), 2),
    cannedToNonePodsPerSecond: round(of('canned', (r) => r.perSecond) / of('none', (r) => r.perSecond), 2),
    tandemToReplayPodsPerSecond: round(of('tandem', (r) => r.perSecond) / of('replay', (r) => r.perSecond), 2),
    addedP50OverReplayMs: round(of('tandem', (r) => r.p50Ms) - of('replay', (r) => r.p50Ms), 2),
    addedP99OverReplayMs: round(of('tandem', (r) => r.p99Ms) - of('replay', (r) => r.p99Ms), 2),
  };
  const targets = {
    podsPerSecond: comparison.tandemToCannedPodsPerSecond >= 0.9,
    addedP50: comparison.addedP50Ms <= 2,
    addedP99: comparison.addedP99Ms <= 5,
  };
  console.log(
    `tandem / canned: ${comparison.tandemToCannedPodsPerSecond}x pods/s (target >= 0.9: ${targets.podsPerSecond ? 'met' : 'MISSED'}), ` +
      `+${comparison.addedP50Ms} ms p50 (target <= 2: ${targets.addedP50 ? 'met' : 'MISSED'}), +${comparison.addedP99Ms} ms p99 (target <= 5: ${targets.addedP99 ? 'met' : 'MISSED'}); ` +
      `canned / none: ${comparison.cannedToNonePodsPerSecond}x pods/s`,
  );
  console.log(
    `tandem / replay (the same patch, canned): ${comparison.tandemToReplayPodsPerSecond}x pods/s, +${comparison.addedP50OverReplayMs} ms p50, +${comparison.addedP99OverReplayMs} ms p99`,
  );
  const machine = { cpus: availableParallelism(), loadavgBefore: loadBefore.map((value) => round(value, 1)), loadavgAfter: loadavg().map((value) => round(value, 1)), node: process.version };
  console.log(`load average ${machine.loadavgBefore.join(' ')} before, ${machine.loadavgAfter.join(' ')} after`);
  console.log(`tandem: ${tandemCommand}`);
  console.log(JSON.stringify({ bench: 'admission', tandemCommand, settings, machine, results, comparison, targets }));
}

if (process.argv.includes('--role')) runCannedServer();
else await main();

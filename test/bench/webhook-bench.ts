// Webhook benchmark: `npm run bench:webhook` (or `make bench-webhook`).
//
// 1. Pure injection cost per pod, in this process: injectPod + JSON Patch,
//    with 1, 10 and 1000 SidecarSets (two of which match) and for a 64 KiB pod.
// 2. Over HTTPS on 127.0.0.1 with keep-alive: the real webhook (the `tandem
//    webhook` command in a child process, logging at info to a file as in a
//    cluster) against a CEILING measured in the same run: a bare node:https
//    server in another child that reads the same requests and answers a
//    canned copy of the webhook's own answer; and, to show where the gap
//    goes, the same bare server that also JSON.parses each request, and one
//    that runs the webhook's own mutatePod on it (its work without its
//    server around it). Load comes from vegeta (vegeta-load.ts), so
//    no server shares its event loop or much of its CPU with the client:
//    closed loop at fixed concurrency for the maximum rate, then open loop
//    (fixed arrival rate, latency from when each request was due) at half
//    the webhook's maximum, against the webhook and the ceiling.
//
// The webhook runs as the chart runs the operator: the built entry point
// (built when dist/ is stale) with the chart's node.flags;
// BENCH_WEBHOOK_ENTRY=sources and BENCH_WEBHOOK_NODE_FLAGS=... (empty: node's
// defaults) measure something else (support/what-users-run.ts).
// Prints human-readable lines, then, LAST, one JSON line with every figure.
// Role (internal): --role bare (the servers the webhook is compared with).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { computeJsonPatch } from '../../operator/admission/compute-json-patch.ts';
import { parsePodAdmissionReview, type RawPod } from '../../operator/admission/parse-pod-admission-review.ts';
import type { SidecarSet } from '../../operator/api/sidecar-set.ts';
import { injectPod } from '../../operator/injection/inject-pod.ts';
import { mutatePod } from '../../operator/admission/mutate-pod.ts';
import { commandFor } from './support/what-users-run.ts';
import { podCreateReview, stopChild, writeLoopbackCertificate } from './bench-support.ts';
import { ensureVegeta, round, runVegeta, uidsOf, writeTargets, type AnswerCheck, type LoadResult } from './vegeta-load.ts';
import { freePort } from '../support/free-port.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const THIS_FILE = fileURLToPath(import.meta.url);
const KUBE_VERSION = { major: 1, minor: 33 };

const settings = {
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
  sockets: Number(process.env.BENCH_SOCKETS ?? 32),
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 1500),
  durationMs: Number(process.env.BENCH_DURATION_MS ?? 5000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
};

// ---------------------------------------------------------------------------
// Realistic inputs

/** A pod as a ReplicaSet creates it: generateName, owner, service account volume, managedFields. */
function realisticPod(index: number): RawPod {
  const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/admission-review/pod-create.json'), 'utf8')) as {
    request: { object: RawPod };
  };
  const pod = fixture.request.object;
  pod.metadata!.generateName = `web-7d4b9c8f6-${index.toString(36)}`;
  return pod;
}

/** `count` SidecarSets; the first two match the pod (a proxy and a log shipper), the rest select other apps. */
function sidecarSets(count: number): SidecarSet[] {
  const sets: SidecarSet[] = [];
  for (let index = 0; index < count; index++) {
    const name = `set-${String(index).padStart(4, '0')}`;
    if (index === 0) sets.push(proxySet(name));
    else if (index === 1) sets.push(loggerSet(name));
    else {
      sets.push({
        apiVersion: 'tandem.dev/v1alpha1',
        kind: 'SidecarSet',
        metadata: { name },
        spec: {
          selector: { matchLabels: { app: `service-${index}` } },
          containers: [{ name: `helper-${index}`, image: `example.com/helper-${index}:1.0.0` }],
        },
      });
    }
  }
  return sets;
}

function proxySet(name: string): SidecarSet {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      containers: [
        {
          name: 'proxy',
          image: 'example.com/mesh/proxy:1.24.3',
          args: ['proxy', '--listen=:15001', '--admin=:15000', '--log-level=warn'],
          ports: [{ name: 'proxy-admin', containerPort: 15000, protocol: 'TCP' }],
          env: [
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          ],
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
          readinessProbe: { httpGet: { path: '/ready', port: 15000 }, periodSeconds: 5 },
          securityContext: { runAsNonRoot: true, runAsUser: 1337, allowPrivilegeEscalation: false },
        },
      ],
      podMetadata: { annotations: { 'mesh.example.com/proxy-port': '15001' } },
    },
  };
}

function loggerSet(name: string): SidecarSet {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name },
    spec: {
      selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
      containers: [
        {
          name: 'log-shipper',
          image: 'example.com/logging/shipper:3.1.0',
          volumeMounts: [{ name: 'app-logs', mountPath: '/var/log/app', readOnly: true }],
          resources: { requests: { cpu: '10m', memory: '32Mi' } },
        },
      ],
      volumes: [{ name: 'app-logs', emptyDir: {} }],
      podMetadata: { labels: { 'logging.example.com/shipped': 'true' } },
    },
  };
}

/** The realistic pod grown to about 64 KiB: five containers with long environments, a big last-applied annotation. */
function largePod(): RawPod {
  const pod = realisticPod(0);
  const app = pod.spec!.containers[0]!;
  pod.spec!.containers = Array.from({ length: 5 }, (_, c) => ({
    ...structuredClone(app),
    name: c === 0 ? 'app' : `worker-${c}`,
    env: Array.from({ length: 80 }, (_, e) => ({ name: `SETTING_${c}_${e}`, value: `value-${e}-${'x'.repeat(60)}` })),
  }));
  pod.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration'] = JSON.stringify({ blob: 'y'.repeat(12_000) });
  return pod;
}

function admissionReview(pod: RawPod, uid: string): string {
  return JSON.stringify(podCreateReview(pod, { uid, namespace: 'shop' }));
}

// ---------------------------------------------------------------------------
// Pure cost per pod

interface Cost {
  readonly meanUs: number;
  readonly p99Us: number;
  readonly iterations: number;
}

/** Runs `work` for at least minMs (and at most maxIterations) after a warm-up; mean and p99 per call. */
function measure(work: () => void, minMs = 1500, maxIterations = 200_000): Cost {
  for (let index = 0; index < 300; index++) work();
  const samples = new Float64Array(maxIterations);
  const started = performance.now();
  let count = 0;
  while (count < maxIterations && performance.now() - started < minMs) {
    const before = performance.now();
    work();
    samples[count++] = performance.now() - before;
  }
  const total = performance.now() - started;
  const sorted = samples.subarray(0, count).sort();
  return { meanUs: (total * 1000) / count, p99Us: (sorted[Math.floor(count * 0.99)] ?? 0) * 1000, iterations: count };
}

function injectAndPatch(pod: RawPod, sets: readonly SidecarSet[]): () => void {
  return () => {
    const result = injectPod({ pod, namespaceLabels: {}, sidecarSets: sets, options: { kubeVersion: KUBE_VERSION } });
    if (result.changed) computeJsonPatch(pod, result.pod);
  };
}

/** Everything the handler does between the body bytes and the answer bytes, minus HTTP. */
function wholeAdmission(body: string, sets: readonly SidecarSet[]): () => void {
  return () => {
    const parsed = parsePodAdmissionReview(JSON.parse(body));
    if (parsed.outcome !== 'create') throw new Error('bench body is not a pod CREATE');
    JSON.stringify(mutatePod(parsed.request, { sidecarSets: sets, namespaceLabels: {}, kubeVersion: KUBE_VERSION }).review);
  };
}

function pureCosts(): Record<string, Cost> {
  const pod = realisticPod(0);
  const large = largePod();
  const ten = sidecarSets(10);
  return {
    sets1: measure(injectAndPatch(pod, sidecarSets(1))),
    sets10: measure(injectAndPatch(pod, ten)),
    sets1000: measure(injectAndPatch(pod, sidecarSets(1000))),
    pod64KiB: measure(injectAndPatch(large, ten), 1500, 20_000),
    wholeAdmission10: measure(wholeAdmission(admissionReview(pod, 'u'), ten)),
    // The same ten sets, the proxy declaring three per-pod overrides that the pod sets (env, two resources): compare with sets10.
    sets10Overrides: measure(injectAndPatch(withOverrideAnnotations(pod), withOverrides(ten))),
  };
}

const OVERRIDES = [
  { annotation: 'mesh.example.com/concurrency', container: 'proxy', env: 'CONCURRENCY', format: 'Integer' as const, maximum: '8' },
  { annotation: 'mesh.example.com/memory-limit', container: 'proxy', resource: 'limits.memory' as const, maximum: '1Gi' },
  { annotation: 'mesh.example.com/cpu-request', container: 'proxy', resource: 'requests.cpu' as const },
];

function withOverrides(sets: readonly SidecarSet[]): SidecarSet[] {
  return sets.map((set, index) => (index === 0 ? { ...set, spec: { ...set.spec, overrides: OVERRIDES } } : set));
}

function withOverrideAnnotations(pod: RawPod): RawPod {
  const annotations = { 'mesh.example.com/concurrency': '4', 'mesh.example.com/memory-limit': '512Mi', 'mesh.example.com/cpu-request': '100m' };
  return { ...pod, metadata: { ...pod.metadata, annotations: { ...pod.metadata?.annotations, ...annotations } } };
}

// ---------------------------------------------------------------------------
// The ceiling role and the orchestration

function argument(name: string): string {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
}

/**
 * A bare HTTPS server with the webhook's TLS and keep-alive settings. By
 * --answer mode:
 * - canned: reads the request, answers a canned review (the ceiling);
 * - parse: also JSON.parses it (the floor of any webhook that reads the review);
 * - work: parses, injects through the same mutatePod as the webhook and
 *   answers that: the webhook's own work without its server around it
 *   (routing, body limits, logging, metrics), to show what those cost.
 */
function runBareServer(): void {
  const mode = argument('--mode');
  const canned = mode === 'work' ? undefined : readFileSync(argument('--answer'));
  const sets = mode === 'work' ? (readFileSync(argument('--sidecarsets'), 'utf8').split('\n---\n').map((text) => JSON.parse(text) as SidecarSet)) : [];
  const answer = (body: Buffer): Buffer => {
    if (canned !== undefined) {
      if (mode === 'parse') JSON.parse(body.toString('utf8'));
      return canned;
    }
    const parsed = parsePodAdmissionReview(JSON.parse(body.toString('utf8')));
    if (parsed.outcome !== 'create') throw new Error('bench body is not a pod CREATE');
    return Buffer.from(JSON.stringify(mutatePod(parsed.request, { sidecarSets: sets, namespaceLabels: {}, kubeVersion: KUBE_VERSION }).review));
  };
  const server = createServer(
    {
      cert: readFileSync(argument('--cert')),
      key: readFileSync(argument('--key')),
      minVersion: 'TLSv1.2',
      keepAliveTimeout: 120_000,
      keepAlive: true,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const data = req.method === 'POST' ? answer(Buffer.concat(chunks)) : Buffer.from('ok\n');
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': data.length });
        res.end(data);
      });
    },
  );
  server.listen(Number(argument('--port')), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
}

async function waitUntilServing(port: number, path: string, ca: Buffer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'GET', ca, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => {
        resolve(0);
      });
      req.end();
    });
    if (status === 200) return;
    await sleep(50);
  }
  throw new Error(`nothing served https://127.0.0.1:${port}${path} within ${timeoutMs} ms`);
}

async function post(port: number, body: string, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/mutate-pods', ca, agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          resolve(text);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function spawnNode(args: string[], logFile?: string): ChildProcess {
  const out = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', out, out === 'ignore' ? 'inherit' : out] });
  if (typeof out === 'number') closeSync(out);
  return child;
}


function cpuPerRequest(result: LoadResult): number {
  return Math.round((result.serverCores * 1e6) / Math.max(1, result.perSecond));
}

/** Mean of the webhook's own duration histogram: time inside the handler, write included. */
async function handlerTime(port: number, ca: Buffer): Promise<{ meanUs: number; count: number }> {
  const text = await new Promise<string>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', method: 'GET', ca, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve(body);
      });
    });
    req.on('error', reject);
    req.end();
  });
  const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const sum = value('tandem_webhook_admission_duration_seconds_sum');
  const count = value('tandem_webhook_admission_duration_seconds_count');
  return { meanUs: round((sum / count) * 1e6, 1), count };
}

function line(label: string, result: LoadResult): string {
  return `${label.padEnd(32)} ${String(result.perSecond).padStart(7)} admissions/s  p50 ${result.p50Ms.toFixed(3)} ms  p99 ${result.p99Ms.toFixed(3)} ms  p99.9 ${result.p999Ms.toFixed(3)} ms  max ${result.maxMs.toFixed(1)} ms  errors ${result.errors}  cores: server ${result.serverCores} client ${result.clientCores} others ${result.otherCores}`;
}

/** One server under load: the webhook or one of the bare servers it is compared with. */
interface Variant {
  readonly name: string;
  readonly label: string;
  readonly process: ChildProcess;
  readonly port: number;
  readonly check: AnswerCheck;
}

const INJECTED: AnswerCheck = { contains: ['"allowed":true', '"patchType":"JSONPatch"'], knownUid: true };
const CANNED: AnswerCheck = { contains: ['"allowed":true'], knownUid: false };

/** The webhook (`tandem webhook`, logging at info to a file as in a cluster) and the bare servers, serving. */
async function startServers(dir: string, ca: Buffer, bodies: readonly string[], children: ChildProcess[]): Promise<{ variants: Variant[]; answer: string; command: string }> {
  const cert = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  const setsFile = join(dir, 'sidecarsets.yaml');
  writeFileSync(setsFile, sidecarSets(10).map((set) => JSON.stringify(set)).join('\n---\n'));
  const webhookPort = await freePort();
  const webhookArgs = ['webhook', '--listen', `127.0.0.1:${webhookPort}`, '--tls-cert-file', cert, '--tls-key-file', key, '--sidecarsets', setsFile, '--namespace-labels', 'team=shop', '--kube-version', '1.33', '--log-level', process.env.BENCH_LOG_LEVEL ?? 'info'];
  const command = commandFor('BENCH_WEBHOOK');
  const profile = process.env.BENCH_PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`];
  const webhook = spawnNode([...profile, ...command.argv, ...webhookArgs], process.env.BENCH_WEBHOOK_LOG ?? join(dir, 'webhook.log'));
  children.push(webhook);
  await waitUntilServing(webhookPort, '/readyz', ca);

  // The bare servers answer exactly what the webhook answers, byte for byte in size.
  const answer = await post(webhookPort, bodies[0]!, ca);
  if (!answer.includes('"patchType":"JSONPatch"')) throw new Error(`the webhook did not inject the bench pod: ${answer.slice(0, 300)}`);
  const answerFile = join(dir, 'answer.json');
  writeFileSync(answerFile, answer);
  const bare = async (mode: string): Promise<{ process: ChildProcess; port: number }> => {
    const port = await freePort();
    const child = spawnNode([THIS_FILE, '--role', 'bare', '--mode', mode, '--port', String(port), '--cert', cert, '--key', key, '--answer', answerFile, '--sidecarsets', setsFile]);
    children.push(child);
    await waitUntilServing(port, '/', ca);
    return { process: child, port };
  };
  const variants: Variant[] = [
    { name: 'ceiling', label: 'ceiling (canned answer)', ...(await bare('canned')), check: CANNED },
    { name: 'ceilingWithParse', label: 'ceiling + JSON.parse', ...(await bare('parse')), check: CANNED },
    { name: 'bareWithWork', label: 'bare server + mutatePod', ...(await bare('work')), check: INJECTED },
    { name: 'webhook', label: 'tandem webhook', process: webhook, port: webhookPort, check: INJECTED },
  ];
  return { variants, answer, command: command.described };
}

async function main(): Promise<void> {
  const load = loadavg()[0]!;
  console.log(`load average ${load.toFixed(2)} on ${availableParallelism()} cores; "others" below is the CPU other processes took during each run`);
  console.log(`node ${process.version}; load from vegeta (Go): closed loop with ${settings.concurrency} in flight and open loop, over ${settings.sockets} keep-alive connections; ${settings.durationMs} ms per run after ${settings.warmupMs} ms warm-up`);

  console.log('\n# pure injection cost per pod (injectPod + JSON Patch), in-process');
  const pure = pureCosts();
  for (const [name, cost] of Object.entries(pure)) {
    console.log(`${name.padEnd(18)} mean ${cost.meanUs.toFixed(1).padStart(8)} µs   p99 ${cost.p99Us.toFixed(1).padStart(8)} µs   (${cost.iterations} runs)`);
  }
  console.log(`(pod sizes: realistic ${admissionReview(realisticPod(0), 'u').length} B review, large pod ${JSON.stringify(largePod()).length} B)`);

  const vegeta = ensureVegeta();
  // BENCH_KEEP_DIR: keep the inputs (certificate, sets, bodies, targets) and the webhook log for a look afterwards.
  const kept = process.env.BENCH_KEEP_DIR;
  const dir = kept === undefined ? mkdtempSync(join(tmpdir(), 'tandem-bench-')) : (mkdirSync(kept, { recursive: true }), kept);
  const children: ChildProcess[] = [];
  try {
    const cert = writeLoopbackCertificate(dir).certFile;
    const ca = readFileSync(cert);
    const bodies = Array.from({ length: 512 }, (_, index) =>
      admissionReview(realisticPod(index), `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`),
    );
    const uids = uidsOf(bodies);
    const { variants, answer, command } = await startServers(dir, ca, bodies, children);
    console.log(`\n# webhook: ${command} webhook, logs at ${process.env.BENCH_LOG_LEVEL ?? 'info'} to a file; request ${bodies[0]!.length} B, answer ${answer.length} B`);

    const targetsOf = new Map(
      variants.map((variant) => {
        const file = join(dir, `targets-${variant.name}.jsonl`);
        writeTargets(file, `https://127.0.0.1:${variant.port}/mutate-pods?timeout=10s`, bodies);
        return [variant.name, file];
      }),
    );
    const attack = (variant: Variant, rate?: number): Promise<LoadResult> =>
      runVegeta(
        {
          vegeta,
          targetsFile: targetsOf.get(variant.name)!,
          caFile: cert,
          serverPid: variant.process.pid!,
          ...(rate === undefined ? {} : { rate }),
          concurrency: settings.concurrency,
          connections: settings.sockets,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs,
          expect: variant.check,
          resultsFile: join(dir, 'results.bin'),
        },
        uids,
      );

    // Interleaved rounds, best of each: a burst of outside load hurts one run, not one side.
    const runs = new Map<string, LoadResult[]>(variants.map((variant) => [variant.name, []]));
    for (let round = 1; round <= settings.rounds; round++) {
      for (const variant of variants) {
        const result = await attack(variant);
        console.log(line(`${variant.label}, closed #${round}`, result));
        runs.get(variant.name)!.push(result);
      }
    }
    const best = Object.fromEntries(
      [...runs].map(([name, results]) => [name, results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a))]),
    ) as Record<'ceiling' | 'ceilingWithParse' | 'bareWithWork' | 'webhook', LoadResult>;
    const ratio = round(best.webhook.perSecond / best.ceiling.perSecond, 3);
    const handler = await handlerTime(variants.find((variant) => variant.name === 'webhook')!.port, ca);
    const rate = Math.max(1, Math.floor(best.webhook.perSecond / 2));
    const open: Record<string, LoadResult> = {};
    for (const variant of variants.filter((candidate) => candidate.name === 'webhook' || candidate.name === 'ceiling')) {
      open[variant.name] = await attack(variant, rate);
      console.log(line(`${variant.label}, open loop ${rate}/s`, open[variant.name]!));
    }
    const openWebhook = open.webhook!;

    const goals = {
      throughputRatio: { target: '>= 0.7', met: ratio >= 0.7 },
      p99AtHalfMaxMs: { target: '< 5', met: openWebhook.p99Ms < 5 && openWebhook.errors === 0 },
      perPod10SetsUs: { target: '< 50', met: pure.sets10!.meanUs < 50 },
      pod64KiBMs: { target: '< 5', met: pure.pod64KiB!.meanUs / 1000 < 5 },
    };
    const cpu = Object.fromEntries(Object.entries(best).map(([name, result]) => [name, cpuPerRequest(result)]));
    console.log(`\nthroughput relative to the ceiling: ${Object.entries(best).map(([name, result]) => `${name} ${round(result.perSecond / best.ceiling.perSecond, 3)}`).join(', ')}`);
    console.log(`server CPU per admission (closed loop): ${Object.entries(cpu).map(([name, us]) => `${name} ${us} µs`).join(', ')}`);
    console.log(`server CPU per admission (open loop ${rate}/s): ${Object.entries(open).map(([name, result]) => `${name} ${cpuPerRequest(result)} µs`).join(', ')}`);
    console.log(`webhook handler time (its own histogram, all requests): mean ${handler.meanUs} µs over ${handler.count}`);
    const noisy = [...[...runs.values()].flat(), ...Object.values(open)].some((run) => run.otherCores > 0.1);
    if (noisy) console.log('note: other processes took more than 0.1 core during some runs: those figures are noisy');
    for (const [name, goal] of Object.entries(goals)) console.log(`target ${name} ${goal.target}: ${goal.met ? 'met' : 'MISSED'}`);

    const figures = {
      node: process.version,
      loadGenerator: 'vegeta v12.13.0',
      loadAverage: { before: round(load, 2), after: round(loadavg()[0]!, 2) },
      webhookCommand: command,
      settings,
      pure: Object.fromEntries(Object.entries(pure).map(([name, cost]) => [name, { meanUs: round(cost.meanUs, 2), p99Us: round(cost.p99Us, 2) }])),
      closedLoop: best,
      ratio,
      serverCpuPerAdmissionUs: cpu,
      webhookHandlerMeanUs: handler.meanUs,
      openLoop: { rate, ...open },
      rounds: Object.fromEntries([...runs].map(([name, results]) => [name, results.map((result) => result.perSecond)])),
      targets: Object.fromEntries(Object.entries(goals).map(([name, goal]) => [name, goal.met])),
    };
    console.log(JSON.stringify(figures));
  } finally {
    await Promise.all(children.map(stopChild));
    if (kept === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

const role = process.argv.includes('--role') ? argument('--role') : 'main';
if (role === 'bare') runBareServer();
else await main();

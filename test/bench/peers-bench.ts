// Peers benchmark: `npm run bench:peers`. Not part of make verify.
//
// The same AdmissionReview (a pod CREATE: the pod of Istio's own
// BenchmarkInjectServe, pkg/kube/inject makeTestData, plus the label app=test
// the SidecarSets select on and the fields the apiserver sends) answered by:
//
// 1. Istio's sidecar injector (test/bench/peers/istio/main.go), in process:
//    the webhook's mux with an httptest request and recorder per admission,
//    set up as Istio's BenchmarkInjectServe sets it up (default template and
//    values rendered from the module's charts). Also Istio's own
//    BenchmarkInjectServePC0, run from its test binary on its own review.
// 2. OpenKruise's pod webhook (test/bench/peers/kruise/main.go), in process:
//    controller-runtime's admission.Webhook around PodCreateHandler, httptest,
//    SidecarSets read as the manager's informer cache serves them.
// 3. Tandem, in this process: JSON.parse -> parsePodAdmissionReview ->
//    mutatePod -> JSON.stringify, the webhook's work per request without HTTP.
//
// The sidecars are Istio's: Istio's answer to the review is applied, and what
// it added to the pod (init containers, containers, volumes; for Tandem also
// labels and annotations) becomes one SidecarSet for Tandem and for Kruise,
// with 9 more that select other pods for the "10 sets" rows. Every answer is
// checked: applying its patch must give a pod with istio-init and
// istio-proxy. The Go harnesses are built by test/bench/peers/build.sh
// (versions in test/cluster/versions.env).
//
// The systems take turns, one round each per cycle (6 cycles), so the
// machine's load weighs on all of them alike; the ratios are per cycle.
// Prints a table, then, LAST, one JSON line with every figure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import jsonPatch from 'fast-json-patch';
import { parsePodAdmissionReview } from '../../operator/admission/parse-pod-admission-review.ts';
import type { SidecarSet } from '../../operator/api/sidecar-set.ts';
import { parseSidecarSet } from '../../operator/api/sidecar-set-validator.ts';
import { mutatePod } from '../../operator/admission/mutate-pod.ts';
import { podCreateReview } from './bench-support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PEERS = join(ROOT, 'test/bench/peers');

const settings = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 6),
  istioCount: Number(process.env.BENCH_ISTIO_COUNT ?? 300),
  kruiseCount: Number(process.env.BENCH_KRUISE_COUNT ?? 2000),
  tandemCount: Number(process.env.BENCH_TANDEM_COUNT ?? 20_000),
};

interface Container {
  readonly name: string;
  readonly [field: string]: unknown;
}
interface PodShape {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { initContainers?: Container[]; containers: Container[]; volumes?: { name: string }[] };
}

/** The review every system answers: makeTestData's pod, as the apiserver would send its CREATE. */
function peerReview(): { review: unknown; pod: PodShape } {
  const pod = {
    metadata: { name: 'test', namespace: 'default', labels: { app: 'test' }, creationTimestamp: null },
    spec: {
      volumes: [{ name: 'v0' }],
      initContainers: [{ name: 'c0', resources: {} }],
      containers: [{ name: 'c1', resources: {} }],
      imagePullSecrets: [{ name: 'p0' }],
    },
    status: {},
  };
  const review = podCreateReview(pod, { uid: '0df28fbd-5f5f-11e8-bc74-36e6bb280816', namespace: 'default', name: 'test' });
  const original: PodShape = structuredClone(pod);
  return { review, pod: original };
}

/** The pod an answer describes: its patch applied to the review's object. Throws unless Istio's sidecars are in it. */
function injectedPod(answer: string, pod: PodShape, who: string): PodShape {
  const response = (JSON.parse(answer) as { response?: { allowed?: boolean; patch?: string } }).response;
  if (response?.allowed !== true || response.patch === undefined) throw new Error(`${who}: the answer injects nothing: ${answer.slice(0, 500)}`);
  const operations = JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as jsonPatch.Operation[];
  const result = jsonPatch.applyPatch(structuredClone(pod), operations, true, false).newDocument;
  const names = (containers: Container[] | undefined): string[] => (containers ?? []).map((container) => container.name);
  if (!names(result.spec.initContainers).includes('istio-init') || !names(result.spec.containers).includes('istio-proxy')) {
    throw new Error(`${who}: the patched pod lacks istio-init or istio-proxy: init ${names(result.spec.initContainers).join(',')}, containers ${names(result.spec.containers).join(',')}`);
  }
  return result;
}

interface AddedByIstio {
  readonly initContainers: Container[];
  readonly containers: Container[];
  readonly volumes: { name: string }[];
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

function addedBy(injected: PodShape, original: PodShape): AddedByIstio {
  const newOnes = <T extends { name: string }>(after: T[] | undefined, before: T[] | undefined): T[] =>
    (after ?? []).filter((item) => !(before ?? []).some((old) => old.name === item.name));
  const newKeys = (after: Record<string, string> | undefined, before: Record<string, string> | undefined): Record<string, string> =>
    Object.fromEntries(Object.entries(after ?? {}).filter(([key]) => !Object.hasOwn(before ?? {}, key)));
  return {
    initContainers: newOnes(injected.spec.initContainers, original.spec.initContainers),
    containers: newOnes(injected.spec.containers, original.spec.containers),
    volumes: newOnes(injected.spec.volumes, original.spec.volumes),
    labels: newKeys(injected.metadata?.labels, original.metadata?.labels),
    annotations: newKeys(injected.metadata?.annotations, original.metadata?.annotations),
  };
}

/** The matching set first, then sets for other apps (each with one small container), `count` in all. */
function withOthers<T>(matching: T, count: number, other: (index: number) => T): T[] {
  return [matching, ...Array.from({ length: count - 1 }, (_, index) => other(index + 1))];
}

function tandemSets(added: AddedByIstio, count: number): SidecarSet[] {
  const matching = {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: 'istio' },
    spec: {
      selector: { matchLabels: { app: 'test' } },
      injectionPolicy: 'Always',
      nativeSidecars: 'Never',
      initContainers: added.initContainers,
      containers: added.containers,
      volumes: added.volumes,
      podMetadata: { labels: added.labels, annotations: added.annotations },
    },
  };
  const other = (index: number): unknown => ({
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: `other-${index}` },
    spec: { selector: { matchLabels: { app: `other-${index}` } }, injectionPolicy: 'Always', containers: [{ name: `helper-${index}`, image: `example.com/helper-${index}:1` }] },
  });
  return withOthers<unknown>(matching, count, other).map((object) => {
    const parsed = parseSidecarSet(object);
    if (!parsed.ok) throw new Error(`a Tandem SidecarSet from Istio's answer is invalid: ${JSON.stringify(parsed.errors)}`);
    return parsed.sidecarSet;
  });
}

/** Kruise's SidecarSet has no pod labels and only patchPodMetadata (behind a whitelist) for annotations: containers and volumes. */
function kruiseSets(added: AddedByIstio, count: number): unknown[] {
  const matching = {
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: 'istio' },
    spec: { selector: { matchLabels: { app: 'test' } }, initContainers: added.initContainers, containers: added.containers, volumes: added.volumes },
  };
  return withOthers<unknown>(matching, count, (index) => ({
    apiVersion: 'apps.kruise.io/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: `other-${index}` },
    spec: { selector: { matchLabels: { app: `other-${index}` } }, containers: [{ name: `helper-${index}`, image: `example.com/helper-${index}:1` }] },
  }));
}

// ---------------------------------------------------------------------------
// Running the systems

interface Figures {
  readonly minUs: number;
  readonly medianUs: number;
  readonly rounds: readonly number[];
  readonly allocsPerAdmission?: number;
  readonly bytesPerAdmission?: number;
}

function figures(rounds: readonly number[], extra: Partial<Figures> = {}): Figures {
  const sorted = [...rounds].sort((a, b) => a - b);
  const median = sorted.length % 2 === 1 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { minUs: round(sorted[0]!), medianUs: round(median), rounds: rounds.map(round), ...extra };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

interface HarnessResult {
  readonly usPerAdmission: number[];
  readonly allocsPerAdmission: number;
  readonly bytesPerAdmission: number;
}

/** One timed round of one system: µs per admission, and the Go side's allocations. */
interface Round {
  readonly us: number;
  readonly allocsPerAdmission?: number;
  readonly bytesPerAdmission?: number;
}

/** Runs a Go harness for one round; its log (Istio logs two lines per admission, as istiod does) goes to a file. */
function harnessRound(binary: string, args: readonly string[], work: string, name: string): { round: Round; answer: string } {
  const answer = join(work, `${name}.answer.json`);
  const result = join(work, `${name}.result.json`);
  const log = openSync(join(work, `${name}.log`), 'w');
  try {
    execFileSync(binary, [...args, '-answer', answer, '-result', result, '-rounds', '1'], { stdio: ['ignore', log, log] });
  } catch (error) {
    throw new Error(`${name} failed (log: ${join(work, `${name}.log`)}): ${(error as Error).message}`, { cause: error });
  } finally {
    closeSync(log);
  }
  const parsed = JSON.parse(readFileSync(result, 'utf8')) as HarnessResult;
  return {
    round: { us: parsed.usPerAdmission[0] ?? Number.NaN, allocsPerAdmission: Math.round(parsed.allocsPerAdmission), bytesPerAdmission: Math.round(parsed.bytesPerAdmission) },
    answer: readFileSync(answer, 'utf8'),
  };
}

/**
 * One round of Istio's own BenchmarkInjectServePC0 (its review: makeTestData,
 * no namespace), run from its package directory. Istio's log lines split a
 * result line: the figures may come on a line of their own.
 */
function istioOwnRound(binaries: string, istioModule: string): Round {
  const output = execFileSync(
    join(binaries, 'istio-inject.test'),
    ['-test.run', '^$', '-test.bench', '^BenchmarkInjectServePC0$', '-test.benchtime', `${settings.istioCount}x`, '-test.count', '1', '-test.benchmem'],
    { cwd: join(istioModule, 'pkg/kube/inject'), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const row = /^(?:BenchmarkInjectServePC0\S*)?\s+\d+\s+([\d.]+) ns\/op\s+(\d+) B\/op\s+(\d+) allocs\/op/m.exec(output);
  if (row === null) throw new Error(`no BenchmarkInjectServePC0 result in the test binary's output:\n${output.slice(-2000)}`);
  return { us: Number(row[1]) / 1000, bytesPerAdmission: Number(row[2]), allocsPerAdmission: Number(row[3]) };
}

/** Tandem's admission with these sets, checked and warmed up; each call of the result times one round. */
function tandemRounds(body: string, sets: readonly SidecarSet[], pod: PodShape): () => Round {
  const admit = (): string => {
    const parsed = parsePodAdmissionReview(JSON.parse(body));
    if (parsed.outcome !== 'create') throw new Error(`the review does not parse as a pod CREATE: ${parsed.outcome}`);
    return JSON.stringify(mutatePod(parsed.request, { sidecarSets: sets, namespaceLabels: {}, kubeVersion: undefined }).review);
  };
  injectedPod(admit(), pod, `Tandem (${sets.length} sets)`);
  for (let index = 0; index < 10_000; index++) admit();
  return () => {
    const started = performance.now();
    for (let count = 0; count < settings.tandemCount; count++) admit();
    return { us: ((performance.now() - started) * 1000) / settings.tandemCount };
  };
}

function goModuleDir(module: string, cwd: string): string {
  return execFileSync('go', ['list', '-mod=readonly', '-m', '-f', '{{.Dir}}', module], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', PATH: `${process.env.PATH ?? ''}:/usr/local/go/bin` },
  }).trim();
}

/**
 * The systems take turns, one round each per cycle, so that the machine's
 * load (other sessions' builds) weighs on all of them alike.
 */
function main(): void {
  const loadBefore = loadavg();
  const work = mkdtempSync(join(tmpdir(), 'tandem-peers-'));
  try {
    const binaries = execFileSync('bash', [join(PEERS, 'build.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    const istioModule = goModuleDir('istio.io/istio', join(PEERS, 'istio'));
    const { review, pod } = peerReview();
    const body = JSON.stringify(review);
    writeFileSync(join(work, 'review.json'), body);
    const reviewFlag = ['-review', join(work, 'review.json')];
    const istioArgs = ['-manifests', join(istioModule, 'manifests'), ...reviewFlag, '-count', String(settings.istioCount)];
    const istio = (): { round: Round; answer: string } => harnessRound(join(binaries, 'istio-inject-bench'), istioArgs, work, 'istio');

    const first = istio();
    const added = addedBy(injectedPod(first.answer, pod, 'Istio'), pod);
    const kruise = (count: number, reader: 'cache' | 'fake'): (() => Round) => {
      const setsFile = join(work, `kruise-${count}.json`);
      writeFileSync(setsFile, JSON.stringify(kruiseSets(added, count)));
      const args = [...reviewFlag, '-sidecarsets', setsFile, '-reader', reader, '-count', String(settings.kruiseCount)];
      return () => {
        const run = harnessRound(join(binaries, 'kruise-pod-webhook-bench'), args, work, `kruise-${count}-${reader}`);
        injectedPod(run.answer, pod, `Kruise (${count} sets, ${reader} reader)`);
        return run.round;
      };
    };
    const systems: Record<string, () => Round> = {
      istio: () => {
        const run = istio();
        injectedPod(run.answer, pod, 'Istio');
        return run.round;
      },
      istioOwnBenchmark: () => istioOwnRound(binaries, istioModule),
      kruise1: kruise(1, 'cache'),
      kruise10: kruise(10, 'cache'),
      kruise10FakeClient: kruise(10, 'fake'),
      tandem1: tandemRounds(body, tandemSets(added, 1), pod),
      tandem10: tandemRounds(body, tandemSets(added, 10), pod),
    };
    const rounds = new Map<string, Round[]>(Object.keys(systems).map((name) => [name, []]));
    rounds.get('istio')?.push(first.round);
    for (let cycle = 0; cycle < settings.rounds; cycle++) {
      for (const [name, run] of Object.entries(systems)) {
        if (cycle === 0 && name === 'istio') continue;
        rounds.get(name)?.push(run());
      }
    }
    const results = Object.fromEntries(
      [...rounds].map(([name, list]) => [
        name,
        figures(
          list.map((r) => r.us),
          list[0]?.allocsPerAdmission === undefined ? {} : { allocsPerAdmission: list[0].allocsPerAdmission, bytesPerAdmission: list[0].bytesPerAdmission ?? 0 },
        ),
      ]),
    );
    report(results, added, loadBefore);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(results: Record<string, Figures>, added: AddedByIstio, loadBefore: readonly number[]): void {
  const label: Record<string, string> = {
    istio: 'Istio injector, served in process (httptest), this review',
    istioOwnBenchmark: "Istio's own BenchmarkInjectServePC0 (its review)",
    kruise1: 'OpenKruise pod webhook, 1 SidecarSet, cache reader',
    kruise10: 'OpenKruise pod webhook, 10 SidecarSets, cache reader',
    kruise10FakeClient: 'OpenKruise pod webhook, 10 SidecarSets, fake client',
    tandem1: 'Tandem parse + mutatePod + stringify, 1 SidecarSet',
    tandem10: 'Tandem parse + mutatePod + stringify, 10 SidecarSets',
  };
  console.log(`Sidecars (from Istio's answer): init ${added.initContainers.map((c) => c.name).join(', ')}; containers ${added.containers.map((c) => c.name).join(', ')}; ${added.volumes.length} volumes, ${Object.keys(added.labels).length} labels, ${Object.keys(added.annotations).length} annotations`);
  console.log('µs per admission, min / median of rounds:');
  for (const [key, value] of Object.entries(results)) {
    const allocs = value.allocsPerAdmission === undefined ? '' : `  (${value.allocsPerAdmission} allocs, ${Math.round((value.bytesPerAdmission ?? 0) / 1024)} KiB per admission)`;
    console.log(`  ${(label[key] ?? key).padEnd(58)} ${String(value.minUs).padStart(9)} / ${String(value.medianUs).padStart(9)}${allocs}`);
  }
  // Per cycle (the systems ran one after another in it), then the median of those.
  const ratio = (peer: string, tandem: string): number =>
    figures(results[peer]!.rounds.map((us, index) => us / (results[tandem]!.rounds[index] ?? Number.NaN))).medianUs;
  const ratios = {
    istioToTandem1: ratio('istio', 'tandem1'),
    kruise1ToTandem1: ratio('kruise1', 'tandem1'),
    kruise10ToTandem10: ratio('kruise10', 'tandem10'),
  };
  console.log(`Against Tandem, per cycle, median: Istio ${ratios.istioToTandem1}x, Kruise (1 set) ${ratios.kruise1ToTandem1}x, Kruise (10 sets) ${ratios.kruise10ToTandem10}x as long`);
  const machine = { cpus: availableParallelism(), loadavgBefore: loadBefore.map(round), loadavgAfter: loadavg().map(round), node: process.version };
  console.log(`load average ${machine.loadavgBefore.join(' ')} before, ${machine.loadavgAfter.join(' ')} after`);
  console.log(JSON.stringify({ bench: 'peers', settings, machine, results, ratios }));
}

main();

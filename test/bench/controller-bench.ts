// Controller benchmark: `npm run bench:controller` (or `make bench-controller`),
// against the local control plane, brought up as the integration tests do
// (and stopped again if this run started it; TANDEM_KEEP_CLUSTER=1 keeps it),
// or the cluster TANDEM_TEST_KUBECONFIG names. The operator runs as the chart
// runs it: the built entry point (built when dist/ is stale) with the chart's
// node.flags; BENCH_OPERATOR_ENTRY=sources and BENCH_OPERATOR_NODE_FLAGS=...
// measure something else (support/what-users-run.ts).
//
// 1. 50 SidecarSets and 5,000 pods (set-00 selects 1,000 of them, the 49
//    others 81-82 each). Pods are created DIRECTLY with the injection record
//    and label, by the same injectPod the webhook runs (no webhook in the
//    path), with spec.nodeName set to a kwok node: the fake nodes allow 110
//    pods each and the scheduler would stop at 330. kwok marks each pod
//    Running and Ready as soon as it sees it (its default stages have no
//    delay). One `tandem operator` process reconciles them.
// 2. Time from the last pod turning Ready (seen by this process's own watch)
//    to every one of the 50 statuses being exact.
// 3. Operator RSS and CPU at rest with the 5,000 pods (from /proc, 30 s).
// 4. Image change of set-00 (1,000 pods) at maxUnavailable 10 %: time until
//    its status says 1,000 updated and ready. kwok never restarts a container,
//    so a fake kubelet (support/controller-fixture.ts) turns each patched pod
//    Ready=False, then after BENCH_RESTART_MS (default 1,000 ms) Ready=True
//    with the new image; the highest number of unavailable pods seen is
//    reported against the budget (100).
// 5. Resource change of set-00 (cpu request 10m -> 20m) at maxUnavailable
//    10 %: time until its status says 1,000 updated and ready again. The API
//    server accepts `pods/resize` only for pods whose container statuses
//    report resources (a kubelet of 1.35+); kwok reports none, so the same
//    fake kubelet plays a resize-capable one for the rolled namespace from
//    the start: statuses carry resources and observedGeneration, and a
//    resize is actuated BENCH_RESIZE_MS (default 200 ms) after the spec
//    changes, the pod staying Ready. Reported: roll time, the highest number
//    of pods seen with a resize not yet actuated (budget 100), pods resized
//    more than once, containers restarted, and the operator's RSS after it.
// Everything it creates is labelled with a run id and deleted at the end.
// The LAST line printed is one JSON object with every figure.
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SidecarSet } from '../../operator/api/sidecar-set.ts';
import type { KubeClient } from '../../operator/kube/kube-client.ts';
import { startReflector } from '../../operator/kube/reflector.ts';
import globalSetup from '../integration/global-setup.ts';
import globalTeardown from '../integration/global-teardown.ts';
import { commandFor } from './support/what-users-run.ts';
import { stateDir } from '../integration/cluster-env.ts';
import {
  applySidecarSet,
  createNamespace,
  createPods,
  deleteNamespace,
  deleteSidecarSet,
  getSidecarSet,
  injectedPodManifest,
  quietLogger,
  randomSuffix,
  requester,
  startFakeKubelet,
  startOperatorProcess,
  type StatusCounts,
} from '../integration/controller/support/controller-fixture.ts';
import { freePort } from '../support/free-port.ts';
import { sleep, waitFor } from '../support/wait.ts';

const SETS = Number(process.env.BENCH_SETS ?? 50);
const PODS = Number(process.env.BENCH_PODS ?? 5_000);
const ROLL_PODS = Number(process.env.BENCH_ROLL_PODS ?? 1_000);
const RESTART_MS = Number(process.env.BENCH_RESTART_MS ?? 1_000);
const REST_MS = Number(process.env.BENCH_REST_MS ?? 30_000);
const RESIZE_MS = Number(process.env.BENCH_RESIZE_MS ?? 200);
/** NODE_OPTIONS for the operator process, e.g. --max-semi-space-size=2 (young generation capped at 2 MB per semi-space). */
const OPERATOR_NODE_OPTIONS = process.env.BENCH_OPERATOR_NODE_OPTIONS ?? '';
/** BENCH_SKIP_ROLLOUT=1: stop after the figures at rest (memory work). */
const SKIP_ROLLOUT = process.env.BENCH_SKIP_ROLLOUT === '1';
const NODES = ['kwok-node-0', 'kwok-node-1', 'kwok-node-2'];

const run = randomSuffix();
const benchLabel = { 'tandem-bench': run };
const namespaces = { rolled: `ctl-bench-${run}-roll`, rest: `ctl-bench-${run}` };
const setName = (index: number): string => `ctl-bench-${run}-${String(index).padStart(2, '0')}`;

function setManifest(index: number, image: string, cpu = '10m'): Record<string, unknown> {
  return {
    apiVersion: 'tandem.dev/v1alpha1',
    kind: 'SidecarSet',
    metadata: { name: setName(index), labels: benchLabel },
    spec: {
      selector: { matchLabels: { 'bench-set': String(index) } },
      containers: [{ name: 'proxy', image, resources: { requests: { cpu } } }],
      updateStrategy: { maxUnavailable: '10%' },
    },
  };
}

/** Pods per set: set 0 gets ROLL_PODS, the rest share the others evenly. */
function podsPerSet(): number[] {
  const rest = PODS - ROLL_PODS;
  const others = SETS - 1;
  return Array.from({ length: SETS }, (_, index) =>
    index === 0 ? ROLL_PODS : Math.floor(rest / others) + (index - 1 < rest % others ? 1 : 0),
  );
}

/** RSS and its split: anonymous (private heap, stacks, malloc) and file-backed (mostly the node binary's pages, shared). */
function procStats(pid: number): { rssMb: number; anonMb: number; fileMb: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const rssKb = kb('VmRSS');
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime + stime
  return { rssMb: rssKb / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024, cpuSeconds: ticks / 100 };
}

async function allStatuses(api: KubeClient): Promise<Map<string, { generation: number; status: StatusCounts }>> {
  const body = (await api.requestOk({
    method: 'GET',
    path: '/apis/tandem.dev/v1alpha1/sidecarsets',
    query: { labelSelector: `tandem-bench=${run}` },
  })) as { items: { metadata: { name: string; generation: number }; status?: StatusCounts }[] };
  return new Map(body.items.map((item) => [item.metadata.name, { generation: item.metadata.generation, status: item.status ?? {} }]));
}

function exact(entry: { generation: number; status: StatusCounts } | undefined, pods: number): boolean {
  const status = entry?.status;
  return (
    status !== undefined &&
    status.observedGeneration === entry?.generation &&
    [status.matchedPods, status.injectedPods, status.updatedPods, status.readyPods, status.updatedReadyPods].every((value) => value === pods)
  );
}

async function main(): Promise<void> {
  const operatorCommand = commandFor('BENCH_OPERATOR');
  // Brings the local control plane up when it is not running, and installs the CRD, as the integration tests do.
  globalSetup();
  try {
    await measure(operatorCommand);
  } finally {
    globalTeardown();
  }
}

async function measure(operatorCommand: ReturnType<typeof commandFor>): Promise<void> {
  const api = await requester();
  const results: Record<string, unknown> = {
    run,
    sets: SETS,
    pods: PODS,
    rolledPods: ROLL_PODS,
    podsCreated: 'directly, injected by injectPod (no webhook), nodeName set',
    kwokPodReadyDelayMs: 0,
    fakeKubeletRestartMs: RESTART_MS,
    operatorNodeOptions: OPERATOR_NODE_OPTIONS,
    operatorCommand: operatorCommand.described,
    loadAverageAtStart: loadavg()[0],
  };
  const counts = podsPerSet();
  const port = await freePort();
  const operator = startOperatorProcess(
    ['--sidecarset-selector', `tandem-bench=${run}`, '--lease-name', `ctl-bench-${run}`, '--identity', `bench-${run}`, '--log-level', 'warn', '--listen', `127.0.0.1:${port}`],
    join(stateDir, 'logs', `controller-bench-${run}.log`),
    { nodeOptions: OPERATOR_NODE_OPTIONS, nodeArgs: operatorCommand.argv.slice(0, -1), entry: operatorCommand.argv.at(-1) ?? '' },
  );
  let lastReadyAt = 0;
  const watch = startReflector<boolean>({
    client: api,
    path: '/api/v1/pods',
    labelSelector: `tandem-bench=${run}`,
    resource: 'bench pods',
    logger: quietLogger,
    keyOf: (object) => JSON.stringify([(object as { metadata: { namespace: string } }).metadata.namespace, (object as { metadata: { name: string } }).metadata.name]),
    trim: (object) => (object as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
    onChange: () => undefined,
  });
  try {
    await createNamespace(api, namespaces.rolled, benchLabel);
    await createNamespace(api, namespaces.rest, benchLabel);
    const sets: SidecarSet[] = [];
    for (let index = 0; index < SETS; index += 1) {
      await applySidecarSet(api, setManifest(index, 'registry.example/proxy:1'));
      sets.push(await getSidecarSet(api, setName(index)));
    }
    console.log(`created ${SETS} SidecarSets; creating ${PODS} pods directly (injected by injectPod, nodeName set)...`);

    const manifests = counts.flatMap((count, index) =>
      Array.from({ length: count }, (_, podIndex) => {
        const namespace = index === 0 ? namespaces.rolled : namespaces.rest;
        const pod = injectedPodManifest([sets[index]!], namespace, `s${index}-p${podIndex}`, { 'bench-set': String(index), ...benchLabel });
        return { ...pod, spec: { ...pod.spec!, nodeName: NODES[podIndex % NODES.length] } };
      }),
    );
    const createStart = performance.now();
    await createPods(api, manifests, 24);
    results.podCreateSeconds = round((performance.now() - createStart) / 1000);
    console.log(`pods created in ${String(results.podCreateSeconds)} s; waiting for all to be Ready...`);

    await waitFor('every pod Ready', () => {
      let ready = 0;
      for (const value of watch.values()) if (value) ready += 1;
      if (ready === PODS && lastReadyAt === 0) lastReadyAt = performance.now();
      return ready === PODS ? true : undefined;
    }, 600_000, 20);
    results.allReadySecondsAfterCreateStart = round((lastReadyAt - createStart) / 1000);
    await waitFor('every status exact', async () => {
      const statuses = await allStatuses(api);
      return counts.every((count, index) => exact(statuses.get(setName(index)), count)) ? true : undefined;
    }, 300_000, 50);
    results.statusExactAfterLastReadyMs = Math.round(performance.now() - lastReadyAt);
    console.log(`every status exact ${String(results.statusExactAfterLastReadyMs)} ms after the last pod turned Ready`);

    await sleep(5_000);
    const before = procStats(operator.child.pid ?? 0);
    await sleep(REST_MS);
    const after = procStats(operator.child.pid ?? 0);
    results.restRssMb = round(after.rssMb);
    results.restRssAnonMb = round(after.anonMb);
    results.restRssFileMb = round(after.fileMb);
    results.restHeap = await heapFigures(port);
    results.restCpuPercent = round(((after.cpuSeconds - before.cpuSeconds) / (REST_MS / 1000)) * 100);
    console.log(`at rest with ${PODS} pods: RSS ${String(results.restRssMb)} MB, CPU ${String(results.restCpuPercent)} % of a core over ${REST_MS / 1000} s`);

    if (!SKIP_ROLLOUT) {
      const kubelet = startFakeKubelet(api, namespaces.rolled, RESTART_MS, { resizeMs: RESIZE_MS });
      try {
        await waitFor('the fake kubelet to report resources for every rolled pod', () => (kubelet.reportingResources() === ROLL_PODS ? true : undefined), 120_000, 200);
        await waitFor('set 00 exact again', async () => (exact((await allStatuses(api)).get(setName(0)), ROLL_PODS) ? true : undefined), 120_000, 100);
        const rollStart = performance.now();
        await applySidecarSet(api, setManifest(0, 'registry.example/proxy:2'));
        await waitFor('the rollout of set 00', async () => {
          const statuses = await allStatuses(api);
          return exact(statuses.get(setName(0)), ROLL_PODS) ? true : undefined;
        }, 900_000, 100);
        results.rolloutSeconds = round((performance.now() - rollStart) / 1000);
        results.rolloutBudget = Math.ceil(ROLL_PODS * 0.1);
        results.rolloutMaxUnavailableObserved = kubelet.maxUnavailable();
        results.rolloutPodsPatchedOnce = [...kubelet.imageChanges().values()].filter((n) => n === 1).length;
        results.rolloutPodsPatchedMoreThanOnce = [...kubelet.imageChanges().values()].filter((n) => n > 1).length;
        console.log(`rolled ${ROLL_PODS} pods in ${String(results.rolloutSeconds)} s; at most ${String(results.rolloutMaxUnavailableObserved)} unavailable (budget ${String(results.rolloutBudget)})`);

        kubelet.resetMaxUnavailable();
        const restartsBefore = await restartCount(api, namespaces.rolled);
        const resizeStart = performance.now();
        await applySidecarSet(api, setManifest(0, 'registry.example/proxy:2', '20m'));
        await waitFor('the resize roll of set 00', async () => {
          const statuses = await allStatuses(api);
          return exact(statuses.get(setName(0)), ROLL_PODS) ? true : undefined;
        }, 900_000, 100);
        results.resizeRollSeconds = round((performance.now() - resizeStart) / 1000);
        results.resizeActuationMs = RESIZE_MS;
        results.resizeMaxInProgressObserved = kubelet.maxUnavailable();
        results.resizePodsResizedOnce = [...kubelet.resourceChanges().values()].filter((n) => n === 1).length;
        results.resizePodsResizedMoreThanOnce = [...kubelet.resourceChanges().values()].filter((n) => n > 1).length;
        results.resizeContainerRestarts = (await restartCount(api, namespaces.rolled)) - restartsBefore;
        results.resizeRssMb = round(procStats(operator.child.pid ?? 0).rssMb);
        console.log(
          `resized ${ROLL_PODS} pods in ${String(results.resizeRollSeconds)} s; at most ${String(results.resizeMaxInProgressObserved)} in progress (budget ${String(results.rolloutBudget)}); ${String(results.resizeContainerRestarts)} restarts; operator RSS ${String(results.resizeRssMb)} MB`,
        );
      } finally {
        await kubelet.stop();
      }
    }
    results.peakRssMb = round(procStats(operator.child.pid ?? 0).rssMb);
    results.loadAverageAtEnd = loadavg()[0];
    results.targets = {
      statusExactWithin5s: (results.statusExactAfterLastReadyMs as number) <= 5_000,
      rssUnder200Mb: (results.restRssMb as number) < 200,
      ...(SKIP_ROLLOUT ? {} : { peakRssUnder200Mb: (results.peakRssMb as number) < 200, resizeWithinBudget: (results.resizeMaxInProgressObserved as number) <= (results.rolloutBudget as number) }),
    };
  } finally {
    operator.kill('SIGTERM');
    await Promise.race([operator.exited, sleep(20_000)]);
    await watch.stop();
    for (let index = 0; index < SETS; index += 1) await deleteSidecarSet(api, setName(index));
    await deleteNamespace(api, namespaces.rolled);
    await deleteNamespace(api, namespaces.rest);
    await api.request({ method: 'DELETE', path: `/apis/coordination.k8s.io/v1/namespaces/default/leases/ctl-bench-${run}` });
    api.close();
  }
  console.log(JSON.stringify(results));
}

/** Container restarts summed over a namespace's pods (a resize must add none). */
async function restartCount(api: KubeClient, namespace: string): Promise<number> {
  const body = (await api.requestOk({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods` })) as {
    items: { status?: { containerStatuses?: { restartCount?: number }[]; initContainerStatuses?: { restartCount?: number }[] } }[];
  };
  return body.items
    .flatMap((pod) => [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])])
    .reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
}

/** Heap figures from the operator's own /metrics (MB). */
async function heapFigures(port: number): Promise<Record<string, number>> {
  const text = await new Promise<string>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/metrics', rejectUnauthorized: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    }).on('error', reject);
  });
  const metric = (name: string): number => round(Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0) / 1048576);
  return {
    heapUsedMb: metric('nodejs_heap_size_used_bytes'),
    heapTotalMb: metric('nodejs_heap_size_total_bytes'),
    externalMb: metric('nodejs_external_memory_bytes'),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

try {
  await main();
} catch (error) {
  // A missing cluster or kubeconfig is a sentence, not a stack trace.
  console.error(`bench:controller: ${(error as Error).message}`);
  process.exit(1);
}

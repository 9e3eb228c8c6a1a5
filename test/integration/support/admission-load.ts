// Sustained pod creation through the real apiserver, open loop: one creation
// is started every 1/rate seconds whatever the answers take (at most
// `maxInFlight` at once), so a slow webhook shows as latency and failures, not
// as a lower rate quietly achieved. Each answer is checked: created, and
// injected; then the pod is deleted, so the cluster holds a steady number of
// pods (the leader's pod cache grows with the cluster, which is no leak) and
// the controller sees churn, as with Jobs. The replicas' RSS is sampled every
// second, per process.
import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { kubeconfigPath } from '../cluster-env.ts';
import { percentile } from '../../support/percentile.ts';
import { RUN_LABEL } from './cluster-objects.ts';
import type { Replica } from './operator-replicas.ts';

export interface LoadTarget {
  readonly namespace: string;
  readonly runId: string;
  /** The app label the SidecarSet selects. */
  readonly app: string;
  /** The container the set injects (a native sidecar here: an init container). */
  readonly sidecar: string;
}

export interface LoadOptions {
  readonly phase: string;
  readonly ratePerSecond: number;
  readonly durationMs: number;
  readonly maxInFlight?: number;
  readonly replicas: () => readonly Replica[];
  /** Runs alongside the load (e.g. stop a replica a third in, start it again half-way); its time is within the phase. */
  readonly during?: () => Promise<void>;
}

/** One pod creation through the apiserver, checked. */
export interface Attempt {
  readonly at: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly injected: boolean;
  readonly name: string;
  readonly error?: string;
}

/** One replica's RSS in MiB, over the samples of its last process (a restarted replica's successor). */
export interface RssFigures {
  readonly start: number | undefined;
  readonly middle: number | undefined;
  readonly end: number | undefined;
  readonly max: number | undefined;
  /** end - middle: growth over the second half of the process's samples, once V8's heap has reached its working size. */
  readonly secondHalfGrowth: number;
  /** Processes seen under this replica's name (2 after a restart). */
  readonly processes: number;
}

export interface LoadFigures {
  readonly phase: string;
  readonly targetPerSecond: number;
  readonly achievedPerSecond: number;
  readonly created: number;
  readonly failed: number;
  readonly notInjected: number;
  /** Created pods whose deletion failed (they stay behind, and the pod count grows). */
  readonly notDeleted: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Per replica name, MiB. */
  readonly rssMiB: Readonly<Record<string, RssFigures>>;
  /** The first few failures' messages. */
  readonly errors: readonly string[];
}

let client: CoreV1Api | undefined;

/** Made on first use, not at import: bench:load imports this module before it brings the cluster (and its kubeconfig) up. */
function core(): CoreV1Api {
  if (client === undefined) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(kubeconfigPath());
    client = kubeConfig.makeApiClient(CoreV1Api);
  }
  return client;
}

let sequence = 0;

/** A pod no scheduler takes (schedulerName matches none), so the load is admission's, not kwok's. */
export async function createPod(target: LoadTarget, phase: string): Promise<Attempt> {
  const at = Date.now();
  const name = `${phase}-${(sequence += 1)}`;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: target.namespace,
      labels: { app: target.app, [RUN_LABEL]: target.runId },
      annotations: { 'tandem.dev/inject': 'true' },
    },
    spec: { schedulerName: 'tandem-load-unscheduled', containers: [{ name: 'app', image: 'registry.example/app:1' }], terminationGracePeriodSeconds: 0 },
  };
  try {
    const created = await core().createNamespacedPod({ namespace: target.namespace, body: Object.assign(new V1Pod(), pod) });
    const containers = [...(created.spec?.initContainers ?? []), ...(created.spec?.containers ?? [])];
    return { at, ms: Date.now() - at, ok: true, injected: containers.some((container) => container.name === target.sidecar), name };
  } catch (error) {
    return { at, ms: Date.now() - at, ok: false, injected: false, name, error: (error as Error).message.slice(0, 300) };
  }
}

/** Deletes a created pod at once (it never ran); true when the apiserver took the deletion. */
async function deletePod(target: LoadTarget, name: string): Promise<boolean> {
  try {
    await core().deleteNamespacedPod({ namespace: target.namespace, name, gracePeriodSeconds: 0 });
    return true;
  } catch {
    return false;
  }
}

/** Creates pods until the webhook injects one (the caBundle is published and trusted), or throws after `timeoutMs`. */
export async function untilInjecting(target: LoadTarget, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = await createPod(target, 'warmup'); !(attempt.ok && attempt.injected); attempt = await createPod(target, 'warmup')) {
    if (Date.now() > deadline) throw new Error(`the webhook never injected: ${attempt.error ?? 'created without the sidecar'}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadFigures> {
  const attempts: Attempt[] = [];
  const rss = new Map<string, { pid: number; mib: number }[]>();
  let notDeleted = 0;
  const deletions: Promise<void>[] = [];
  const started = Date.now();
  const end = started + options.durationMs;
  const maxInFlight = options.maxInFlight ?? 64;
  let inFlight = 0;
  let skipped = 0;
  const pending: Promise<void>[] = [];
  const sampler = setInterval(() => {
    for (const replica of options.replicas()) {
      const mib = replica.rssMiB();
      if (mib !== undefined) rss.set(replica.name, [...(rss.get(replica.name) ?? []), { pid: replica.pid, mib }]);
    }
  }, 1_000);
  const during = options.during?.();
  const intervalMs = 1_000 / options.ratePerSecond;
  for (let index = 0; started + index * intervalMs < end; index += 1) {
    const wait = started + index * intervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) {
      skipped += 1;
      continue;
    }
    inFlight += 1;
    pending.push(
      createPod(target, options.phase).then((attempt) => {
        inFlight -= 1;
        attempts.push(attempt);
        if (attempt.ok) {
          deletions.push(
            deletePod(target, attempt.name).then((deleted) => {
              if (!deleted) notDeleted += 1;
            }),
          );
        }
      }),
    );
  }
  await Promise.all(pending);
  await during;
  await Promise.all(deletions);
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1_000;
  const sorted = attempts.map((attempt) => attempt.ms).sort((a, b) => a - b);
  const rssMiB: Record<string, RssFigures> = {};
  for (const [name, all] of rss) {
    const lastPid = all.at(-1)?.pid;
    const samples = all.filter((sample) => sample.pid === lastPid);
    const middle = samples[Math.floor((samples.length - 1) / 2)]?.mib;
    const last = samples.at(-1)?.mib;
    rssMiB[name] = {
      start: samples[0]?.mib,
      middle,
      end: last,
      max: Math.max(...samples.map((sample) => sample.mib)),
      secondHalfGrowth: Math.round(((last ?? 0) - (middle ?? 0)) * 10) / 10,
      processes: new Set(all.map((sample) => sample.pid)).size,
    };
  }
  const failures = attempts.filter((attempt) => !attempt.ok);
  return {
    phase: options.phase,
    targetPerSecond: options.ratePerSecond,
    achievedPerSecond: Math.round((attempts.length / elapsed) * 10) / 10,
    created: attempts.length - failures.length,
    // A creation the generator could not start (too many in flight) counts as failed: the rate was not sustained.
    failed: failures.length + skipped,
    notInjected: attempts.filter((attempt) => attempt.ok && !attempt.injected).length,
    notDeleted,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    rssMiB,
    errors: [...failures.slice(0, 5).map((attempt) => attempt.error ?? ''), ...(skipped > 0 ? [`${skipped} creations not started: ${maxInFlight} in flight`] : [])],
  };
}

import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import type { KubeVersion } from '../injection/kube-version.ts';
import type { Logger } from '../logging/logger.ts';
import type { PodUpgrade } from './build-upgrade-patch.ts';
import { podKey, type CachedPod } from './cached-pod.ts';
import { EVENT_REASONS } from './controller-event.ts';
import type { ControllerMetrics } from './controller-metrics.ts';
import type { ControllerCache, ControllerClient, PodPatchResult } from './controller-ports.ts';
import { buildResizePatch, type ResourceChange } from './build-resize-patch.ts';
import { formatLabelSelector } from './format-label-selector.ts';
import { planReconcile, type ReconcilePlan, type RefusedUpgrade } from './plan-reconcile.ts';
import { nextRestartedFor, restartToken, workloadKey, type WorkloadState } from './workload-ref.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { INJECTED_LABEL } from '../injection/tandem-keys.ts';

export interface ReconcilerOptions {
  readonly cache: ControllerCache;
  readonly client: ControllerClient;
  readonly kubeVersion: KubeVersion | undefined;
  readonly metrics: ControllerMetrics;
  /** How often pods without the injected label are listed per set, for missed injections. Default 30 s. */
  readonly missedScanIntervalMs?: number;
  /** While a rollout is in progress, reconcile at least this often even without events. Default 5 s. */
  readonly rolloutResyncMs?: number;
  /** Parallel pod patches per reconcile. Default 8. */
  readonly patchConcurrency?: number;
}

export interface ReconcileResult {
  /** Reconcile again after this long even if nothing changes. */
  readonly requeueAfterMs: number;
}

interface MissedScan {
  readonly at: number;
  readonly generation: number;
  readonly pods: readonly CachedPod[];
}

/**
 * The I/O shell around planReconcile: gathers inputs from the cache (and a
 * throttled list of uninjected pods), executes the plan, writes status only
 * when it changed. It keeps no rollout progress of its own: the only memory
 * across calls is the missed-pod scan (a cache) and upgrades the API server
 * refused (so they are not retried for the same revision).
 */
export class SidecarSetReconciler {
  private readonly options: ReconcilerOptions;
  private readonly scans = new Map<string, MissedScan>();
  private readonly refused = new Map<string, RefusedUpgrade>();
  /** The status last written per set, and the set's resourceVersion then: the cache lags behind our own write. */
  private readonly written = new Map<string, { resourceVersion: string; status: string }>();

  constructor(options: ReconcilerOptions) {
    this.options = options;
  }

  async reconcile(name: string, logger: Logger): Promise<ReconcileResult> {
    const { cache, metrics } = this.options;
    const set = cache.sidecarSet(name);
    if (set === undefined) {
      this.scans.delete(name);
      this.written.delete(name);
      metrics.pods.remove({ sidecarset: name });
      for (const state of STATES) metrics.pods.remove({ sidecarset: name, state });
      logger.debug('SidecarSet gone or invalid: nothing to do');
      return { requeueAfterMs: 0 };
    }
    const uninjected = await this.missedScan(set);
    const pods = [...cache.pods(), ...uninjected];
    let plan = this.plan(set, pods, undefined);
    const workloads = plan.restartCandidates.length > 0 ? await this.resolveWorkloads(plan.restartCandidates) : undefined;
    if (workloads !== undefined) plan = this.plan(set, pods, workloads);

    const outcome = await this.executeUpgrades(set, plan, logger);
    await this.restartWorkloads(set, plan, workloads, logger);
    for (const event of plan.events) this.options.client.recordEvent(event);
    this.reportCounts(name, plan);
    if (outcome.refused > 0) plan = this.plan(set, pods, undefined);
    await this.writeStatus(set, plan, logger);
    return { requeueAfterMs: this.requeueAfter(plan, outcome.conflicts) };
  }

  /** Soon after a conflict; every few seconds while a rollout moves (events usually come first); else at the next missed scan. */
  private requeueAfter(plan: ReconcilePlan, conflicts: number): number {
    if (conflicts > 0) return 100;
    const { upgrade } = plan;
    const rolling = upgrade.waiting > 0 || upgrade.unavailable > 0 || plan.upgrades.length > 0 || upgrade.restartsInProgress > 0;
    return rolling ? (this.options.rolloutResyncMs ?? 5_000) : this.scanInterval();
  }

  /**
   * Writes only when the status differs from the stored one. Right after a
   * write the cache still holds the old status; the same status is not
   * written again until the cache has moved past that resourceVersion.
   */
  private async writeStatus(set: SidecarSet, plan: ReconcilePlan, logger: Logger): Promise<void> {
    const name = nameOf(set);
    const resourceVersion = set.metadata?.resourceVersion ?? '';
    const text = canonicalJson(JSON.parse(JSON.stringify(plan.status)));
    const last = this.written.get(name);
    if (!plan.statusChanged || (last?.resourceVersion === resourceVersion && last.status === text)) return;
    await this.options.client.writeStatus(name, plan.status);
    this.written.set(name, { resourceVersion, status: text });
    logger.info({ status: summarize(plan) }, 'status written');
  }

  private plan(set: SidecarSet, pods: readonly CachedPod[], workloads: ReadonlyMap<string, WorkloadState> | undefined): ReconcilePlan {
    const { cache } = this.options;
    return planReconcile({
      set,
      allSets: cache.sidecarSets(),
      pods,
      namespaceLabels: (namespace) => cache.namespaceLabels(namespace),
      kubeVersion: this.options.kubeVersion,
      refused: this.refused,
      now: new Date(),
      ...(workloads !== undefined ? { workloads } : {}),
    });
  }

  private scanInterval(): number {
    return this.options.missedScanIntervalMs ?? 30_000;
  }

  /** Uninjected pods the set's selector matches: listed (server-side filtered), never cached, at most once per interval. */
  private async missedScan(set: SidecarSet): Promise<readonly CachedPod[]> {
    const name = nameOf(set);
    const generation = set.metadata?.generation ?? 0;
    const previous = this.scans.get(name);
    if (previous !== undefined && previous.generation === generation && Date.now() - previous.at < this.scanInterval()) {
      return previous.pods;
    }
    const selector = `${formatLabelSelector(set.spec.selector)},${INJECTED_LABEL}!=true`;
    const pods = await this.options.client.listUninjectedPods(selector);
    this.scans.set(name, { at: Date.now(), generation, pods });
    return pods;
  }

  private async resolveWorkloads(pods: readonly CachedPod[]): Promise<Map<string, WorkloadState>> {
    const workloads = new Map<string, WorkloadState>();
    for (const pod of pods) {
      const state = await this.options.client.resolveWorkload(pod);
      if (state !== undefined) workloads.set(podKey(pod), state);
    }
    return workloads;
  }

  private async executeUpgrades(set: SidecarSet, plan: ReconcilePlan, logger: Logger): Promise<{ conflicts: number; refused: number }> {
    const name = nameOf(set);
    const upgrades = plan.upgrades;
    const outcome = { conflicts: 0, refused: 0 };
    const queue = [...upgrades];
    const worker = async (): Promise<void> => {
      for (let upgrade = queue.shift(); upgrade !== undefined; upgrade = queue.shift()) {
        const { result, resources } = upgrade.resize
          ? await this.resizeThenPatch(set, plan, upgrade)
          : { result: await this.options.client.patchPod(upgrade.pod.namespace, upgrade.pod.name, upgrade.patch), resources: [] };
        this.options.metrics.upgrades.inc({ sidecarset: name, result: result.kind === 'patched' ? 'success' : result.kind });
        if (result.kind === 'refused') this.refused.set(upgrade.pod.uid, { hash: plan.hashes.hash, message: result.message });
        this.reportUpgrade(set, { ...upgrade, resources }, result, logger);
        if (result.kind === 'conflict') outcome.conflicts += 1;
        if (result.kind === 'refused') outcome.refused += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.patchConcurrency ?? 8, upgrades.length) }, worker));
    return outcome;
  }

  /**
   * A resize first, through the pod's `resize` subresource, computed from the
   * pod as the API server has it now (its override annotations); then the
   * image patch, which moves the record to the current revision. If the
   * second request never happens (a crash, a lost leadership), the pod keeps
   * its old record and the next plan resizes it again, which is then a no-op.
   */
  private async resizeThenPatch(set: SidecarSet, plan: ReconcilePlan, upgrade: PodUpgrade): Promise<{ result: PodPatchResult; resources: readonly ResourceChange[] }> {
    const { client } = this.options;
    const pod = upgrade.pod;
    const live = await client.readPod(pod.namespace, pod.name);
    if (live === undefined || pod.record.kind !== 'ok') return { result: { kind: 'conflict', message: 'the pod is gone' }, resources: [] };
    const resize = buildResizePatch(set, plan.native, live, pod.record.text);
    if (resize.kind !== 'resize') return { result: resize, resources: [] };
    if (resize.patch.length > 0) {
      const resized = await client.resizePod(pod.namespace, pod.name, resize.patch);
      if (resized.kind !== 'patched') return { result: resized, resources: resize.changes };
    }
    return { result: await client.patchPod(pod.namespace, pod.name, upgrade.patch), resources: resize.changes };
  }

  private reportUpgrade(set: SidecarSet, upgrade: PodUpgrade & { readonly resources: readonly ResourceChange[] }, result: PodPatchResult, logger: Logger): void {
    const pod = upgrade.pod;
    const target = { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid } as const;
    const images = [
      ...upgrade.changes.map((change) => `${change.container}: ${change.from} -> ${change.to}`),
      ...upgrade.resources.map((change) => `${change.container} resources: ${change.from} -> ${change.to}`),
    ].join(', ');
    const fields = { pod: podKey(pod), images };
    if (result.kind === 'patched') {
      logger.info(fields, 'pod upgraded in place');
      this.options.client.recordEvent({ target, type: 'Normal', reason: EVENT_REASONS.upgraded, message: `SidecarSet "${nameOf(set)}": upgraded in place (${images})` });
    } else if (result.kind === 'conflict') {
      logger.info({ ...fields, reason: result.message }, 'pod changed since planned; re-planning');
    } else {
      logger.warn({ ...fields, reason: result.message }, 'the API server refused the in-place upgrade');
      this.options.client.recordEvent({ target, type: 'Warning', reason: EVENT_REASONS.refused, message: `SidecarSet "${nameOf(set)}": the API server refused the in-place upgrade (${images}): ${result.message}` });
    }
  }

  private async restartWorkloads(
    set: SidecarSet,
    plan: ReconcilePlan,
    workloads: ReadonlyMap<string, WorkloadState> | undefined,
    logger: Logger,
  ): Promise<void> {
    const name = nameOf(set);
    const states = [...(workloads?.values() ?? [])];
    for (const ref of plan.upgrade.restarts) {
      const current = states.find((state) => workloadKey(state.ref) === workloadKey(ref))?.restartedFor ?? [];
      await this.options.client.restartWorkload(ref, nextRestartedFor(current, name, plan.hashes.hash), new Date());
      this.options.metrics.restarts.inc({ sidecarset: name });
      logger.info({ workload: workloadKey(ref), token: restartToken(name, plan.hashes.hash) }, 'workload restarted');
    }
  }

  private reportCounts(name: string, plan: ReconcilePlan): void {
    const counts = plan.counts;
    const values: Record<(typeof STATES)[number], number> = {
      matched: counts.matchedPods,
      injected: counts.injectedPods,
      updated: counts.updatedPods,
      ready: counts.readyPods,
      updated_ready: counts.updatedReadyPods,
      missed: counts.missedPods,
      outdated: counts.outdatedPods,
    };
    for (const state of STATES) this.options.metrics.pods.set({ sidecarset: name, state }, values[state]);
  }
}

const STATES = ['matched', 'injected', 'updated', 'ready', 'updated_ready', 'missed', 'outdated'] as const;

function summarize(plan: ReconcilePlan): Record<string, number> {
  return { ...plan.counts, inPlace: plan.upgrades.length, waiting: plan.upgrade.waiting, unavailable: plan.upgrade.unavailable };
}

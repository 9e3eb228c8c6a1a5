// Planning of in-place resizes and of kubelet confirmation (ADR 0025):
// which older revisions a running pod can take in place, when a pod on the
// current revision counts as updated, what stops a rollout, and the resize
// patch computed from the live pod with its per-pod overrides.
import { describe, expect, it } from '@jest/globals';
import type { SidecarSet, SidecarSetSpec } from '../../../operator/api/sidecar-set.ts';
import { buildResizePatch, type ResizablePod } from '../../../operator/controller/build-resize-patch.ts';
import { trimPod, type CachedPod, type PodLike } from '../../../operator/controller/cached-pod.ts';
import { planReconcile, type ReconcilePlan } from '../../../operator/controller/plan-reconcile.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { KubeVersion } from '../../../operator/injection/kube-version.ts';
import { INJECTION_RECORD_ANNOTATION } from '../../../operator/injection/tandem-keys.ts';
import { KUBE, setWith } from './controller-fixtures.ts';

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

const SMALL: Resources = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } };
const LARGE: Resources = { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '96Mi' } };

function proxySet(options: { image?: string; resources?: Resources; env?: string; generation?: number; spec?: Partial<SidecarSetSpec> } = {}): SidecarSet {
  return setWith(
    'proxy',
    {
      nativeSidecars: 'Always',
      containers: [
        {
          name: 'proxy',
          image: options.image ?? 'example.com/proxy:1',
          resources: options.resources ?? SMALL,
          ...(options.env !== undefined ? { env: [{ name: 'MODE', value: options.env }] } : {}),
        },
      ],
      updateStrategy: { maxUnavailable: 1 },
      ...options.spec,
    },
    options.generation ?? 1,
  );
}

interface Kubelet {
  /** status.observedGeneration; the pod's generation is 2 (one patch after creation). */
  readonly observed?: number;
  /** What the proxy's status reports (default: its spec's image and resources). */
  readonly image?: string;
  readonly resources?: Resources;
  readonly waiting?: { reason: string; message: string };
  readonly resizePending?: { reason: string; message: string };
  /** The container is terminated since then (the kubelet stopped it for the change and has not started it). */
  readonly stoppedAt?: string;
}

/** The full pod as the API server stores it: injected with `injectedWith`, its proxy spec then set to `spec` (what a patch made it), and the kubelet's report. */
function fullPod(name: string, injectedWith: SidecarSet, kubelet: Kubelet = {}, annotations: Record<string, string> = {}): PodLike & ResizablePod {
  const template: PodTemplate = {
    metadata: { name, namespace: 'shop', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true', ...annotations } },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
  };
  const injected = injectPod({ pod: template, namespaceLabels: {}, sidecarSets: [injectedWith], options: { kubeVersion: KUBE } }).pod;
  const proxy = injected.spec?.initContainers?.find((container) => container.name === 'proxy');
  const status = {
    name: 'proxy',
    image: kubelet.image ?? proxy?.image ?? '',
    ready: kubelet.waiting === undefined,
    resources: kubelet.resources ?? proxy?.resources,
    ...(kubelet.waiting !== undefined ? { state: { waiting: kubelet.waiting } } : {}),
    ...(kubelet.stoppedAt !== undefined ? { state: { terminated: { finishedAt: kubelet.stoppedAt } } } : {}),
  };
  return {
    metadata: { ...(injected.metadata as NonNullable<PodLike['metadata']>), uid: `uid-${name}`, resourceVersion: '5', generation: 2 },
    spec: injected.spec,
    status: {
      phase: 'Running',
      observedGeneration: kubelet.observed ?? 2,
      conditions: [
        { type: 'Ready', status: kubelet.waiting === undefined ? 'True' : 'False' },
        ...(kubelet.resizePending !== undefined ? [{ type: 'PodResizePending', status: 'True', ...kubelet.resizePending }] : []),
      ],
      containerStatuses: [{ name: 'app', image: 'example.com/app:1', ready: true }],
      initContainerStatuses: [status],
    },
  };
}

function plan(set: SidecarSet, pods: readonly CachedPod[], kubeVersion: KubeVersion = KUBE): ReconcilePlan {
  return planReconcile({ set, allSets: [set], pods, namespaceLabels: () => ({}), kubeVersion, now: new Date('2026-12-03T18:00:00Z') });
}

const v1 = proxySet();

describe('which older revision a running pod takes in place', () => {
  const cases: { name: string; current: SidecarSet; kube?: KubeVersion; record?: (record: string) => string; state: string; resize?: boolean; reason?: RegExp }[] = [
    { name: 'only the image changed', current: proxySet({ image: 'example.com/proxy:2', generation: 2 }), state: 'upgradable', resize: false },
    { name: 'only cpu/memory changed', current: proxySet({ resources: LARGE, generation: 2 }), state: 'upgradable', resize: true },
    { name: 'image and resources changed', current: proxySet({ image: 'example.com/proxy:2', resources: LARGE, generation: 2 }), state: 'upgradable', resize: true },
    { name: 'an env var changed', current: proxySet({ env: 'fast', generation: 2 }), state: 'outdated', reason: /env, args, command, volume mounts, probes/ },
    { name: 'resources and env changed', current: proxySet({ resources: LARGE, env: 'fast', generation: 2 }), state: 'outdated', reason: /cannot change them in a running pod/ },
    {
      name: 'resources changed on a cluster older than 1.33',
      current: proxySet({ resources: LARGE, generation: 2 }),
      kube: { major: 1, minor: 32 },
      state: 'outdated',
      reason: /needs Kubernetes 1\.33/,
    },
    {
      name: 'resources changed, the record predates resize (no hashWithoutImagesAndResources)',
      current: proxySet({ resources: LARGE, generation: 2 }),
      record: (record) => record.replace(/,"hashWithoutImagesAndResources":"[0-9a-f]+"/, ''),
      state: 'outdated',
      reason: /did not record resources apart/,
    },
  ];
  it.each(cases)('$name: $state', ({ current, kube, record, state, resize, reason }) => {
    const pod = fullPod('web-1', v1);
    const annotations = pod.metadata?.annotations ?? {};
    const text = annotations[INJECTION_RECORD_ANNOTATION] ?? '';
    const trimmed = trimPod({ ...pod, metadata: { ...pod.metadata, annotations: { ...annotations, [INJECTION_RECORD_ANNOTATION]: record?.(text) ?? text } } });
    const result = plan(current, [trimmed], kube);
    const found = result.pods[0]?.state;
    expect(found?.kind).toBe(state);
    if (found?.kind === 'upgradable') expect(found.resize).toBe(resize);
    if (found?.kind === 'outdated') expect(found.reason).toMatch(reason ?? /./);
  });

  it('plans a resize as an upgrade flagged resize, whose record patch carries all three current hashes', () => {
    const current = proxySet({ resources: LARGE, generation: 2 });
    const result = plan(current, [trimPod(fullPod('web-1', v1))]);
    expect(result.upgrades).toHaveLength(1);
    expect(result.upgrades[0]?.resize).toBe(true);
    expect(result.upgrades[0]?.changes).toEqual([]);
    const recordOp = result.upgrades[0]?.patch.at(-1);
    const written = JSON.parse(String(recordOp?.value)) as { sets: Record<string, Record<string, unknown>> };
    expect(written.sets.proxy).toMatchObject({ hash: result.hashes.hash, hashWithoutImages: result.hashes.hashWithoutImages, hashWithoutImagesAndResources: result.hashes.hashWithoutImagesAndResources });
    // The record a re-injection would write now: the same hashes.
    const reinjected = trimPod(fullPod('web-2', current));
    expect(reinjected.record.kind === 'ok' && reinjected.record.record.sets.proxy).toMatchObject(written.sets.proxy ?? {});
  });
});

describe('a pod on the current revision counts as updated only once the kubelet confirms it', () => {
  const current = proxySet({ resources: LARGE, generation: 2 });
  const cases: { name: string; kubelet: Kubelet; state: string; waitingFor?: RegExp }[] = [
    { name: 'observedGeneration reached, image and resources reported', kubelet: {}, state: 'updated' },
    { name: 'observedGeneration behind the pod generation', kubelet: { observed: 1 }, state: 'updating', waitingFor: /generation 2 yet \(observedGeneration 1\)/ },
    { name: 'the resize not applied yet (status resources old)', kubelet: { resources: SMALL }, state: 'updating', waitingFor: /requests.memory 64Mi applied/ },
    { name: 'the same quantity written differently', kubelet: { resources: { requests: { cpu: '0.05', memory: '96Mi' }, limits: { memory: '100663296' } } }, state: 'updated' },
    { name: 'the old image still running', kubelet: { image: 'example.com/proxy:0' }, state: 'updating', waitingFor: /runs example.com\/proxy:0/ },
  ];
  it.each(cases)('$name: $state', ({ kubelet, state, waitingFor }) => {
    const result = plan(current, [trimPod(fullPod('web-1', current, kubelet))]);
    const found = result.pods[0]?.state;
    expect(found?.kind).toBe(state);
    if (found?.kind === 'updating') expect(found.waitingFor).toMatch(waitingFor ?? /./);
    expect(result.counts.updatedPods).toBe(state === 'updated' ? 1 : 0);
    expect(result.pods[0]?.available).toBe(state === 'updated');
  });

  it('counts an unconfirmed pod against maxUnavailable: no other pod is upgraded meanwhile', () => {
    const pods = [trimPod(fullPod('web-1', current, { observed: 1 })), trimPod(fullPod('web-2', v1)), trimPod(fullPod('web-3', v1))];
    const result = plan(current, pods);
    expect(result.upgrade.unavailable).toBe(1);
    expect(result.upgrades).toHaveLength(0);
    expect(result.status.conditions?.find((condition) => condition.type === 'Ready')?.reason).toBe('RollingUpdate');
  });

  it('names a resize the kubelet holds (Infeasible) and does not force it', () => {
    const pod = trimPod(fullPod('web-1', current, { resources: SMALL, resizePending: { reason: 'Infeasible', message: 'Node didn\'t have enough capacity: memory' } }));
    const result = plan(current, [pod]);
    const ready = result.status.conditions?.find((condition) => condition.type === 'Ready');
    expect(ready?.reason).toBe('Updating');
    expect(ready?.message).toContain('shop/web-1: Infeasible Node didn\'t have enough capacity: memory');
    expect(result.upgrades).toHaveLength(0);
  });
});

describe('a sidecar that cannot start on the current revision stops the rollout', () => {
  const bad = proxySet({ image: 'example.com/proxy:missing', generation: 2 });
  const failing = trimPod(fullPod('web-1', bad, { image: 'example.com/proxy:1', waiting: { reason: 'ErrImagePull', message: 'not found' } }));
  const older = [trimPod(fullPod('web-2', v1)), trimPod(fullPod('web-3', v1)), trimPod(fullPod('web-4', v1))];

  it('upgrades nothing more, says so in the Ready condition and in an event on the set', () => {
    const result = plan({ ...bad, spec: { ...bad.spec, updateStrategy: { maxUnavailable: 3 } } }, [failing, ...older]);
    expect(result.upgrade.blocked).toBe('Failing');
    expect(result.upgrades).toHaveLength(0);
    const ready = result.status.conditions?.find((condition) => condition.type === 'Ready');
    expect(ready?.reason).toBe('RolloutStopped');
    expect(ready?.message).toContain('shop/web-1: container proxy (example.com/proxy:missing): ErrImagePull: not found');
    expect(result.events.find((event) => event.reason === 'RolloutStopped')?.message).toContain('fix the SidecarSet to resume');
  });

  it('counts a native sidecar the kubelet stopped and did not start on the new image for 30 s as failing (v1.36 reports no waiting reason then)', () => {
    const stopped = (at: string): CachedPod => trimPod(fullPod('web-1', bad, { image: 'example.com/proxy:1', stoppedAt: at }));
    // The plan's clock is 18:00:00.
    expect(plan(bad, [stopped('2026-12-03T17:59:50Z'), ...older]).upgrade.blocked).toBeUndefined();
    const late = plan(bad, [stopped('2026-12-03T17:59:20Z'), ...older]);
    expect(late.upgrade.blocked).toBe('Failing');
    expect(late.upgrade.failing[0]?.failure).toBe('container proxy has not started on example.com/proxy:missing 40 s after the kubelet stopped it (its events, kubectl describe pod, say why: ErrImagePull, ErrImageNeverPull...)');
  });

  it('resumes once the set is fixed: the failing pod is upgraded first, at no cost (it is unavailable already; maxUnavailable 1 leaves no room for more)', () => {
    const fixed = proxySet({ image: 'example.com/proxy:2', generation: 3 });
    const result = plan(fixed, [failing, ...older]);
    expect(result.upgrade.blocked).toBeUndefined();
    expect(result.upgrades.map((upgrade) => upgrade.pod.name)).toEqual(['web-1']);
  });
});

describe('buildResizePatch', () => {
  const withOverride = proxySet({
    spec: { overrides: [{ annotation: 'proxy.example.com/memory-limit', container: 'proxy', resource: 'limits.memory', maximum: '1Gi' }] },
  });
  const recordOf = (pod: ResizablePod): string => pod.metadata?.annotations?.[INJECTION_RECORD_ANNOTATION] ?? '';

  it('keeps a per-pod override in force: the pod with memory-limit 384Mi keeps it, its requests move', () => {
    const pod = fullPod('web-1', withOverride, {}, { 'proxy.example.com/memory-limit': '384Mi' });
    const next = { ...withOverride, spec: { ...withOverride.spec, containers: [{ ...withOverride.spec.containers![0]!, resources: LARGE }] } };
    const resize = buildResizePatch(next, true, pod, recordOf(pod));
    expect(resize).toEqual({
      kind: 'resize',
      changes: [{ container: 'proxy', from: '{"limits":{"memory":"384Mi"},"requests":{"cpu":"50m","memory":"64Mi"}}', to: '{"limits":{"memory":"384Mi"},"requests":{"cpu":"50m","memory":"96Mi"}}' }],
      patch: [
        { op: 'test', path: '/metadata/annotations/tandem.dev~1injection-record', value: recordOf(pod) },
        { op: 'test', path: '/spec/initContainers/0/name', value: 'proxy' },
        { op: 'replace', path: '/spec/initContainers/0/resources', value: { requests: { cpu: '50m', memory: '96Mi' }, limits: { memory: '384Mi' } } },
      ],
    });
  });

  it('asks for nothing when the pod already has the resources (a resize whose record patch was lost)', () => {
    const pod = fullPod('web-1', proxySet({ resources: LARGE }));
    expect(buildResizePatch(proxySet({ resources: LARGE, generation: 2 }), true, pod, recordOf(pod))).toEqual({ kind: 'resize', changes: [], patch: [] });
  });

  it('re-plans when the record is not the planned one, refuses an invalid override annotation', () => {
    const pod = fullPod('web-1', v1);
    expect(buildResizePatch(proxySet({ resources: LARGE }), true, pod, '{"version":1,"sets":{}}').kind).toBe('conflict');
    const injected = fullPod('web-2', withOverride, {}, { 'proxy.example.com/memory-limit': '384Mi' });
    // Edited after creation, above the set's maximum.
    const invalid = { ...injected, metadata: { ...injected.metadata, annotations: { ...injected.metadata?.annotations, 'proxy.example.com/memory-limit': '2Gi' } } };
    const resize = buildResizePatch(withOverride, true, invalid, recordOf(invalid));
    expect(resize.kind === 'refused' && resize.message).toContain('proxy.example.com/memory-limit');
  });
});

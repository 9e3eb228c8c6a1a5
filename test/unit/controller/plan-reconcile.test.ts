import { describe, expect, it } from '@jest/globals';
import { applyPatch, type Operation } from 'fast-json-patch';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { buildUpgradePatch } from '../../../operator/controller/build-upgrade-patch.ts';
import { trimPod, type CachedPod } from '../../../operator/controller/cached-pod.ts';
import { planReconcile, sameStatus, type ReconcileInput } from '../../../operator/controller/plan-reconcile.ts';
import { resolveNativeness } from '../../../operator/injection/resolve-nativeness.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import { injectedPod, KUBE, plainPod, setWith, withImage } from './controller-fixtures.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const v1 = setWith('proxy', { containers: [{ name: 'proxy', image: 'example.com/proxy:1' }], updateStrategy: { type: 'RollingUpdate', maxUnavailable: 2 } });
const v2 = withImage(v1, 'example.com/proxy:2');

function plan(set: SidecarSet, pods: CachedPod[], extra: Partial<ReconcileInput> = {}) {
  return planReconcile({ set, allSets: [set], pods, namespaceLabels: () => ({}), kubeVersion: KUBE, now: NOW, ...extra });
}

describe('planReconcile: status', () => {
  it('counts matched, injected, updated, ready, updatedReady, missed and outdated pods', () => {
    const envChanged: SidecarSet = { ...v2, spec: { ...v2.spec, containers: [{ name: 'proxy', image: 'example.com/proxy:2', env: [{ name: 'A', value: 'b' }] }] } };
    const pods = [
      injectedPod([envChanged], { name: 'updated-ready' }),
      injectedPod([envChanged], { name: 'updated-unready', ready: false }),
      injectedPod([v1], { name: 'outdated' }),
      plainPod({ name: 'missed' }),
      plainPod({ name: 'not-opted-in', annotations: {} }),
      injectedPod([v1], { name: 'elsewhere', labels: { app: 'other' } }),
    ];
    const result = plan(envChanged, pods);
    expect(result.status).toMatchObject({
      observedGeneration: 2,
      matchedPods: 5,
      injectedPods: 3,
      updatedPods: 2,
      readyPods: 2,
      updatedReadyPods: 1,
      missedPods: 1,
      outdatedPods: 1,
    });
    expect(result.status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodsOutdated' });
    expect(result.upgrades).toEqual([]);
    expect(result.events.map((event) => event.reason).sort()).toEqual(['SidecarInjectionMissed', 'SidecarNotUpgradable']);
  });

  it('Ready is True when every injected pod is updated and ready; unchanged conditions keep their transition time', () => {
    const first = plan(v1, [injectedPod([v1], { name: 'a' })]);
    expect(first.status.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Ready', 'True', 'PodsUpToDate'],
      ['Conflict', 'False', 'NoConflict'],
      ['Paused', 'False', 'NotPaused'],
    ]);
    expect(first.statusChanged).toBe(true);
    const stored = { ...v1, status: first.status };
    const later = plan(stored, [injectedPod([v1], { name: 'a' })], { now: new Date('2026-11-27T00:00:00Z') });
    expect(later.statusChanged).toBe(false);
    expect(sameStatus(stored.status, later.status)).toBe(true);
  });

  it('Conflict names the other set and the clashing names', () => {
    const other = setWith('zz-other', { containers: [{ name: 'proxy', image: 'x' }] });
    const result = planReconcile({ set: v1, allSets: [v1, other], pods: [], namespaceLabels: () => ({}), kubeVersion: KUBE, now: NOW });
    const conflict = result.status.conditions?.find((c) => c.type === 'Conflict');
    expect(conflict).toMatchObject({ status: 'True', reason: 'NameClash' });
    expect(conflict?.message).toContain('SidecarSet "zz-other" may select the same pods and also declares container "proxy"');
    expect(result.events[0]).toMatchObject({ type: 'Warning', reason: 'SidecarSetConflict', target: { kind: 'SidecarSet', name: 'proxy' } });
  });

  it.each([
    [{ paused: true }, {}, 'InjectionPaused'],
    [{}, { paused: true }, 'UpdatePaused'],
    [{ paused: true }, { paused: true }, 'InjectionAndUpdatePaused'],
  ])('Paused condition %#', (spec, strategy, reason) => {
    const set = { ...v2, spec: { ...v2.spec, ...spec, updateStrategy: { ...v2.spec.updateStrategy, ...strategy } } };
    const result = plan(set, [injectedPod([v1], { name: 'a' })]);
    expect(result.status.conditions?.find((c) => c.type === 'Paused')).toMatchObject({ status: 'True', reason });
  });
});

describe('planReconcile: in-place upgrades', () => {
  it('upgrades image-only changes within maxUnavailable, in name order', () => {
    const pods = ['a', 'b', 'c', 'd'].map((name) => injectedPod([v1], { name }));
    const result = plan(v2, pods);
    expect(result.upgrades.map((upgrade) => upgrade.pod.name)).toEqual(['a', 'b']);
    expect(result.upgrades[0]?.changes).toEqual([{ container: 'proxy', from: 'example.com/proxy:1', to: 'example.com/proxy:2', init: true }]); // Auto on 1.36: a native sidecar
    expect(result.status.conditions?.[0]).toMatchObject({ reason: 'RollingUpdate' });
    expect(result.events.find((event) => event.reason === 'UpgradingPods')?.message).toContain('upgrading 2 pods in place');
  });

  it('does not retry a refused upgrade for the same revision, and says so', () => {
    const pod = injectedPod([v1], { name: 'a' });
    const hash = hashSidecarSet(v2, resolveNativeness(v2, KUBE)).hash;
    const result = plan(v2, [pod], { refused: new Map([[pod.uid, { hash, message: 'Forbidden: pod updates may not change fields' }]]) });
    expect(result.upgrades).toEqual([]);
    expect(result.status.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InPlaceUpgradeRefused' });
  });

  it('hands RestartWorkloads candidates (outdated and missed pods) to the shell', () => {
    const set = { ...v1, spec: { ...v1.spec, updateStrategy: { type: 'RestartWorkloads' as const, maxUnavailable: 1 } } };
    const result = plan(set, [plainPod({ name: 'missed' }), injectedPod([v1], { name: 'ok' })]);
    expect(result.restartCandidates.map((pod) => pod.name)).toEqual(['missed']);
  });
});

describe('buildUpgradePatch', () => {
  it.each([
    ['regular sidecar', 'Never'],
    ['native sidecar', 'Always'],
  ] as const)('%s: the patched pod equals a pod injected with the new revision', (_name, nativeSidecars) => {
    const old = { ...v1, spec: { ...v1.spec, nativeSidecars, initContainers: [{ name: 'setup', image: 'example.com/setup:1' }] } };
    const next: SidecarSet = {
      ...old,
      spec: {
        ...old.spec,
        containers: [{ name: 'proxy', image: 'example.com/proxy:2' }],
        initContainers: [{ name: 'setup', image: 'example.com/setup:2' }],
      },
    };
    const raw = { metadata: { name: 'a', namespace: 'default', labels: { app: 'web' }, annotations: { 'tandem.dev/inject': 'true' } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } };
    const before = injectPod({ pod: raw, namespaceLabels: {}, sidecarSets: [old], options: { kubeVersion: KUBE } }).pod;
    const expected = injectPod({ pod: raw, namespaceLabels: {}, sidecarSets: [next], options: { kubeVersion: KUBE } }).pod;
    const upgrade = buildUpgradePatch(next, hashSidecarSet(next, resolveNativeness(next, KUBE)), trimPod(before))!;
    const patched = applyPatch(structuredClone(before), upgrade.patch as Operation[], true, false).newDocument;
    expect(patched).toEqual(expected);
    expect(upgrade.changes.map((change) => change.container).sort()).toEqual(['proxy', 'setup']);
  });

  it('fails as a whole when the record changed since the plan (another replica got there first)', () => {
    const before = injectedPod([v1], { name: 'a' });
    const upgrade = buildUpgradePatch(v2, hashSidecarSet(v2, resolveNativeness(v2, KUBE)), before)!;
    const current = { metadata: { annotations: { 'tandem.dev/injection-record': '{"version":1,"sets":{}}' } }, spec: { containers: [{ name: 'app', image: 'x' }, { name: 'proxy', image: 'example.com/proxy:1' }] } };
    expect(() => applyPatch(structuredClone(current), upgrade.patch as Operation[], true, false)).toThrow();
  });
});

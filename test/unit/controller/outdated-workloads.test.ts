import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import type { CachedPod, OwnerReference } from '../../../operator/controller/cached-pod.ts';
import { workloadToRoll } from '../../../operator/controller/outdated-workloads.ts';
import { planReconcile } from '../../../operator/controller/plan-reconcile.ts';
import { injectedPod, KUBE, setWith } from './controller-fixtures.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const v1 = setWith('proxy', { containers: [{ name: 'proxy', image: 'example.com/proxy:1' }], updateStrategy: { type: 'RollingUpdate', maxUnavailable: 2 } });
const envChanged: SidecarSet = { ...v1, spec: { ...v1.spec, containers: [{ name: 'proxy', image: 'example.com/proxy:1', env: [{ name: 'A', value: 'b' }] }] } };

function owner(kind: string, name: string, apiVersion = 'apps/v1'): OwnerReference {
  return { apiVersion, kind, name, uid: `uid-${kind}-${name}` };
}

function ownedPod(name: string, ownedBy: OwnerReference | undefined, labels: Record<string, string> = {}, namespace = 'shop'): CachedPod {
  const pod = injectedPod([v1], { name, namespace, labels: { app: 'web', ...labels } });
  return { ...pod, owner: ownedBy };
}

function plan(set: SidecarSet, pods: CachedPod[]) {
  return planReconcile({ set, allSets: [set], pods, namespaceLabels: () => ({}), kubeVersion: KUBE, now: NOW });
}

describe('workloadToRoll: what a user rolls to recreate a pod, from the cache alone', () => {
  it.each([
    ['a Deployment\'s ReplicaSet (name ends in the pod-template-hash)', owner('ReplicaSet', 'web-5d8f9c7b4'), { 'pod-template-hash': '5d8f9c7b4' }, { kind: 'Deployment', name: 'web', restartable: true }],
    ['a Deployment whose name has dashes', owner('ReplicaSet', 'my-web-app-7f6d'), { 'pod-template-hash': '7f6d' }, { kind: 'Deployment', name: 'my-web-app', restartable: true }],
    ['a bare ReplicaSet (no hash label)', owner('ReplicaSet', 'web-5d8f9c7b4'), {}, { kind: 'ReplicaSet', name: 'web-5d8f9c7b4', restartable: false }],
    ['a ReplicaSet whose name does not end in the hash', owner('ReplicaSet', 'web'), { 'pod-template-hash': '5d8f9c7b4' }, { kind: 'ReplicaSet', name: 'web', restartable: false }],
    ['a ReplicaSet named exactly "-<hash>"', owner('ReplicaSet', '-abc'), { 'pod-template-hash': 'abc' }, { kind: 'ReplicaSet', name: '-abc', restartable: false }],
    ['a StatefulSet', owner('StatefulSet', 'db'), {}, { kind: 'StatefulSet', name: 'db', restartable: true }],
    ['a DaemonSet', owner('DaemonSet', 'agent'), {}, { kind: 'DaemonSet', name: 'agent', restartable: true }],
    ['a Job', owner('Job', 'backup-29012', 'batch/v1'), {}, { kind: 'Job', name: 'backup-29012', restartable: false }],
    ['a custom controller', owner('Rollout', 'canary', 'argoproj.io/v1alpha1'), {}, { kind: 'Rollout', name: 'canary', restartable: false }],
  ])('%s', (_what, ownedBy, labels, expected) => {
    expect(workloadToRoll(ownedPod('p', ownedBy, labels))).toEqual(expected);
  });

  it('a pod nobody owns has no workload', () => {
    expect(workloadToRoll(ownedPod('p', undefined))).toBeUndefined();
  });
});

describe('outdated pods are reported per workload', () => {
  const rs = owner('ReplicaSet', 'web-5d8f9c7b4');
  const sts = owner('StatefulSet', 'db');
  const pods = [
    ownedPod('web-5d8f9c7b4-a', rs, { 'pod-template-hash': '5d8f9c7b4' }),
    ownedPod('web-5d8f9c7b4-b', rs, { 'pod-template-hash': '5d8f9c7b4' }),
    ownedPod('web-5d8f9c7b4-c', rs, { 'pod-template-hash': '5d8f9c7b4' }),
    ownedPod('db-0', sts),
    ownedPod('loner', undefined),
  ];

  it('one WorkloadOutdated event on each owner, naming the workload, the pods, why and the command; a pod nobody owns gets its own', () => {
    const result = plan(envChanged, pods);
    expect(result.status.outdatedPods).toBe(5);
    const workloadEvents = result.events.filter((event) => event.reason === 'WorkloadOutdated');
    expect(workloadEvents.map((event) => event.target)).toEqual([
      { kind: 'Owner', apiVersion: 'apps/v1', ownerKind: 'ReplicaSet', namespace: 'shop', name: 'web-5d8f9c7b4', uid: 'uid-ReplicaSet-web-5d8f9c7b4' },
      { kind: 'Owner', apiVersion: 'apps/v1', ownerKind: 'StatefulSet', namespace: 'shop', name: 'db', uid: 'uid-StatefulSet-db' },
    ]);
    expect(workloadEvents[0]?.message).toBe(
      'SidecarSet "proxy": 3 pods of Deployment shop/web not upgraded in place: sidecar fields other than images and cpu/memory resources (env, args, command, volume mounts, probes, ports, security context, podMetadata...) changed since the pod was injected; Kubernetes cannot change them in a running pod; to apply it: kubectl rollout restart deployment/web -n shop, or set updateStrategy.type RestartWorkloads',
    );
    expect(workloadEvents[1]?.message).toContain('1 pod of StatefulSet shop/db not upgraded in place');
    expect(workloadEvents[1]?.message).toContain('kubectl rollout restart statefulset/db -n shop');
    const podEvents = result.events.filter((event) => event.reason === 'SidecarNotUpgradable');
    expect(podEvents.map((event) => event.target)).toEqual([{ kind: 'Pod', namespace: 'shop', name: 'loner', uid: 'uid-loner' }]);
  });

  it('the PodsOutdated condition names the workloads, the pods of none, and the remedy', () => {
    const ready = plan(envChanged, pods).status.conditions?.find((condition) => condition.type === 'Ready');
    expect(ready?.reason).toBe('PodsOutdated');
    expect(ready?.message).toContain('5 pods carry an older revision that cannot be upgraded in place: sidecar fields other than images');
    expect(ready?.message).toContain('in 2 workloads: Deployment shop/web (3), StatefulSet shop/db (1), and 1 pods of no workload');
    expect(ready?.message).toContain('roll their workloads (kubectl rollout restart deployment/web -n shop, ...) or set updateStrategy.type RestartWorkloads');
  });

  it('with RestartWorkloads the event and the condition say Tandem restarts them', () => {
    const restarting: SidecarSet = { ...envChanged, spec: { ...envChanged.spec, updateStrategy: { type: 'RestartWorkloads' } } };
    const result = plan(restarting, pods);
    expect(result.events.find((event) => event.reason === 'WorkloadOutdated')?.message).toContain('Tandem restarts Deployment shop/web (updateStrategy.type RestartWorkloads)');
    expect(result.status.conditions?.find((condition) => condition.type === 'Ready')?.message).toContain('Tandem restarts their workloads');
  });

  it('a sidecar added to the set is named as such', () => {
    const added: SidecarSet = {
      ...v1,
      spec: { ...v1.spec, containers: [{ name: 'proxy', image: 'example.com/proxy:1' }, { name: 'log-shipper', image: 'example.com/shipper:1' }] },
    };
    const message = plan(added, pods).events.find((event) => event.reason === 'WorkloadOutdated')?.message;
    expect(message).toContain('3 pods of Deployment shop/web not upgraded in place: containers added: log-shipper since the pod was injected; Kubernetes cannot add or remove containers in a running pod');
  });
});

// The controller must tell a pod the webhook refused (skipped) from a pod
// the webhook never saw (missed): a missed pod gets a "was the webhook
// unavailable?" event and, under RestartWorkloads, its workload restarted.
// Each case runs the webhook's engine (injectPod) and the controller's
// classification on the same stored pod and checks that they agree.
import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { classifyPod } from '../../../operator/controller/classify-pod.ts';
import { trimPod, type PodLike } from '../../../operator/controller/cached-pod.ts';
import { planReconcile } from '../../../operator/controller/plan-reconcile.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import type { PodSpec, PodTemplate } from '../../../operator/api/pod-template.ts';
import { resolveNativeness } from '../../../operator/injection/resolve-nativeness.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import { KUBE, setWith } from './controller-fixtures.ts';

const mounting = (volumes: SidecarSet['spec']['volumes']): SidecarSet =>
  setWith('reloader', {
    containers: [{ name: 'reloader', image: 'example.com/reloader:1', volumeMounts: [{ name: 'config', mountPath: '/etc/config' }] }],
    ...(volumes !== undefined ? { volumes } : {}),
  });

/** A pod as the apiserver stores it when nobody injected it. */
function storedPod(spec: Partial<PodSpec>, annotations: Record<string, string> = { 'tandem.dev/inject': 'true' }): PodTemplate & PodLike {
  return {
    metadata: { name: 'web-1', namespace: 'shop', uid: 'uid-web-1', resourceVersion: '7', labels: { app: 'web' }, annotations },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1' }], ...spec },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

/** The webhook's decision for the one set, as the controller names the state of a pod without it. */
function webhookView(set: SidecarSet, pod: PodTemplate): { kind: string; reason?: string; message?: string } {
  const result = injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE } });
  const decision = result.decisions[0];
  if (decision === undefined) throw new Error('no decision');
  if (decision.injected) return { kind: 'missed' };
  const selection = ['PodOptedOut', 'NamespaceDisabled', 'NotOptedIn', 'NotListed', 'Paused', 'UnsupportedOS'];
  return { kind: selection.includes(decision.reason) ? 'notSelected' : 'skipped', reason: decision.reason, message: decision.message };
}

function controllerView(set: SidecarSet, pod: PodLike): { kind: string; reason?: string; message?: string } {
  const state = classifyPod({ set, hashes: hashSidecarSet(set, resolveNativeness(set, KUBE)), resizeSupported: true, now: new Date() }, trimPod(pod), {}).state;
  return 'reason' in state && 'message' in state ? { kind: state.kind, reason: state.reason, message: state.message } : { kind: state.kind };
}

const CONFIG_MAP = { name: 'config', configMap: { name: 'web-config' } };
const EMPTY_DIR = { name: 'config', emptyDir: {} };

describe('the webhook and the controller agree on every pod without the set', () => {
  it.each<[string, SidecarSet, PodTemplate & PodLike]>([
    ['a volume of the same name with a different definition', mounting([EMPTY_DIR]), storedPod({ volumes: [CONFIG_MAP] })],
    ['a volume of the same name and the same definition (shared)', mounting([CONFIG_MAP]), storedPod({ volumes: [{ configMap: { name: 'web-config' }, name: 'config' }] })],
    ['a mount of a volume nobody defines', mounting(undefined), storedPod({})],
    ['the pod defines the mounted volume', mounting(undefined), storedPod({ volumes: [CONFIG_MAP] })],
    ['a container name the pod already uses', setWith('app', { containers: [{ name: 'app', image: 'x' }] }), storedPod({})],
    ['an init container name the pod already uses', setWith('init', { initContainers: [{ name: 'setup', image: 'x' }] }), storedPod({ initContainers: [{ name: 'setup', image: 'y' }] })],
    ['hostPID', setWith('proxy'), storedPod({ hostPID: true })],
    ['shareProcessNamespace: false', setWith('proxy'), storedPod({ shareProcessNamespace: false })],
    ['a Windows pod', setWith('proxy'), storedPod({ os: { name: 'windows' } })],
    ['not opted in', setWith('proxy'), storedPod({}, {})],
    ['opted in, nothing in the way', setWith('proxy'), storedPod({})],
  ])('%s', (_name, set, pod) => {
    expect(controllerView(set, pod)).toEqual(webhookView(set, pod));
  });

  it('a pod refused for a clashing volume is not restarted under RestartWorkloads, nor reported as missed', () => {
    const set = setWith('reloader', { ...mounting([EMPTY_DIR]).spec, updateStrategy: { type: 'RestartWorkloads' } });
    const pod = trimPod(storedPod({ volumes: [CONFIG_MAP] }));
    const plan = planReconcile({ set, allSets: [set], pods: [pod], namespaceLabels: () => ({}), kubeVersion: KUBE, now: new Date('2026-12-01T00:00:00Z') });
    expect(plan.restartCandidates).toEqual([]);
    expect(plan.counts.missedPods).toBe(0);
    expect(plan.events.map((event) => event.reason)).toEqual(['SidecarSkipped']);
  });
});

import { describe, expect, it } from '@jest/globals';
import { classifyPod } from '../../../operator/controller/classify-pod.ts';
import { resolveNativeness } from '../../../operator/injection/resolve-nativeness.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { injectedPod, KUBE, plainPod, setWith, withImage } from './controller-fixtures.ts';

const v1 = setWith('proxy', { containers: [{ name: 'proxy', image: 'example.com/proxy:1', placement: 'After' }] });
const v2 = withImage(v1, 'example.com/proxy:2');
const envChanged: SidecarSet = {
  ...v1,
  spec: { ...v1.spec, containers: [{ name: 'proxy', image: 'example.com/proxy:1', env: [{ name: 'X', value: '1' }] }] },
};

function classify(set: SidecarSet, pod: ReturnType<typeof injectedPod>, namespaceLabels = {}) {
  const hashes = hashSidecarSet(set, resolveNativeness(set, KUBE));
  return classifyPod({ set, hashes, resizeSupported: true, now: new Date() }, pod, namespaceLabels);
}

describe('classifyPod', () => {
  it.each([
    ['injected with the current revision', v1, injectedPod([v1], { name: 'a' }), 'updated', true, true],
    ['injected with an older image', v2, injectedPod([v1], { name: 'a' }), 'upgradable', true, true],
    ['injected before a non-image change', envChanged, injectedPod([v1], { name: 'a' }), 'outdated', true, true],
    ['selector does not match', v1, injectedPod([v1], { name: 'a', labels: { app: 'other' } }), 'unmatched', false, false],
    ['matched, opted in, never injected', v1, plainPod({ name: 'a' }), 'missed', true, false],
    ['matched, not opted in', v1, plainPod({ name: 'a', annotations: {} }), 'notSelected', true, false],
    ['matched, opted out', v1, plainPod({ name: 'a', annotations: { 'tandem.dev/inject': 'false' } }), 'notSelected', true, false],
    [
      'matched, opted in, but a name clash',
      setWith('app-clash', { containers: [{ name: 'app', image: 'x' }] }),
      plainPod({ name: 'a' }),
      'skipped',
      true,
      false,
    ],
    ['matched, opted in, but the pod uses hostPID', v1, plainPod({ name: 'a', spec: { hostPID: true } }), 'skipped', true, false],
    [
      'matched, opted in, shareProcessNamespace: false, set does not need it',
      setWith('stats', { shareProcessNamespace: false }),
      plainPod({ name: 'a', spec: { shareProcessNamespace: false } }),
      'missed',
      true,
      false,
    ],
    [
      'matched, opted in, but a sidecar mounts a volume the pod lacks',
      setWith('reloader', { containers: [{ name: 'reloader', image: 'r', volumeMounts: [{ name: 'config', mountPath: '/c' }] }] }),
      plainPod({ name: 'a' }),
      'skipped',
      true,
      false,
    ],
    [
      'matched, opted in, the pod has the volume the sidecar mounts',
      setWith('reloader', { containers: [{ name: 'reloader', image: 'r', volumeMounts: [{ name: 'config', mountPath: '/c' }] }] }),
      plainPod({ name: 'a', spec: { volumes: [{ name: 'config', emptyDir: {} }] } }),
      'missed',
      true,
      false,
    ],
    [
      'record unreadable',
      v1,
      plainPod({ name: 'a', annotations: { 'tandem.dev/inject': 'true', 'tandem.dev/injection-record': '{' } }),
      'unreadableRecord',
      true,
      false,
    ],
  ] as const)('%s', (...[, set, pod, kind, matched, injected]) => {
    const result = classify(set, pod);
    expect(result.state.kind).toBe(kind);
    expect(result.matched).toBe(matched);
    expect(result.injected).toBe(injected);
  });

  it('a paused set still matches, but a pod without it is not "missed"', () => {
    const paused = { ...v1, spec: { ...v1.spec, paused: true } };
    expect(classify(paused, plainPod({ name: 'a' })).state).toMatchObject({ kind: 'notSelected', reason: 'Paused' });
  });

  it('namespaceSelector uses the namespace labels', () => {
    const scoped = setWith('proxy', { namespaceSelector: { matchLabels: { team: 'x' } } });
    expect(classify(scoped, injectedPod([v1], { name: 'a' }), { team: 'y' }).matched).toBe(false);
    expect(classify(scoped, injectedPod([v1], { name: 'a' }), { team: 'x' }).matched).toBe(true);
  });

  it.each([
    ['ready, images running', { ready: true }, true],
    ['not ready', { ready: false }, false],
    ['ready but the sidecar still runs the old image', { ready: true, statusImages: { proxy: 'example.com/proxy:0' } }, false],
    ['ready, runtime reports a normalized reference', { ready: true, statusImages: { proxy: 'example.com/proxy:1' } }, true],
  ])('available: %s', (_name, options, available) => {
    expect(classify(v1, injectedPod([v1], { name: 'a', ...options })).available).toBe(available);
  });

  it('checks the image of native sidecars too', () => {
    const native = setWith('proxy', { nativeSidecars: 'Always', containers: [{ name: 'proxy', image: 'example.com/proxy:1' }] });
    expect(classify(native, injectedPod([native], { name: 'a', statusImages: { proxy: 'old' } })).available).toBe(false);
    expect(classify(native, injectedPod([native], { name: 'a' })).available).toBe(true);
  });
});

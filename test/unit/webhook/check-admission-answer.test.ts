// The fuzzer's judge must catch what it is for: each wrong answer below is one
// a broken webhook could give, and each must be reported.
import { describe, expect, it } from '@jest/globals';
import { reviewOf, type Pod } from '../../fuzz/admission-inputs.ts';
import { checkAnswer } from '../../fuzz/check-admission-answer.ts';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'example.com/app:1' }], shareProcessNamespace: false },
};
const body = JSON.stringify(reviewOf('u-1', 'CREATE', pod));

function withPatch(patch: unknown[], uid = 'u-1'): { status: number; body: unknown } {
  const response = { uid, allowed: true, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(patch)).toString('base64') };
  return { status: 200, body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response } };
}

describe('checkAnswer', () => {
  it.each([
    ['a 500', { status: 500, body: { kind: 'Status', code: 500, message: 'boom' } }, /HTTP 500/],
    ['a 400 to a review with a readable UID', { status: 400, body: { kind: 'Status', code: 400, message: 'no' } }, /a denial was due/],
    ['another UID', withPatch([{ op: 'add', path: '/metadata/annotations', value: {} }], 'u-2'), /does not echo/],
    ['a replace without value', withPatch([{ op: 'replace', path: '/metadata/labels/app' }]), /does not apply/],
    ['a patch that removes the app container', withPatch([{ op: 'remove', path: '/spec/containers/0' }]), /changed or removed spec\.containers item "app"/],
    ['a patch that flips shareProcessNamespace', withPatch([{ op: 'replace', path: '/spec/shareProcessNamespace', value: true }]), /shareProcessNamespace: false became true/],
    ['a patch that breaks the pod', withPatch([{ op: 'add', path: '/spec/containers/-', value: { name: 'app', image: 7 } }]), /not a valid pod/],
    ['an unbounded denial', { status: 200, body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'u-1', allowed: false, status: { code: 400, message: 'x'.repeat(100_000) } } } }, /characters/],
  ])('reports %s', (_what, answer, problem) => {
    expect(checkAnswer(body, answer).problems.join('\n')).toMatch(problem);
  });

  it('reports a Linux sidecar in a Windows pod', () => {
    const windows = JSON.stringify(reviewOf('u-1', 'CREATE', { ...pod, spec: { ...pod.spec, nodeSelector: { 'kubernetes.io/os': 'windows' } } }));
    const answer = withPatch([{ op: 'add', path: '/spec/containers/-', value: { name: 'proxy', image: 'example.com/proxy:1' } }]);
    expect(checkAnswer(windows, answer).problems).toEqual(['a Windows pod got the sidecar proxy']);
  });

  it('accepts a patch that only adds', () => {
    const judgement = checkAnswer(body, withPatch([{ op: 'add', path: '/spec/containers/-', value: { name: 'proxy', image: 'example.com/proxy:1' } }]));
    expect(judgement).toMatchObject({ problems: [], outcome: 'patched' });
  });
});

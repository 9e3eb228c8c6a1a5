import { describe, expect, it } from '@jest/globals';
import { parsePodAdmissionReview, type RawPod } from '../../../operator/admission/parse-pod-admission-review.ts';
import { fixture } from '../webhook/support/fixtures.ts';

describe('parsePodAdmissionReview', () => {
  it('accepts a pod CREATE and hands over the raw object untouched', () => {
    const body = fixture('pod-create.json');
    const parsed = parsePodAdmissionReview(body);
    expect(parsed.outcome).toBe('create');
    if (parsed.outcome !== 'create') return;
    expect(parsed.request).toMatchObject({
      uid: '8a3f1c52-5d7e-4b1a-9c2d-000000000001',
      operation: 'CREATE',
      namespace: 'shop',
      name: '',
      subResource: '',
      dryRun: false,
    });
    // The very object parsed from the bytes: unknown fields and managedFields included.
    expect(parsed.request.object).toBe(body.request.object);
  });

  it('treats dryRun like any other CREATE and reports it', () => {
    const parsed = parsePodAdmissionReview(fixture('pod-create-dry-run.json'));
    expect(parsed.outcome).toBe('create');
    expect(parsed.outcome === 'create' && parsed.request.dryRun).toBe(true);
  });

  describe.each([
    ['pod-update.json', 'operation UPDATE'],
    ['pod-delete.json', 'operation DELETE'],
    ['pod-binding.json', 'subresource pods/binding'],
  ])('passes %s without injection', (name, why) => {
    it(`because of ${why}`, () => {
      const parsed = parsePodAdmissionReview(fixture(name));
      expect(parsed).toMatchObject({ outcome: 'pass', why });
    });
  });

  describe.each([
    // file, reason, whether the UID is usable (denied review) or not (HTTP 400)
    ['not-an-object.json', 'not-an-object', false],
    ['wrong-api-version.json', 'wrong-api-version', false],
    ['wrong-kind.json', 'wrong-kind', false],
    ['missing-request.json', 'missing-request', false],
    ['missing-uid.json', 'missing-uid', false],
    ['unknown-operation.json', 'unknown-operation', true],
    ['not-a-pod-deployment.json', 'not-a-pod', true],
    ['missing-namespace.json', 'missing-namespace', true],
    ['missing-object.json', 'missing-object', true],
    ['malformed-pod-no-containers.json', 'malformed-pod', true],
  ])('refuses %s', (name, reason, hasUid) => {
    it(`as ${reason} ${hasUid ? 'with' : 'without'} a UID`, () => {
      const parsed = parsePodAdmissionReview(fixture(name));
      expect(parsed.outcome).toBe('invalid');
      if (parsed.outcome !== 'invalid') return;
      expect(parsed.reason).toBe(reason);
      expect(parsed.uid !== undefined).toBe(hasUid);
      expect(parsed.message.length).toBeGreaterThan(10);
    });
  });

  it.each([
    ['labels that are not strings', { metadata: { labels: { a: 1 } }, spec: { containers: [] } }],
    ['a metadata that is a list', { metadata: [], spec: { containers: [] } }],
    ['containers without names', { spec: { containers: [{ image: 'x' }] } }],
    ['volumes that are not a list', { spec: { containers: [], volumes: {} } }],
    ['another kind', { kind: 'Deployment', spec: { containers: [] } }],
    ['another apiVersion', { apiVersion: 'v2', spec: { containers: [] } }],
    ['no spec', { metadata: {} }],
  ])('denies a pod with %s', (_what, object) => {
    const body = fixture('pod-create.json');
    body.request.object = object as RawPod;
    expect(parsePodAdmissionReview(body)).toMatchObject({ outcome: 'invalid', reason: 'malformed-pod', uid: body.request.uid });
  });

  it('keeps what it quotes from a hostile request short', () => {
    const body = fixture('pod-create.json');
    body.request.operation = 'X'.repeat(10_000);
    const parsed = parsePodAdmissionReview(body);
    expect(parsed.outcome === 'invalid' && parsed.message.length).toBeLessThan(200);
  });
});

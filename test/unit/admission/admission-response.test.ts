import { describe, expect, it } from '@jest/globals';
import { allowed, denied, errored, patched } from '../../../operator/admission/admission-response.ts';

const UID = 'e911857d-c318-11e8-bbad-025000000001';

describe('admission response constructors', () => {
  it.each([
    ['allowed', allowed(UID)],
    ['patched', patched(UID, [{ op: 'add', path: '/metadata/labels/a', value: 'b' }])],
    ['patched with an empty patch', patched(UID, [])],
    ['denied', denied(UID, { code: 400, message: 'no' })],
    ['errored', errored(UID, { code: 500, message: 'boom' })],
  ])('%s carries the request UID in an admission.k8s.io/v1 review', (_name, review) => {
    expect(review.apiVersion).toBe('admission.k8s.io/v1');
    expect(review.kind).toBe('AdmissionReview');
    expect(review.response.uid).toBe(UID);
  });

  it('allowed has no patch, no status and no empty warnings', () => {
    expect(allowed(UID).response).toEqual({ uid: UID, allowed: true });
  });

  it('an empty patch is answered without patchType or patch', () => {
    expect(patched(UID, [], ['w']).response).toEqual({ uid: UID, allowed: true, warnings: ['w'] });
  });

  it('encodes the patch as base64 JSON with patchType JSONPatch', () => {
    const patch = [{ op: 'add' as const, path: '/metadata/annotations/a~1b', value: 'c' }];
    const response = patched(UID, patch).response;
    expect(response.patchType).toBe('JSONPatch');
    expect(JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8'))).toEqual(patch);
  });

  it('denied carries a Failure status the apiserver shows to the user', () => {
    expect(denied(UID, { code: 400, message: 'bad pod' }).response).toEqual({
      uid: UID,
      allowed: false,
      status: { status: 'Failure', code: 400, reason: 'BadRequest', message: 'bad pod' },
    });
  });

  it('errored is a failure with a 5xx code', () => {
    expect(errored(UID, { code: 503, message: 'not ready' }).response.status).toEqual({
      status: 'Failure',
      code: 503,
      reason: 'ServiceUnavailable',
      message: 'not ready',
    });
  });

  it('fits warnings to the apiserver limits', () => {
    const response = allowed(UID, ['line\nbreak', 'line\nbreak', '']).response;
    expect(response.warnings).toEqual(['line break']);
  });
});

import { describe, expect, it } from '@jest/globals';
import jsonPatch from 'fast-json-patch';
import { parsePodAdmissionReview, type PodCreateRequest } from '../../../operator/admission/parse-pod-admission-review.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { mutatePod, WARNING_PREFIX } from '../../../operator/admission/mutate-pod.ts';
import { fixture } from '../webhook/support/fixtures.ts';
import { allSets, proxySet } from '../webhook/support/sidecar-sets.ts';

function createRequest(name: string): PodCreateRequest {
  const parsed = parsePodAdmissionReview(fixture(name));
  if (parsed.outcome !== 'create') throw new Error(`${name} is not a create review`);
  return parsed.request;
}

function decodePatch(patch: string | undefined): jsonPatch.Operation[] {
  return JSON.parse(Buffer.from(patch ?? '', 'base64').toString('utf8')) as jsonPatch.Operation[];
}

const inputs = { sidecarSets: allSets, namespaceLabels: {}, kubeVersion: { major: 1, minor: 33 } };

describe('mutatePod', () => {
  it('answers a patch that turns the raw request object into exactly what the engine produced', () => {
    const request = createRequest('pod-create.json');
    const raw = structuredClone(request.object);
    const mutation = mutatePod(request, inputs);
    const engine = injectPod({ pod: raw, namespaceLabels: {}, sidecarSets: allSets, options: { kubeVersion: { major: 1, minor: 33 } } });

    expect(mutation.changed).toBe(true);
    expect(mutation.injected).toEqual(['logger', 'proxy']);
    expect(mutation.review.response.uid).toBe(request.uid);
    const patched = jsonPatch.applyPatch(structuredClone(raw), decodePatch(mutation.review.response.patch), true).newDocument;
    expect(patched).toEqual(engine.pod);
    expect(request.object).toEqual(raw); // the request object itself is never modified
  });

  it('keeps every field it does not know about, and managedFields', () => {
    const request = createRequest('pod-create.json');
    const mutation = mutatePod(request, inputs);
    const patch = decodePatch(mutation.review.response.patch);
    const patched = jsonPatch.applyPatch(structuredClone(request.object), patch, true).newDocument;
    expect(patched).toMatchObject({
      metadata: { futureMetadataField: { kept: true }, annotations: { 'a~b/c': 'tilde and slash' } },
      spec: { futureSpecField: { nested: [1, 2, 3] } },
    });
    expect(patched.spec?.containers.find((c) => c.name === 'app')).toMatchObject({ futureContainerField: 'kept' });
    expect(patched.metadata?.managedFields).toEqual(request.object.metadata?.managedFields);
    expect(patch.some((operation) => operation.path.startsWith('/metadata/managedFields'))).toBe(false);
    // Annotation keys with / and ~ are escaped in the pointer.
    expect(patch.map((operation) => operation.path)).toContain('/metadata/annotations/proxy.example.com~1port');
  });

  it('answers without a patch when the pod already carries the current injection', () => {
    const first = createRequest('pod-create.json');
    const injected = jsonPatch.applyPatch(
      structuredClone(first.object),
      decodePatch(mutatePod(first, inputs).review.response.patch),
      true,
    ).newDocument;
    const again = mutatePod({ ...first, object: injected }, inputs);
    expect(again.changed).toBe(false);
    expect(again.injected).toEqual([]);
    expect(again.review.response).toEqual({ uid: first.uid, allowed: true });
  });

  it('answers without a patch when no set matches', () => {
    const mutation = mutatePod(createRequest('pod-create-no-match.json'), inputs);
    expect(mutation.changed).toBe(false);
    expect(mutation.review.response.patchType).toBeUndefined();
    expect(mutation.review.response.patch).toBeUndefined();
    expect(mutation.decisions.map((decision) => decision.reason)).toEqual(['SelectorMismatch', 'SelectorMismatch', 'SelectorMismatch']);
  });

  it('returns the engine warnings, prefixed so users know where they come from', () => {
    const request = createRequest('pod-create.json');
    const annotations = request.object.metadata!.annotations!;
    annotations['tandem.dev/inject'] = 'proxy,nonexistent';
    const mutation = mutatePod(request, { ...inputs, sidecarSets: [proxySet] });
    expect(mutation.review.response.warnings).toEqual([
      `${WARNING_PREFIX}tandem.dev/inject names SidecarSet "nonexistent", which does not exist`,
    ]);
  });

  it('denies a pod whose override annotation is invalid, with the reason and no patch', () => {
    const request = createRequest('pod-create.json');
    const overridable = {
      ...proxySet,
      spec: { ...proxySet.spec, overrides: [{ annotation: 'proxy.example.com/memory', container: 'proxy', resource: 'limits.memory' as const, maximum: '1Gi' }] },
    };
    const pod = { ...request.object, metadata: { ...request.object.metadata, annotations: { ...request.object.metadata?.annotations, 'proxy.example.com/memory': '2Gi' } } };
    const mutation = mutatePod({ ...request, object: pod }, { ...inputs, sidecarSets: [overridable] });
    expect(mutation.rejected).toBe(true);
    expect(mutation.changed).toBe(false);
    expect(mutation.review.response).toEqual({
      uid: request.uid,
      allowed: false,
      status: {
        code: 400,
        status: 'Failure',
        reason: 'BadRequest',
        message: `${WARNING_PREFIX}SidecarSet "proxy": annotation proxy.example.com/memory="2Gi" is invalid: it is above the maximum 1Gi that the SidecarSet allows`,
      },
    });
  });
});

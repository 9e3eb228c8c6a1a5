// Malformed and hostile AdmissionReviews (issue 12, items 5 and 6): every
// answer is a 4xx or an AdmissionReview, never a 500; the UID is echoed
// whenever the review has a readable one; a field the webhook reads with the
// wrong type is denied with a message naming it; and no answer quotes an
// unbounded value.
import { describe, expect, it } from '@jest/globals';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { answerAdmissionBody } from '../../../operator/webhook/admission-handler.ts';
import { staticNamespaceSource } from '../../../operator/webhook/static-namespace-source.ts';
import { staticSidecarSetSource } from './support/sidecar-sets.ts';
import { createWebhookMetrics } from '../../../operator/webhook/webhook-metrics.ts';
import { fixture } from './support/fixtures.ts';
import { proxySet } from './support/sidecar-sets.ts';

const overridesSet: SidecarSet = {
  ...proxySet,
  metadata: { name: 'tuned' },
  spec: {
    ...proxySet.spec,
    containers: [{ name: 'tuned-proxy', image: 'example.com/proxy:1' }],
    podMetadata: {},
    overrides: [{ annotation: 'proxy.example.com/concurrency', container: 'tuned-proxy', env: 'CONCURRENCY', format: 'Integer' }],
  },
};

const options = {
  sidecarSets: staticSidecarSetSource([proxySet, overridesSet]),
  namespaces: staticNamespaceSource({}),
  kubeVersion: undefined,
  metrics: createWebhookMetrics({ defaultMetrics: false }),
  logger: createLogger({ level: 'silent' }),
};

const UID = fixture('pod-create.json').request.uid;

async function answer(body: string | Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown>; size: number }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const reply = await answerAdmissionBody(Buffer.from(text), options);
  const serialized = JSON.stringify(reply.body);
  return { status: reply.status, body: JSON.parse(serialized) as Record<string, unknown>, size: serialized.length };
}

interface Response {
  uid?: string;
  allowed?: boolean;
  status?: { code?: number; message?: string };
}

function response(reply: { body: Record<string, unknown> }): Response {
  return (reply.body.response as Response | undefined) ?? {};
}

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** The pod-create fixture with `edit` applied to a copy. */
function review(edit: (review: { request: Record<string, unknown> & { object: Record<string, unknown> & { metadata: Record<string, unknown>; spec: Record<string, unknown> } } }) => void): Record<string, unknown> {
  const copy = structuredClone(fixture('pod-create.json')) as never;
  edit(copy);
  return copy;
}

/** JSON text with a value `depth` deep at a place: JSON.stringify itself cannot write such depth. */
function deepJson(depth: number): string {
  return `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
}

describe('deep nesting', () => {
  const PLACES: readonly (readonly [string, (deep: string) => string])[] = [
    ['apiVersion', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"apiVersion":"admission.k8s.io/v1"', `"apiVersion":${deep}`)],
    ['request.kind.kind', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"kind":{"group":"","version":"v1","kind":"Pod"}', `"kind":{"group":"","version":"v1","kind":${deep}}`)],
    ['request.operation', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"operation":"CREATE"', `"operation":${deep}`)],
    ['request.object.kind', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"object":{"kind":"Pod"', `"object":{"kind":${deep}`)],
    ['request.resource', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"resource":{"group":"","version":"v1","resource":"pods"}', `"resource":${deep}`)],
    ['an unknown field of a container', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"containers":[{', `"containers":[{"future":${deep},`)],
    ['a label', (deep) => JSON.stringify(fixture('pod-create.json')).replace('"labels":{', `"labels":{"deep":${deep},`)],
  ];

  it.each(PLACES)('100,000 levels in %s: a 4xx or an answer with the UID, never a 500', async (_place, place) => {
    const reply = await answer(place(deepJson(100_000)));
    expect(reply.status).toBeLessThan(500);
    expect(reply.status === 200 ? response(reply).uid : UID).toBe(UID);
    expect(reply.size).toBeLessThan(4096);
  });

  it('100,000 levels where the UID is: a 400 without a UID', async () => {
    const reply = await answer(JSON.stringify(fixture('pod-create.json')).replace(`"uid":"${UID}"`, `"uid":${deepJson(100_000)}`));
    expect(reply.status).toBe(400);
  });

  it('a deep value in an unknown pod field the injection never reads is carried through untouched', async () => {
    const body = review((copy) => {
      copy.request.object.spec.future = nested(2_000);
    });
    const reply = await answer(body);
    expect(reply.status).toBe(200);
    expect(response(reply).uid).toBe(UID);
  });
});

describe('fields the webhook reads, with the wrong type', () => {
  const CASES: readonly (readonly [string, (copy: Parameters<Parameters<typeof review>[0]>[0]) => void])[] = [
    ['spec.imagePullSecrets', (copy) => void (copy.request.object.spec.imagePullSecrets = null)],
    ['spec.imagePullSecrets', (copy) => void (copy.request.object.spec.imagePullSecrets = {})],
    ['spec.imagePullSecrets', (copy) => void (copy.request.object.spec.imagePullSecrets = 7)],
    ['spec.imagePullSecrets', (copy) => void (copy.request.object.spec.imagePullSecrets = [null])],
    ['spec.imagePullSecrets', (copy) => void (copy.request.object.spec.imagePullSecrets = [{ name: 7 }])],
    ['spec.shareProcessNamespace', (copy) => void (copy.request.object.spec.shareProcessNamespace = 'yes')],
    ['spec.hostPID', (copy) => void (copy.request.object.spec.hostPID = 1)],
    ['spec.restartPolicy', (copy) => void (copy.request.object.spec.restartPolicy = ['Never'])],
    ['spec.os', (copy) => void (copy.request.object.spec.os = 'windows')],
    ['spec.os.name', (copy) => void (copy.request.object.spec.os = { name: 7 })],
    ['spec.nodeSelector', (copy) => void (copy.request.object.spec.nodeSelector = ['kubernetes.io/os'])],
    ['spec.nodeSelector', (copy) => void (copy.request.object.spec.nodeSelector = { 'kubernetes.io/os': null })],
    ['spec.affinity', (copy) => void (copy.request.object.spec.affinity = 'windows')],
    ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', (copy) => void (copy.request.object.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: {} } } })],
    ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', (copy) => void (copy.request.object.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: 'windows' }] }] } } })],
    ['spec.containers', (copy) => void (copy.request.object.spec.containers = null)],
    ['spec.volumes', (copy) => void (copy.request.object.spec.volumes = [{ name: null }])],
    ['spec.initContainers', (copy) => void (copy.request.object.spec.initContainers = { name: 'x' })],
    ['metadata.labels', (copy) => void (copy.request.object.metadata.labels = { app: 1 })],
    ['metadata.annotations', (copy) => void (copy.request.object.metadata.annotations = [])],
    ['metadata.name', (copy) => void (copy.request.object.metadata.name = { x: 1 })],
    ['metadata.generateName', (copy) => void (copy.request.object.metadata.generateName = 7)],
    ['metadata', (copy) => void ((copy.request.object as Record<string, unknown>).metadata = 'web')],
    ['spec', (copy) => void ((copy.request.object as Record<string, unknown>).spec = [])],
    // Found by the fuzzer: a subResource of {} was read as "" (the pod itself) and the review injected.
    ['request.subResource', (copy) => void (copy.request.subResource = { toString: 'x' })],
    ['request.subResource', (copy) => void (copy.request.subResource = 7)],
    ['request.namespace', (copy) => void (copy.request.namespace = ['shop'])],
    ['request.name', (copy) => void (copy.request.name = { x: 1 })],
  ];

  it.each(CASES)('a malformed %s is denied, naming it, with the UID', async (field, edit) => {
    const reply = await answer(review(edit));
    expect(reply.status).toBe(200);
    expect(response(reply)).toMatchObject({ uid: UID, allowed: false, status: { code: 400 } });
    expect(response(reply).status?.message).toContain(field);
  });

  it.each([
    ['request.uid is a number', (body: Record<string, unknown>): unknown => ({ ...body, request: { ...(body.request as object), uid: 7 } })],
    ['request is a list', (body: Record<string, unknown>): unknown => ({ ...body, request: [] })],
    ['the body is null', (): unknown => null],
  ])('%s: a 400 with a Status', async (_what, edit) => {
    const body = edit(structuredClone(fixture('pod-create.json')) as unknown as Record<string, unknown>);
    const reply = await answer(JSON.stringify(body));
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ kind: 'Status', code: 400 });
  });
});

describe('bounded answers', () => {
  it('a 1 MB invalid override value is quoted at most once, cut, with its length', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    const reply = await answer(
      review((copy) => {
        copy.request.object.metadata.annotations = { 'tandem.dev/inject': 'tuned', 'proxy.example.com/concurrency': huge };
      }),
    );
    expect(response(reply)).toMatchObject({ uid: UID, allowed: false });
    expect(reply.size).toBeLessThan(4096);
    expect(response(reply).status?.message).toContain('(1048576 characters)');
  });

  it('a 1 MB apiVersion is quoted cut, with its length', async () => {
    const reply = await answer({ ...fixture('pod-create.json'), apiVersion: 'v'.repeat(1024 * 1024) });
    expect(reply.status).toBe(400);
    expect(reply.size).toBeLessThan(4096);
    expect(JSON.stringify(reply.body)).toContain('(1048576 characters)');
  });

  it('a 1 MB tandem.dev/inject annotation is quoted cut in the warning', async () => {
    const reply = await answer(
      review((copy) => {
        copy.request.object.metadata.annotations = { 'tandem.dev/inject': '!'.repeat(1024 * 1024) };
      }),
    );
    expect(reply.size).toBeLessThan(4096);
  });
});

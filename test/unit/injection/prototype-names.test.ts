// Names users choose (sets, containers, volumes, label and annotation keys)
// that are also the names of Object.prototype members (issue 12, item 2):
// every map keyed by user data must treat them as plain keys, through the
// engine, the JSON Patch (applied with fast-json-patch), the controller's
// reading of records and the CLI.
import { describe, expect, it } from '@jest/globals';
import jsonPatch from 'fast-json-patch';
import { computeJsonPatch } from '../../../operator/admission/compute-json-patch.ts';
import type { SidecarSet } from '../../../operator/api/sidecar-set.ts';
import { injectManifests } from '../../../operator/cli/inject-command.ts';
import { classifyPod } from '../../../operator/controller/classify-pod.ts';
import { injectPod } from '../../../operator/injection/inject-pod.ts';
import { parseRecord } from '../../../operator/injection/injection-record.ts';
import { matchesLabelSelector } from '../../../operator/injection/label-selector.ts';
import type { PodTemplate } from '../../../operator/api/pod-template.ts';
import { resolveNativeness } from '../../../operator/injection/resolve-nativeness.ts';
import { hashSidecarSet } from '../../../operator/injection/sidecar-set-hash.ts';
import { jsonEqual } from '../../../operator/json/json-equal.ts';
import { parseYamlDocuments } from '../../../operator/manifest/yaml-documents.ts';
import { mutatePod } from '../../../operator/admission/mutate-pod.ts';
import { injectedPod, KUBE } from '../controller/controller-fixtures.ts';
import { sidecarSet } from './sidecar-set-fixture.ts';

/** constructor, toString, valueOf, hasOwnProperty, __proto__, isPrototypeOf, propertyIsEnumerable, toLocaleString, __defineGetter__... */
const NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** Objects as JSON.parse builds them: `__proto__` an own key like any other. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names what it builds
function json<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value).replaceAll('PROTO', '__proto__')) as T;
}

const keyOf = (name: string): string => (name === '__proto__' ? 'PROTO' : name);

function setNamed(name: string): SidecarSet {
  return json<SidecarSet>(
    sidecarSet(keyOf(name), {
      selector: { matchLabels: { [keyOf(name)]: keyOf(name) } },
      containers: [{ name: keyOf(name), image: `example.com/${name}:1`, placement: 'After', volumeMounts: [{ name: keyOf(name), mountPath: '/x' }] }],
      volumes: [{ name: keyOf(name), emptyDir: {} }],
      podMetadata: { labels: { [keyOf(name)]: keyOf(name), [`${keyOf(name)}.set`]: 'yes' }, annotations: { [keyOf(name)]: keyOf(name) } },
    }),
  );
}

function podWith(name: string, extra: { annotations?: Record<string, string> } = {}): PodTemplate & Record<string, unknown> {
  return json({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web', [keyOf(name)]: keyOf(name) },
      annotations: { 'tandem.dev/inject': 'true', ...extra.annotations },
    },
    spec: { containers: [{ name: 'app', image: 'example.com/app:1' }] },
  });
}

function create(pod: PodTemplate & Record<string, unknown>) {
  return { uid: 'uid-1', operation: 'CREATE' as const, namespace: 'shop', name: 'web', subResource: '', dryRun: false, object: pod };
}

/** Applies the webhook's patch to a copy of the request object, as the apiserver does. */
function applyAnswer(pod: PodTemplate & Record<string, unknown>, sets: readonly SidecarSet[]): unknown {
  const answer = mutatePod(create(pod), { sidecarSets: sets, namespaceLabels: {}, kubeVersion: KUBE });
  const encoded = answer.review.response.patch;
  if (encoded === undefined) return pod;
  const operations = JSON.parse(Buffer.from(encoded, 'base64').toString()) as jsonPatch.Operation[];
  for (const operation of operations) {
    if (operation.op === 'replace' || operation.op === 'add') expect(operation).toHaveProperty('value');
  }
  // The apiserver's JSON Patch knows no prototypes: objects without one take `__proto__` as a plain key, as Go maps do
  // (applied in place: fast-json-patch copies a document through JSON, which gives the prototypes back).
  return jsonPatch.applyPatch(withoutPrototypes(pod), operations, true, true, false).newDocument;
}

function withoutPrototypes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypes);
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) copy[key] = withoutPrototypes(inner);
  return copy;
}

describe.each(NAMES)('a user-chosen name "%s"', (name) => {
  const set = setNamed(name);

  it('is injected: set, container, volume, labels and annotations by that name', () => {
    const result = injectPod({ pod: podWith(name), namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE } });
    expect(result.decisions).toEqual([expect.objectContaining({ sidecarSet: name, injected: true, reason: 'Injected' })]);
    expect(result.warnings).toEqual([]);
    const pod = result.pod;
    expect(Object.getOwnPropertyDescriptor(pod.metadata?.labels, `${name}.set`)?.value).toBe('yes');
    expect(Object.getOwnPropertyDescriptor(pod.metadata?.annotations, name)?.value).toBe(name);
    expect(pod.spec?.volumes?.map((volume) => volume.name)).toEqual([name]);
    const record = parseRecord(pod.metadata?.annotations?.['tandem.dev/injection-record'] ?? '');
    expect(record.ok && Object.keys(record.record.sets)).toEqual([name]);
  });

  it('keeps a value the pod already has, naming it, when the set wants another', () => {
    const pod = podWith(name);
    const labels = pod.metadata?.labels as Record<string, string>;
    Object.defineProperty(labels, `${name}.set`, { value: 'no', enumerable: true, writable: true, configurable: true });
    const result = injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE } });
    expect(result.warnings).toEqual([`SidecarSet "${name}" wants label ${name}.set="yes" but the pod already has "no"; the pod's value is kept`]);
  });

  it('gives a JSON Patch that applies to the request and yields the injected pod; re-admitting it changes nothing', () => {
    const pod = podWith(name);
    const patched = applyAnswer(pod, [set]) as PodTemplate & Record<string, unknown>;
    const direct = injectPod({ pod, namespaceLabels: {}, sidecarSets: [set], options: { kubeVersion: KUBE } }).pod;
    expect(jsonEqual(patched, direct)).toBe(true);
    const again = mutatePod(create(patched), { sidecarSets: [set], namespaceLabels: {}, kubeVersion: KUBE });
    expect(again.review.response.patch).toBeUndefined();
  });

  it('is removed with valid operations when the set goes away', () => {
    const injected = applyAnswer(podWith(name), [set]) as PodTemplate & Record<string, unknown>;
    const stripped = applyAnswer(injected, []) as PodTemplate;
    expect(Object.hasOwn(stripped.metadata?.labels ?? {}, `${name}.set`)).toBe(false);
    expect(Object.hasOwn(stripped.metadata?.annotations ?? {}, name)).toBe(false);
    expect(stripped.spec?.volumes).toBeUndefined();
    expect(stripped.spec?.containers.map((container) => container.name)).toEqual(['app']);
  });

  it('is diffed as a key: removed with remove, added with add', () => {
    const withKey = json<Record<string, unknown>>({ metadata: { labels: { [keyOf(name)]: 'x', app: 'web' } } });
    const withoutKey = json<Record<string, unknown>>({ metadata: { labels: { app: 'web' } } });
    const path = `/metadata/labels/${name}`;
    expect(computeJsonPatch(withKey, withoutKey)).toEqual([{ op: 'remove', path }]);
    expect(computeJsonPatch(withoutKey, withKey)).toEqual([{ op: 'add', path, value: 'x' }]);
    expect(jsonEqual(withKey, withoutKey)).toBe(false);
    expect(jsonEqual(withoutKey, withKey)).toBe(false);
  });

  it('is only a label key to a selector', () => {
    expect(matchesLabelSelector({ matchLabels: { [name]: 'x' } }, {})).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: name, operator: 'DoesNotExist' }] }, {})).toBe(true);
    expect(matchesLabelSelector({ matchLabels: json({ [keyOf(name)]: 'x' }) }, json({ [keyOf(name)]: 'x' }))).toBe(true);
  });

  it('names a set the controller finds absent from a record that does not list it', () => {
    const other = sidecarSet('other');
    const pod = injectedPod([other], { name: 'a', labels: { app: 'web', [keyOf(name)]: keyOf(name) } });
    const hashes = hashSidecarSet(set, resolveNativeness(set, KUBE));
    expect(classifyPod({ set, hashes, resizeSupported: true, now: new Date(0) }, pod, {}).state.kind).not.toMatch(/updated|upgradable|outdated/);
  });

  it('comes out of tandem inject as that key', () => {
    const sets = [set];
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web, ${JSON.stringify(name)}: ${JSON.stringify(name)}}\n  annotations: {tandem.dev/inject: "true"}\nspec:\n  containers: [{name: app, image: app}]\n`;
    const output = injectManifests(yaml, 'in.yaml', { sidecarSets: sets, namespaceLabels: {}, options: { kubeVersion: KUBE } }).yaml;
    const [pod] = parseYamlDocuments(output, 'out.yaml').map((document) => document.value) as [PodTemplate];
    expect(Object.getOwnPropertyDescriptor(pod.metadata?.annotations, name)?.value).toBe(name);
    expect(Object.getOwnPropertyDescriptor(pod.metadata?.labels, `${name}.set`)?.value).toBe('yes');
  });
});

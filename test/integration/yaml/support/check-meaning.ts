// One manifest stream through `tandem inject`, with the real kubectl as the
// judge: kubectl must read from the output exactly what it read from the
// input plus the fields the engine injected, and Tandem's YAML reader must
// read what kubectl reads. Both sides of each comparison go through kubectl,
// so its typed decoding (quantities, dropped empty fields) applies to both.
import { parseSidecarSetDocuments } from '../../../../operator/api/sidecar-set-documents.ts';
import { injectManifests } from '../../../../operator/cli/inject-command.ts';
import { injectWorkload, type WorkloadInjectionContext } from '../../../../operator/injection/inject-workload.ts';
import { jsonEqual } from '../../../../operator/json/json-equal.ts';
import { manifestObjects } from '../../../../operator/manifest/manifest-objects.ts';
import { parseYamlDocuments } from '../../../../operator/manifest/yaml-documents.ts';
import { asJsonStream, kubectlReads } from './kubectl-reading.ts';

export interface MeaningCheck {
  /** Objects kubectl read from the input (0 when both kubectl and Tandem refuse it). */
  readonly objects: number;
  /** Objects whose pod template Tandem injected. */
  readonly injected: number;
  /** Both refused the input: kubectl with `kubectlError`, Tandem with `tandemError`. */
  readonly refusedByBoth?: { readonly kubectlError: string; readonly tandemError: string };
  /** What went wrong; undefined when the output means the input plus the injection. */
  readonly problem?: string;
}

/** A set every pod gets (injectionPolicy Always), with strings and modes YAML 1.1 reads otherwise: for real manifests that do not opt in. */
export const EVERY_POD_SETS = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: every-pod
spec:
  injectionPolicy: Always
  selector:
    matchExpressions: [{key: tandem.test/never, operator: DoesNotExist}]
  shareProcessNamespace: false
  containers:
    - name: tandem-probe
      image: example.com/probe:1
      env: [{name: ENABLED, value: "yes"}, {name: MODE, value: "0644"}]
      volumeMounts: [{name: tandem-probe, mountPath: /probe}]
  volumes:
    - name: tandem-probe
      configMap: {name: tandem-probe, defaultMode: 0444}
  podMetadata:
    annotations: {probe.example.com/on: "on"}
`;

export function everyPodContext(): WorkloadInjectionContext {
  return { sidecarSets: parseSidecarSetDocuments(EVERY_POD_SETS, 'every-pod.yaml'), namespaceLabels: {}, options: {} };
}

export function checkMeaning(text: string, name: string, context: WorkloadInjectionContext): MeaningCheck {
  const input = kubectlReads(text, name);
  let ours: unknown[];
  try {
    ours = parseYamlDocuments(text, name).flatMap((document) => manifestObjects(document.value).map((found) => found.object));
  } catch (error) {
    const tandemError = (error as Error).message;
    if (!input.ok) return { objects: 0, injected: 0, refusedByBoth: { kubectlError: input.error, tandemError } };
    return { objects: input.objects.length, injected: 0, problem: `Tandem refuses what kubectl reads: ${tandemError}` };
  }
  let output: string;
  try {
    output = injectManifests(text, name, context).yaml;
  } catch (error) {
    const tandemError = (error as Error).message;
    if (!input.ok) return { objects: 0, injected: 0, refusedByBoth: { kubectlError: input.error, tandemError } };
    return /the webhook would reject its pods/.test(tandemError)
      ? { objects: input.objects.length, injected: 0 }
      : { objects: input.objects.length, injected: 0, problem: `tandem inject failed: ${tandemError}` };
  }
  const injected = ours.map((object) => injectWorkload(object, context));
  const outputReading = kubectlReads(output, name);
  if (!input.ok) {
    // kubectl refuses the input for reasons of types Tandem does not check (a bool label...): it must refuse the output too.
    return outputReading.ok ? { objects: 0, injected: 0, problem: `kubectl refuses the input (${input.error}) but reads the output` } : { objects: 0, injected: 0, refusedByBoth: { kubectlError: input.error, tandemError: '(read)' } };
  }
  // Tandem's reading of the input and the expected output, in one kubectl run.
  const judged = kubectlReads(asJsonStream([...ours, ...injected.map((result) => result.object)]), 'judged.json');
  const count = { objects: input.objects.length, injected: injected.filter((result) => result.injection?.changed === true).length };
  if (!judged.ok) return { ...count, problem: `kubectl refuses Tandem's reading of the input: ${judged.error}` };
  if (!outputReading.ok) return { ...count, problem: `kubectl refuses the output: ${outputReading.error}` };
  const oursJudged = judged.objects.slice(0, ours.length);
  const expectedJudged = judged.objects.slice(ours.length);
  return {
    ...count,
    problem: difference('Tandem reads the input', oursJudged, 'kubectl reads it', input.objects) ?? difference("kubectl reads Tandem's output", outputReading.objects, 'the input plus the injection', expectedJudged),
  };
}

function difference(leftName: string, left: readonly unknown[], rightName: string, right: readonly unknown[]): string | undefined {
  if (left.length !== right.length) return `${leftName} as ${left.length} objects, ${rightName} as ${right.length}`;
  const index = left.findIndex((object, position) => !jsonEqual(object, right[position]));
  if (index === -1) return undefined;
  return `object ${index + 1}: ${leftName} as ${exact(left[index])}\nbut ${rightName} as ${exact(right[index])}`;
}

function exact(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner));
}

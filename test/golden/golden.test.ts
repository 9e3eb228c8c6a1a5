// Golden tests for injection, through both of its paths, as Istio's are:
// `<case>.yaml` holds the SidecarSets and the workloads of one case (an
// optional first-line comment `# args: ...` gives --namespace-labels and
// --kube-version); `<case>.injected.yaml` holds what `tandem inject` prints
// for the workloads, preceded by its warnings as comments. The webhook's
// answer (mutatePod) for each pod template, its patch applied to the input,
// must give the same pod, and a second admission of that pod no patch.
// UPDATE_GOLDEN=1 rewrites the goldens; a golden without a case fails.
import { describe, expect, it } from '@jest/globals';
import { applyPatch, type Operation } from 'fast-json-patch';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PodCreateRequest, RawPod } from '../../operator/admission/parse-pod-admission-review.ts';
import { parseSidecarSetDocuments } from '../../operator/api/sidecar-set-documents.ts';
import { injectManifests } from '../../operator/cli/inject-command.ts';
import { parseLabelList } from '../../operator/cli/parse-label-list.ts';
import type { WorkloadInjectionContext } from '../../operator/injection/inject-workload.ts';
import { parseKubeVersion } from '../../operator/injection/kube-version.ts';
import { workloadPodTemplate } from '../../operator/injection/workload-pod-template.ts';
import { manifestObjects } from '../../operator/manifest/manifest-objects.ts';
import { ManifestError, parseYamlDocuments } from '../../operator/manifest/yaml-documents.ts';
import { mutatePod, type PodMutation } from '../../operator/admission/mutate-pod.ts';

const dir = import.meta.dirname;
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(dir)
  .filter((file) => file.endsWith('.yaml') && !file.endsWith('.injected.yaml'))
  .map((file) => file.slice(0, -'.yaml'.length))
  .sort();

interface GoldenCase {
  readonly context: WorkloadInjectionContext;
  readonly workloads: string;
}

function loadCase(name: string): GoldenCase {
  const text = readFileSync(join(dir, `${name}.yaml`), 'utf8');
  const args = /^# args:(.*)$/m.exec(text.split('\n')[0] ?? '')?.[1] ?? '';
  const flag = (flagName: string): string | undefined => new RegExp(`--${flagName}[= ](\\S+)`).exec(args)?.[1];
  const documents = parseYamlDocuments(text, name);
  const isSet = (value: unknown): boolean => (value as { kind?: unknown }).kind === 'SidecarSet';
  const setsText = documents.filter((d) => isSet(d.value)).map((d) => d.source);
  const workloads = documents.filter((d) => !isSet(d.value)).map((d) => d.source);
  const kubeVersionText = flag('kube-version');
  const kubeVersion = kubeVersionText === undefined ? undefined : parseKubeVersion(kubeVersionText);
  return {
    context: {
      sidecarSets: parseSidecarSetDocuments(setsText.join(''), `${name}.yaml`),
      namespaceLabels: parseLabelList(flag('namespace-labels') ?? ''),
      options: kubeVersion === undefined ? {} : { kubeVersion },
    },
    workloads: workloads.join(''),
  };
}

/** What `tandem inject` prints for the case: warnings as comments, then the YAML; or, when it refuses, its error as comments. */
function render(name: string, golden: GoldenCase): string {
  let output: { yaml: string; warnings: readonly string[] };
  try {
    output = injectManifests(golden.workloads, `${name}.yaml`, golden.context);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return error.message.split('\n').map((line) => `# error: ${line.replaceAll(`${name}.yaml: `, '')}\n`).join('');
  }
  const warnings = output.warnings.map((warning) => `# warning: ${warning.replace(`${name}.yaml: `, '')}\n`);
  return `${warnings.join('')}${output.yaml}`;
}

/** Cases whose golden is a refusal: nothing is printed, so there is nothing to inject again. */
function refusesByGolden(name: string): boolean {
  const path = join(dir, `${name}.injected.yaml`);
  return existsSync(path) && readFileSync(path, 'utf8').startsWith('# error: ');
}

/** Every pod template of the documents in `text`, in document order (a bare Pod is its own template). */
function podTemplates(text: string, source: string): RawPod[] {
  return parseYamlDocuments(text, source)
    .flatMap((document) => manifestObjects(document.value))
    .flatMap((item): RawPod[] => {
      const found = workloadPodTemplate(item.object);
      return found === undefined ? [] : [{ ...found.template }];
    });
}

/** The golden's YAML without its warning comments, which the CLI prints first. */
function goldenYaml(name: string): string {
  return readFileSync(join(dir, `${name}.injected.yaml`), 'utf8').split('\n').filter((line) => !line.startsWith('# warning: ')).join('\n');
}

/** What the webhook answers when the apiserver sends this pod (the template, as a Pod) in a CREATE review. */
function admit(pod: RawPod, golden: GoldenCase): PodMutation {
  const request: PodCreateRequest = { uid: 'golden', operation: 'CREATE', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '', subResource: '', dryRun: false, object: pod };
  return mutatePod(request, {
    sidecarSets: golden.context.sidecarSets,
    namespaceLabels: golden.context.namespaceLabels,
    kubeVersion: golden.context.options.kubeVersion,
  });
}

function patchOf(mutation: PodMutation): Operation[] {
  const patch = mutation.review.response.patch;
  return patch === undefined ? [] : (JSON.parse(Buffer.from(patch, 'base64').toString('utf8')) as Operation[]);
}

describe('golden injection cases', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it('has no orphaned goldens', () => {
    const orphans = readdirSync(dir)
      .filter((file) => file.endsWith('.injected.yaml'))
      .filter((file) => !existsSync(join(dir, file.replace('.injected.yaml', '.yaml'))));
    expect(orphans).toEqual([]);
  });

  describe.each(cases)('%s', (name) => {
    const goldenPath = join(dir, `${name}.injected.yaml`);

    it('matches the golden output', () => {
      const golden = loadCase(name);
      const actual = render(name, golden);
      if (update) writeFileSync(goldenPath, actual);
      expect(existsSync(goldenPath)).toBe(true);
      expect(actual).toEqual(readFileSync(goldenPath, 'utf8'));
    });

    if (!refusesByGolden(name)) {
      it('is idempotent: injecting the output again changes nothing', () => {
        const golden = loadCase(name);
        const once = injectManifests(golden.workloads, `${name}.yaml`, golden.context).yaml;
        expect(injectManifests(once, `${name}.yaml`, golden.context).yaml).toEqual(once);
      });

      it('the webhook: the patch applied to each pod gives the golden pod, and a second admission no patch', () => {
        const golden = loadCase(name);
        const inputs = podTemplates(golden.workloads, `${name}.yaml`);
        // Only a case without pod templates never reaches the webhook.
        expect(inputs.length > 0 || name === 'passthrough-other-kinds').toBe(true);
        const expected = podTemplates(goldenYaml(name), `${name}.injected.yaml`);
        expect(inputs.length).toBe(expected.length);
        inputs.forEach((pod, index) => {
          const mutation = admit(pod, golden);
          expect(mutation.rejected).toBe(false);
          const patched = applyPatch(structuredClone(pod), patchOf(mutation), true, false).newDocument;
          expect(patched).toEqual(expected[index]);
          const again = admit(patched, golden);
          expect({ changed: again.changed, patch: patchOf(again) }).toEqual({ changed: false, patch: [] });
        });
      });
    } else {
      it('the webhook denies the pods the CLI refuses to print, naming the same problem', () => {
        const golden = loadCase(name);
        const refusal = readFileSync(goldenPath, 'utf8');
        const denied = podTemplates(golden.workloads, `${name}.yaml`).map((pod) => admit(pod, golden)).filter((mutation) => mutation.rejected);
        expect(denied.length).toBeGreaterThan(0);
        for (const mutation of denied) {
          expect(mutation.review.response.allowed).toBe(false);
          expect(refusal).toContain((mutation.review.response.status?.message ?? '').replace('tandem: ', ''));
        }
      });
    }
  });
});

// The property of issue 12, item 1, in process: on generated manifests full
// of YAML 1.1/1.2 traps, `tandem inject` writes documents that read back (as
// kubectl reads YAML: operator/yaml/read-kube-value.ts) exactly as the input
// plus what the engine injected, documents it does not change byte for byte,
// and a second run changes nothing. The same generator runs against the real
// kubectl in test/integration/yaml/kubectl-oracle.test.ts.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { injectManifests } from '../../../operator/cli/inject-command.ts';
import { injectWorkload } from '../../../operator/injection/inject-workload.ts';
import { jsonEqual } from '../../../operator/json/json-equal.ts';
import { ManifestError, parseYamlDocuments } from '../../../operator/manifest/yaml-documents.ts';
import { trickyContext, trickyStream } from '../yaml/support/tricky-manifests.ts';

const context = trickyContext();
const RUNS = Number(process.env.TANDEM_PROPERTY_RUNS ?? 300);

function exact(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? `${inner}n` : inner));
}

describe('tandem inject on generated manifests', () => {
  it('writes what the input meant plus the injected fields, and is idempotent', () => {
    let documents = 0;
    let injected = 0;
    fc.assert(
      fc.property(trickyStream, (text) => {
        let inputs;
        try {
          inputs = parseYamlDocuments(text, 'in.yaml');
        } catch (error) {
          // Some generated streams are ones kubectl refuses too (an overflowing float, 1:30 as a key...): inject must refuse them, naming the file.
          expect(error).toBeInstanceOf(ManifestError);
          expect(() => injectManifests(text, 'in.yaml', context)).toThrow(/^in\.yaml: document \d+/);
          return;
        }
        const output = injectManifests(text, 'in.yaml', context).yaml;
        const outputs = parseYamlDocuments(output, 'out.yaml');
        const expected = inputs.map((document) => injectWorkload(document.value, context));
        expect(outputs).toHaveLength(inputs.length);
        outputs.forEach((document, index) => {
          const want = expected[index];
          if (!jsonEqual(document.value, want?.object)) expect(exact(document.value)).toBe(exact(want?.object));
          if (want?.injection?.changed !== true) expect(document.source.trimEnd()).toBe(inputs[index]?.source.trimEnd());
        });
        if (expected.every((result) => result.injection?.changed !== true)) expect(output).toBe(text.endsWith('\n') || text === '' ? text : `${text}\n`);
        expect(injectManifests(output, 'out.yaml', context).yaml).toBe(output);
        documents += inputs.length;
        injected += expected.filter((result) => result.injection?.changed === true).length;
      }),
      { seed: 12, numRuns: RUNS },
    );
    // The generator must reach what it is for: most streams read, many documents injected.
    expect(documents).toBeGreaterThan(RUNS);
    expect(injected).toBeGreaterThan(RUNS / 3);
  });
});

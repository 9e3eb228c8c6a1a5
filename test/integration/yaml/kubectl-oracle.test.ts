// The real kubectl as the oracle for `tandem inject` (issue 12, item 1): on
// generated manifests full of YAML 1.1/1.2 traps and on real manifests
// (test/fixtures/real-manifests/), kubectl must read from Tandem's output
// exactly what it read from the input plus the injected fields, and Tandem's
// YAML reader must read what kubectl reads. Both sides go through kubectl, so
// its typed decoding (quantities, dropped empty fields) is the same on each.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlDocuments } from '../../../operator/manifest/yaml-documents.ts';
import { trickyContext, trickyStream } from '../../unit/yaml/support/tricky-manifests.ts';
import { repoRoot } from '../cluster-env.ts';
import { kubectlReads } from './support/kubectl-reading.ts';
import { checkMeaning, everyPodContext } from './support/check-meaning.ts';

const STREAMS = Number(process.env.TANDEM_ORACLE_STREAMS ?? 150);

describe('kubectl reads tandem inject output as the input plus the injected fields', () => {
  it(`on ${STREAMS} generated streams`, () => {
    const streams = fc.sample(trickyStream, { seed: 1212, numRuns: STREAMS });
    const readable = streams.filter((text) => {
      try {
        parseYamlDocuments(text, 'in.yaml');
        return true;
      } catch {
        // Tandem refuses it: kubectl must refuse it too.
        expect(kubectlReads(text).ok).toBe(false);
        return false;
      }
    });
    // One kubectl run for all streams: concatenated, they are one stream of the same documents.
    const result = checkMeaning(readable.map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('---\n'), 'generated.yaml', trickyContext());
    process.stdout.write(`kubectl oracle: ${streams.length} streams, ${result.objects} objects, ${result.injected} injected\n`);
    expect(result.problem).toBeUndefined();
    expect(result.injected).toBeGreaterThan(STREAMS / 3);
  });

  const realDir = join(repoRoot, 'test/fixtures/real-manifests');
  const real = readdirSync(realDir).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();

  it('has real manifests to try', () => {
    expect(real.length).toBeGreaterThanOrEqual(10);
  });
  const context = everyPodContext();

  it.each(real)('on the real manifest %s', (file) => {
    const result = checkMeaning(readFileSync(join(realDir, file), 'utf8'), file, context);
    expect(result.problem).toBeUndefined();
    expect(result.refusedByBoth).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatValidationErrors, parseSidecarSet } from '../../../operator/api/sidecar-set-validator.ts';
import { loadFixtures, loadYamlDocuments } from './sidecar-set-fixtures.ts';

const markdown = readFileSync(join(import.meta.dirname, '../../../docs/api.md'), 'utf8');
const examples = [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].flatMap(([, block], index) =>
  loadYamlDocuments(block ?? '').map((object) => {
    const name = (object.metadata as { name?: string } | undefined)?.name ?? `block ${index + 1}`;
    return [name, object] as const;
  }),
);

describe('docs/api.md', () => {
  it('has examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('example %s is a valid SidecarSet', (_name, object) => {
    const result = parseSidecarSet(object);
    expect(result.ok ? '' : formatValidationErrors(result.errors)).toBe('');
  });

  it('shows every valid fixture, so the examples are the tested ones', () => {
    const shown = new Map(examples.map(([name, object]) => [name, object]));
    for (const fixture of loadFixtures('valid-sidecarsets.yaml')) expect(shown.get(fixture.name)).toEqual(fixture.object);
  });
});

// charts/tandem/README.md lists every value of values.yaml with its default:
// the table is generated (scripts/render-chart-readme.ts) and drift-checked
// here and by `npm run deploy:check`; this test also reads the README as a
// user would, so a generator bug cannot hide a value.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../../..');
const readme = readFileSync(join(root, 'charts/tandem/README.md'), 'utf8');
const values = parse(readFileSync(join(root, 'charts/tandem/values.yaml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(root, 'charts/tandem/values.schema.json'), 'utf8')) as { properties: Record<string, unknown> };

/** The first column of the values table: `path`. */
const rows = [...readme.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1] ?? '');

/** Every path of values.yaml down to scalars, lists and empty maps. */
function leafPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix === '' ? key : `${prefix}.${key}`));
}

describe('charts/tandem/README.md', () => {
  it('is up to date with values.schema.json and values.yaml', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/render-chart-readme.ts'), '--check'], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(leafPaths(values))('documents %s', (path) => {
    // A row is the value itself, or an enclosing value documented as one (resources, affinity...).
    expect(rows.filter((row) => path === row || path.startsWith(`${row}.`))).toHaveLength(1);
  });

  it('documents nothing values.yaml and the schema do not know', () => {
    const known = (path: string): boolean => path === 'global' || leafPaths(values).some((leaf) => leaf === path || leaf.startsWith(`${path}.`));
    expect(rows.filter((row) => !known(row))).toEqual([]);
    expect(Object.keys(schema.properties).filter((key) => !rows.some((row) => row === key || row.startsWith(`${key}.`)))).toEqual([]);
  });

  it('shows each default as values.yaml has it', () => {
    const line = (path: string): string => readme.split('\n').find((text) => text.startsWith(`| \`${path}\` |`)) ?? '';
    expect(line('webhook.failurePolicy')).toContain('| `Ignore` |');
    expect(line('replicaCount')).toContain(`| \`${String(values.replicaCount)}\` |`);
    expect(line('certificates.secretName')).toContain('| `tandem-webhook-tls` |');
    expect(line('image.tag')).toContain('| `""` |');
  });
});

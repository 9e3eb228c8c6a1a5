// docs/api-reference.md is generated from the CRD: these tests pin what the
// generator promises (every field, its facts and its rules; core schemas
// named, not dumped) and that a field added to the CRD shows up by itself.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import type { StructuralSchema } from '../../../operator/api/structural-schema.ts';
import {
  COLLAPSE_ABOVE_NODES,
  findEmbeddings,
  headingAnchors,
  localField,
  prose,
  renderApiReference,
} from '../../../scripts/render-api-reference.ts';

const root = join(import.meta.dirname, '../../..');
const crdText = readFileSync(join(root, 'crds/sidecarset.yaml'), 'utf8');
const schema = (parse(crdText) as { spec: { versions: { schema: { openAPIV3Schema: StructuralSchema } }[] } }).spec
  .versions[0]!.schema.openAPIV3Schema;
const page = renderApiReference(crdText);

/** The body of the section `### \`path\``, up to the next heading. */
function section(markdown: string, path: string): string {
  const start = markdown.indexOf(`\n### \`${path}\`\n`);
  if (start === -1) return '';
  const end = markdown.indexOf('\n### ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

interface Node {
  readonly path: string;
  readonly schema: StructuralSchema;
}

function* nodes(node: StructuralSchema, path = ''): Generator<Node> {
  if (path !== '') yield { path, schema: node };
  for (const [name, child] of Object.entries(node.properties ?? {})) yield* nodes(child, path === '' ? name : `${path}.${name}`);
  if (node.items !== undefined) yield* nodes(node.items, `${path}[]`);
  if (node.additionalProperties !== undefined) yield* nodes(node.additionalProperties, `${path}{}`);
}

describe('docs/api-reference.md', () => {
  it('is what npm run gen writes (gen:check)', () => {
    const result = spawnSync(process.execPath, ['scripts/gen-api-reference.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has a section for every spec and status field outside the core schemas it names instead', () => {
    const collapsed = [...page.matchAll(/^### `([^`]+)`\n(?:(?!###)[\s\S])*?not repeated here/gm)].map((match) => match[1]!);
    expect(collapsed).toEqual(expect.arrayContaining(['spec.containers[]', 'spec.initContainers[]', 'spec.volumes[]']));
    const inCollapsed = (path: string): boolean => collapsed.some((root) => path.startsWith(`${root}.`));
    const fields = [...nodes(schema)].filter(({ path }) => !path.endsWith('{}') && !/\[\]$/.test(path) && !inCollapsed(path));
    expect(fields.length).toBeGreaterThan(40);
    for (const { path } of fields) expect(section(page, path)).not.toBe('');
  });

  it('shows each default, enum value, limit and requiredness', () => {
    for (const { path, schema: node } of nodes(schema)) {
      const body = section(page, path);
      if (body === '') continue;
      if (node.default !== undefined) expect(body).toContain(`- **Default:** \`${typeof node.default === 'string' ? node.default : JSON.stringify(node.default)}\``);
      for (const value of node.enum ?? []) expect(body).toContain(`\`${String(value)}\``);
      if (node.maxItems !== undefined) expect(body).toContain(`at most ${node.maxItems} item`);
      if (node.maxLength !== undefined) expect(body).toContain(`at most ${node.maxLength} character`);
      if (node.maxProperties !== undefined) expect(body).toContain(`at most ${node.maxProperties} entr`);
      if (node.minimum !== undefined) expect(body).toContain(`minimum ${node.minimum}`);
    }
    expect(section(page, 'spec')).toContain('- **Required:** yes');
    expect(section(page, 'spec.selector')).toContain('- **Required:** yes');
    expect(section(page, 'spec.namespaceSelector')).toContain('- **Required:** no');
  });

  it('lists every CEL rule message under the field it sits on', () => {
    let rules = 0;
    for (const { path, schema: node } of nodes(schema)) {
      for (const rule of node['x-kubernetes-validations'] ?? []) {
        rules += 1;
        expect(section(page, path)).toContain(prose(rule.message ?? ''));
      }
    }
    expect(rules).toBeGreaterThanOrEqual(12);
    expect(section(page, 'spec.containers[]')).toContain('restartPolicy must not be set on a sidecar container');
  });

  it('names the core Container and Volume schemas and shows only Tandem\'s additions in them', () => {
    expect(section(page, 'spec.containers[]')).toContain('[Container](https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container)');
    expect(section(page, 'spec.volumes[]')).toContain('Volume](');
    expect(section(page, 'spec.containers[].placement')).toContain('- **One of:** `Before`, `After`');
    expect(section(page, 'spec.containers[].name')).toContain('at most 63 characters');
    expect(section(page, 'spec.containers[].image')).toBe('');
    expect(section(page, 'spec.volumes[].configMap')).toBe('');
    expect(page).not.toContain('spec.initContainers[].placement');
    // Small core schemas are what a reader looks for: shown in full.
    expect(section(page, 'spec.selector.matchExpressions[].operator')).toContain('`DoesNotExist`');
    expect(section(page, 'status.conditions[].reason')).not.toBe('');
  });

  it('lists the kubectl get columns', () => {
    expect(page).toContain('| MATCHED | integer | `.status.matchedPods` |');
    expect(page).toContain('| READY | integer | `.status.readyPods` |');
  });

  it('links every index row to a section heading of the page', () => {
    const headings = [...page.matchAll(/^#{1,6} (.*)$/gm)].map((match) => match[1]!);
    const anchors = new Set(headingAnchors(headings));
    const links = [...page.matchAll(/^\| \[`[^`]+`\]\(#([^)]+)\)/gm)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(40);
    for (const link of links) expect(anchors).toContain(link);
  });
});

describe('renderApiReference on a changed CRD', () => {
  const SPEC = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'properties'];

  it('documents a field added to spec, with its children, limits, default and rules', () => {
    const doc = parseDocument(crdText);
    doc.setIn([...SPEC, 'overrides'], {
      description: 'Per-namespace changes to the sidecars.',
      type: 'array',
      maxItems: 8,
      'x-kubernetes-validations': [{ rule: 'true', message: 'overrides must name distinct namespaces' }],
      items: {
        type: 'object',
        required: ['namespace'],
        properties: {
          namespace: { type: 'string', maxLength: 63, description: 'The namespace.' },
          image: { type: 'string', default: 'registry.example.com/x:1' },
          env: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    });
    const changed = renderApiReference(doc.toString());
    expect(section(changed, 'spec.overrides')).toContain('- **Type:** list of object');
    expect(section(changed, 'spec.overrides')).toContain('at most 8 items');
    expect(section(changed, 'spec.overrides')).toContain('- overrides must name distinct namespaces');
    expect(section(changed, 'spec.overrides[].namespace')).toContain('- **Required:** yes');
    expect(section(changed, 'spec.overrides[].image')).toContain('- **Default:** `registry.example.com/x:1`');
    expect(section(changed, 'spec.overrides[].env')).toContain('map of string to string');
    expect(changed).toContain('| [`spec.overrides[].namespace`](#specoverridesnamespace) |');
  });

  it('shows a field added inside the core Container once it is listed as local', () => {
    const doc = parseDocument(crdText);
    const items = [...SPEC, 'containers', 'items'];
    doc.setIn([...items, 'properties', 'priority'], { type: 'integer', minimum: 0, description: 'Start order.' });
    const node = doc.getIn(items, true) as { commentBefore?: string };
    node.commentBefore = (node.commentBefore ?? '').replace(/local:(.*)$/m, 'local:$1, properties.priority');
    const changed = renderApiReference(doc.toString());
    expect(section(changed, 'spec.containers[].priority')).toContain('minimum 0');
    expect(section(changed, 'spec.containers[].image')).toBe('');
  });

  it('finds the core-schema markers the import tool writes', () => {
    const embeddings = findEmbeddings(crdText);
    expect(embeddings.get('spec.containers[]')?.definition).toBe('io.k8s.api.core.v1.Container');
    expect(embeddings.get('spec.containers[]')?.local).toContain('properties.placement');
    expect(embeddings.get('spec.selector')?.definition).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector');
    expect(COLLAPSE_ABOVE_NODES).toBeGreaterThan(10);
  });
});

describe('helpers', () => {
  it.each([
    ['properties.placement', { relative: 'placement', whole: true }],
    ['properties.name.maxLength', { relative: 'name', whole: false }],
    ['x-kubernetes-validations', { relative: '', whole: false }],
    ['properties.matchExpressions.items.properties.operator.enum', { relative: 'matchExpressions[].operator', whole: false }],
  ])('localField(%s)', (path, expected) => {
    expect(localField(path)).toEqual(expected);
  });

  it('keeps descriptions inert in Markdown but their code spans intact', () => {
    expect(prose('a <KEY> and `metadata.labels[\'<KEY>\']`, *b*')).toBe('a &lt;KEY> and `metadata.labels[\'<KEY>\']`, \\*b\\*');
    expect(prose('DNS_LABEL stays; _x_ does not')).toBe('DNS_LABEL stays; \\_x\\_ does not');
    expect(prose('# not a heading\n- not a list')).toBe('\\# not a heading\n\\- not a list');
  });

  it('numbers repeated anchors as GitHub does', () => {
    expect(headingAnchors(['`spec.containers`', '`spec.containers[]`', 'Fields'])).toEqual(['speccontainers', 'speccontainers-1', 'fields']);
  });
});

// Renders docs/api-reference.md from the text of crds/sidecarset.yaml: a pure
// function of the CRD, so the page can never say something the apiserver does
// not enforce (docs/adr/0001-crd-is-the-source-of-truth.md).
//
// Every schema node below openAPIV3Schema gets a section with its type,
// whether it is required, its default, enum and limits, its description and
// the messages of the CEL rules (x-kubernetes-validations) written on it.
// Nothing is listed by name, so a field added to the CRD appears on the next
// `npm run gen` without touching this file.
//
// Embedded core schemas (nodes whose first comment reads `core-schema: <def>`,
// see scripts/import-core-schemas.ts) that are large, such as Container and
// Volume, are not repeated field by field: the page names the core type and
// links to the Kubernetes docs, and shows only what Tandem adds inside it (the
// paths listed after `local:`, plus any node carrying a CEL rule, which the
// import never copies from upstream). Small ones (LabelSelector, Condition)
// are shown in full, because their fields are what a reader looks for.
import { isMap, isScalar, parse, parseDocument } from 'yaml';
import {
  formatSchemaPath,
  LIST_ITEMS,
  MAP_VALUES,
  type SchemaSegment,
  type StructuralSchema,
  type ValidationRuleSpec,
} from '../operator/api/structural-schema.ts';
import { readCoreSchemaMarker, type CoreSchemaMarker } from './core-schema-marker.ts';

export const API_REFERENCE_PATH = 'docs/api-reference.md';
const NOTICE = '<!-- generated from crds/sidecarset.yaml by scripts/gen-api-reference.ts; do not edit: run npm run gen -->';

/** Embedded core schemas with more schema nodes than this are named and linked instead of listed. */
export const COLLAPSE_ABOVE_NODES = 40;

/** Where the Kubernetes docs describe the core types Tandem embeds; others get the API reference index. */
const CORE_DOCS: Readonly<Record<string, string>> = {
  'io.k8s.api.core.v1.Container': 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#Container',
  'io.k8s.api.core.v1.Volume': 'https://kubernetes.io/docs/reference/kubernetes-api/config-and-storage-resources/volume/',
};
const COLUMNS_HEADING = '`kubectl get` columns';
const CORE_DOCS_INDEX = 'https://kubernetes.io/docs/reference/kubernetes-api/';

interface Crd {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: {
    readonly group: string;
    readonly scope: string;
    readonly names: {
      readonly kind: string;
      readonly listKind?: string;
      readonly plural: string;
      readonly singular?: string;
      readonly shortNames?: readonly string[];
      readonly categories?: readonly string[];
    };
    readonly versions: readonly CrdVersion[];
  };
}

interface CrdVersion {
  readonly name: string;
  readonly subresources?: Readonly<Record<string, unknown>>;
  readonly additionalPrinterColumns?: readonly PrinterColumn[];
  readonly schema?: { readonly openAPIV3Schema?: StructuralSchema };
}

interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/** A `core-schema:` marker: the upstream definition and the paths inside it that are Tandem's. */
type Embedding = CoreSchemaMarker;

/** Inside a collapsed core schema: which descendants are Tandem's and so still get a section. */
interface Collapsed {
  readonly root: readonly SchemaSegment[];
  /** Relative paths of fields Tandem constrains (the field only). */
  readonly fields: readonly string[];
  /** Relative paths of fields Tandem adds (the field and everything under it). */
  readonly subtrees: readonly string[];
}

/** One section of the page. */
export interface FieldEntry {
  readonly path: string;
  readonly segments: readonly SchemaSegment[];
  readonly schema: StructuralSchema;
  /** undefined for list items and map values, which are never "required". */
  readonly required: boolean | undefined;
  readonly core: { readonly definition: string; readonly collapsed: boolean } | undefined;
  /** The item or value type, when the node is a list or a map whose items get no section of their own. */
  readonly typeName: string;
}

export function renderApiReference(crdText: string): string {
  const crd = parse(crdText) as Crd;
  const version = onlyVersion(crd);
  const schema = version.schema?.openAPIV3Schema;
  if (schema === undefined) throw new Error('crds/sidecarset.yaml: the version has no openAPIV3Schema');
  const entries = collectFields(schema, findEmbeddings(crdText));
  const coreVersion = crd.metadata?.annotations?.['tandem.dev/core-schemas'];
  const title = `${crd.spec.names.kind} API reference (\`${crd.spec.group}/${version.name}\`)`;
  return [
    NOTICE,
    '',
    `# ${title}`,
    '',
    `Generated from [\`crds/sidecarset.yaml\`](../crds/sidecarset.yaml) by \`npm run gen\`; \`make verify\` fails when this page and the CRD differ.`,
    'The guide, with examples and how the fields work together, is [api.md](api.md).',
    '',
    ...(schema.description === undefined ? [] : [prose(schema.description), '']),
    ...resourceTable(crd, version, coreVersion),
    ...printerColumns(crd.spec.names.plural, version.additionalPrinterColumns ?? []),
    ...indexTable(entries, [title, ...(version.additionalPrinterColumns?.length ? [COLUMNS_HEADING] : []), 'Index', 'Fields']),
    '## Fields',
    '',
    ...entries.flatMap((entry) => fieldSection(entry, coreVersion)),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

function onlyVersion(crd: Crd): CrdVersion {
  const versions = crd.spec.versions;
  const [version] = versions;
  if (versions.length !== 1 || version === undefined) {
    throw new Error('crds/sidecarset.yaml: expected exactly one version; teach scripts/render-api-reference.ts about more');
  }
  return version;
}

// ---------------------------------------------------------------------------
// Core-schema markers live in YAML comments, so they are read from the document tree.

/** Formatted schema path -> the marker on that node. */
export function findEmbeddings(crdText: string): ReadonlyMap<string, Embedding> {
  const doc = parseDocument(crdText);
  const root = doc.getIn(['spec', 'versions', 0, 'schema', 'openAPIV3Schema'], true);
  const found = new Map<string, Embedding>();
  visitYamlSchema(root, [], found);
  return found;
}

function visitYamlSchema(node: unknown, segments: readonly SchemaSegment[], found: Map<string, Embedding>): void {
  if (!isMap(node)) return;
  const embedding = readCoreSchemaMarker(node.commentBefore ?? '');
  if (embedding !== undefined) found.set(formatSchemaPath(segments), embedding);
  const properties = node.get('properties', true);
  if (isMap(properties)) {
    for (const pair of properties.items) {
      if (isScalar(pair.key)) visitYamlSchema(pair.value, [...segments, String(pair.key.value)], found);
    }
  }
  visitYamlSchema(node.get('items', true), [...segments, LIST_ITEMS], found);
  visitYamlSchema(node.get('additionalProperties', true), [...segments, MAP_VALUES], found);
}


/**
 * A `local:` path (`properties.matchExpressions.items.x-kubernetes-validations`)
 * as a field path relative to the embedding, and whether it names the field
 * itself (an addition: shown with its subtree) or one keyword on it.
 */
export function localField(path: string): { readonly relative: string; readonly whole: boolean } {
  const tokens = path.split('.');
  const segments: SchemaSegment[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (token === 'properties' && index + 1 < tokens.length) segments.push(tokens[(index += 1)] ?? '');
    else if (token === 'items') segments.push(LIST_ITEMS);
    else if (token === 'additionalProperties') segments.push(MAP_VALUES);
    else return { relative: formatSchemaPath(segments), whole: false };
  }
  return { relative: formatSchemaPath(segments), whole: true };
}

// ---------------------------------------------------------------------------
// Which nodes get a section

function countNodes(schema: StructuralSchema): number {
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items === undefined ? [] : [schema.items]),
    ...(schema.additionalProperties === undefined ? [] : [schema.additionalProperties]),
  ];
  return 1 + children.reduce((sum, child) => sum + countNodes(child), 0);
}

function childrenOf(schema: StructuralSchema): [SchemaSegment, StructuralSchema, boolean | undefined][] {
  const required = new Set(schema.required ?? []);
  return [
    ...Object.entries(schema.properties ?? {}).map(
      ([name, child]): [SchemaSegment, StructuralSchema, boolean | undefined] => [name, child, required.has(name)],
    ),
    ...(schema.items === undefined ? [] : [[LIST_ITEMS, schema.items, undefined] as [SchemaSegment, StructuralSchema, undefined]]),
    ...(schema.additionalProperties === undefined
      ? []
      : [[MAP_VALUES, schema.additionalProperties, undefined] as [SchemaSegment, StructuralSchema, undefined]]),
  ];
}

const CONSTRAINT_KEYS = [
  'enum', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'default', 'x-kubernetes-validations',
] as const;

/** A list item or map value is worth a section when it is more than a plain type. */
function itemNeedsSection(schema: StructuralSchema, isCore: boolean): boolean {
  return isCore || schema.properties !== undefined || CONSTRAINT_KEYS.some((key) => schema[key] !== undefined);
}

interface WalkContext {
  readonly embeddings: ReadonlyMap<string, Embedding>;
  readonly entries: FieldEntry[];
}

export function collectFields(schema: StructuralSchema, embeddings: ReadonlyMap<string, Embedding>): FieldEntry[] {
  const context: WalkContext = { embeddings, entries: [] };
  for (const [segment, child, required] of childrenOf(schema)) walkField(context, [segment], child, { required, collapsed: undefined });
  return context.entries;
}

function walkField(
  context: WalkContext,
  segments: readonly SchemaSegment[],
  schema: StructuralSchema,
  at: { readonly required: boolean | undefined; readonly collapsed: Collapsed | undefined },
): void {
  const path = formatSchemaPath(segments);
  const embedding = context.embeddings.get(path);
  const collapsed = embedding !== undefined && countNodes(schema) > COLLAPSE_ABOVE_NODES ? collapseAt(segments, embedding) : at.collapsed;
  const isItem = segments.at(-1) === LIST_ITEMS || segments.at(-1) === MAP_VALUES;
  const shown = isItem ? itemNeedsSection(schema, embedding !== undefined) : true;
  if (shown && isShownInside(at.collapsed, segments, schema)) {
    const core = embedding === undefined ? undefined : { definition: embedding.definition, collapsed: collapsed !== at.collapsed };
    context.entries.push({ path, segments, schema, required: at.required, core, typeName: typeName(context, segments, schema) });
  }
  for (const [segment, child, required] of childrenOf(schema)) walkField(context, [...segments, segment], child, { required, collapsed });
}

function collapseAt(root: readonly SchemaSegment[], embedding: Embedding): Collapsed {
  const fields = embedding.local.map(localField);
  return {
    root,
    fields: fields.filter((field) => !field.whole).map((field) => field.relative),
    subtrees: fields.filter((field) => field.whole).map((field) => field.relative),
  };
}

/** Outside collapsed core schemas everything is shown; inside, only what Tandem added or constrained. */
function isShownInside(collapsed: Collapsed | undefined, segments: readonly SchemaSegment[], schema: StructuralSchema): boolean {
  if (collapsed === undefined) return true;
  const relative = formatSchemaPath(segments.slice(collapsed.root.length));
  if (relative === '') return true;
  // Upstream schemas carry no CEL rules (the import drops them), so any rule in there is Tandem's.
  if (schema['x-kubernetes-validations'] !== undefined) return true;
  if (collapsed.fields.includes(relative)) return true;
  return collapsed.subtrees.some((tree) => relative === tree || relative.startsWith(`${tree}.`) || relative.startsWith(`${tree}[`) || relative.startsWith(`${tree}{`));
}

// ---------------------------------------------------------------------------
// Types, facts and prose

function typeName(context: WalkContext, segments: readonly SchemaSegment[], schema: StructuralSchema): string {
  if (schema['x-kubernetes-int-or-string'] === true) return 'integer or string';
  const core = context.embeddings.get(formatSchemaPath(segments));
  if (core !== undefined) return `object (core \`${shortName(core.definition)}\`)`;
  if (schema.type === 'array') {
    return `list of ${schema.items === undefined ? 'anything' : typeName(context, [...segments, LIST_ITEMS], schema.items)}`;
  }
  if (schema.type === 'object' && schema.additionalProperties !== undefined) {
    return `map of string to ${typeName(context, [...segments, MAP_VALUES], schema.additionalProperties)}`;
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return 'object (any fields)';
  const base = schema.type ?? 'any';
  return schema.format === undefined ? base : `${base} (${schema.format})`;
}

function shortName(definition: string): string {
  return definition.split('.').at(-1) ?? definition;
}

function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

/**
 * Descriptions are plain text: keep their `code` spans, and make the rest
 * inert in Markdown (no HTML, emphasis, links or block syntax) while leaving
 * it readable as raw text.
 */
export function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/</g, '&lt;')
            .replace(/([*[\]\\])/g, '\\$1')
            .replace(/(^|\W)_|_(?=\W|$)/g, (match) => match.replace('_', '\\_'))
            .replace(/^(\s*)([#>+-]|\d+\.)(\s)/gm, '$1\\$2$3'),
    )
    .join('')
    .trim();
}

type NumericLimit = 'minimum' | 'maximum' | 'minLength' | 'maxLength' | 'minItems' | 'maxItems' | 'minProperties' | 'maxProperties';

const LIMIT_WORDS: readonly (readonly [NumericLimit, (value: number) => string])[] = [
  ['minimum', (value) => `minimum ${value}`],
  ['maximum', (value) => `maximum ${value}`],
  ['minLength', (value) => `at least ${plural(value, 'character')}`],
  ['maxLength', (value) => `at most ${plural(value, 'character')}`],
  ['minItems', (value) => `at least ${plural(value, 'item')}`],
  ['maxItems', (value) => `at most ${plural(value, 'item')}`],
  ['minProperties', (value) => `at least ${plural(value, 'entry', 'entries')}`],
  ['maxProperties', (value) => `at most ${plural(value, 'entry', 'entries')}`],
];

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function limits(schema: StructuralSchema): string[] {
  const out = LIMIT_WORDS.flatMap(([key, words]) => {
    const value = schema[key];
    return value === undefined ? [] : [words(value)];
  });
  if (schema.pattern !== undefined) out.push(`matches ${code(schema.pattern)}`);
  return out;
}

function mergeStrategy(schema: StructuralSchema): string | undefined {
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'map') {
    const keys = (schema['x-kubernetes-list-map-keys'] ?? []).map(code).join(', ');
    return `list type \`map\`: one item per ${keys}`;
  }
  if (listType === 'set') return 'list type `set`: items are unique';
  if (listType === 'atomic' || schema['x-kubernetes-map-type'] === 'atomic') return '`atomic`: replaced as a whole by server-side apply';
  return undefined;
}

function coreLine(entry: FieldEntry, coreVersion: string | undefined): string | undefined {
  if (entry.core === undefined) return undefined;
  const name = shortName(entry.core.definition);
  const from = `\`${entry.core.definition}\`${coreVersion === undefined ? '' : ` of ${coreVersion}`}`;
  if (!entry.core.collapsed) return `- **Core schema:** ${from}, shown in full.`;
  const link = CORE_DOCS[entry.core.definition] ?? CORE_DOCS_INDEX;
  return `- **Core schema:** ${from}: every field of a Kubernetes [${name}](${link}), not repeated here. Tandem's additions and constraints inside it are the \`${entry.path}.…\` sections below.`;
}

function rulesLines(rules: readonly ValidationRuleSpec[]): string[] {
  if (rules.length === 0) return [];
  return [
    '',
    'Rules (CEL `x-kubernetes-validations`): a SidecarSet that breaks one is rejected, by the apiserver and by `tandem inject`/`explain`, with this message:',
    '',
    ...rules.map((rule) => {
      const message = rule.message ?? (rule.messageExpression === undefined ? `rule ${code(rule.rule)} failed` : `(computed) ${code(rule.messageExpression)}`);
      const where = rule.fieldPath === undefined ? '' : ` (reported on ${code(rule.fieldPath)})`;
      return `- ${prose(message)}${where}`;
    }),
  ];
}

function fieldSection(entry: FieldEntry, coreVersion: string | undefined): string[] {
  const schema = entry.schema;
  const facts = [
    `- **Type:** ${entry.typeName}`,
    entry.required === undefined ? undefined : `- **Required:** ${entry.required ? 'yes' : 'no'}`,
    schema.default === undefined ? undefined : `- **Default:** ${code(schema.default)}`,
    schema.enum === undefined ? undefined : `- **One of:** ${schema.enum.map(code).join(', ')}`,
    limits(schema).length === 0 ? undefined : `- **Limits:** ${limits(schema).join(', ')}`,
    mergeStrategy(schema) === undefined ? undefined : `- **Merge:** ${mergeStrategy(schema) ?? ''}`,
    coreLine(entry, coreVersion),
  ].filter((line): line is string => line !== undefined);
  return [
    `### \`${entry.path}\``,
    '',
    ...facts,
    ...(schema.description === undefined || schema.description.trim() === '' ? [] : ['', prose(schema.description)]),
    ...rulesLines(schema['x-kubernetes-validations'] ?? []),
    '',
  ];
}

// ---------------------------------------------------------------------------
// The head of the page

function resourceTable(crd: Crd, version: CrdVersion, coreVersion: string | undefined): string[] {
  const names = crd.spec.names;
  const rows: [string, string][] = [
    ['API group / version', code(`${crd.spec.group}/${version.name}`)],
    ['Kind / list kind', `${code(names.kind)}${names.listKind === undefined ? '' : ` / ${code(names.listKind)}`}`],
    ['Scope', crd.spec.scope],
    ['Resource (plural, singular)', [names.plural, names.singular].filter((n) => n !== undefined).map(code).join(', ')],
    ['Short names', (names.shortNames ?? []).map(code).join(', ') || '—'],
    ['Categories', (names.categories ?? []).map(code).join(', ') || '—'],
    ['Subresources', Object.keys(version.subresources ?? {}).map(code).join(', ') || '—'],
    ...(coreVersion === undefined ? [] : [['Core schemas embedded from', code(coreVersion)] as [string, string]]),
  ];
  return ['| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${value} |`), ''];
}

function printerColumns(resource: string, columns: readonly PrinterColumn[]): string[] {
  if (columns.length === 0) return [];
  return [
    `## ${COLUMNS_HEADING}`,
    '',
    `\`kubectl get ${resource}\` prints \`NAME\`, then:`,
    '',
    '| Column | Type | From | Meaning |',
    '|---|---|---|---|',
    ...columns.map(
      (column) =>
        `| ${column.name.toUpperCase()} | ${column.type} | ${code(column.jsonPath)} | ${prose(column.description ?? '')}${column.priority !== undefined && column.priority > 0 ? ' (with `-o wide`)' : ''} |`,
    ),
    '',
  ];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
export function headingAnchors(headings: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return headings.map((heading) => {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
  });
}

/** `before`: the page's headings ahead of the field sections, which take their anchors first. */
function indexTable(entries: readonly FieldEntry[], before: readonly string[]): string[] {
  const anchors = headingAnchors([...before, ...entries.map((entry) => entry.path)]).slice(before.length);
  return [
    '## Index',
    '',
    '| Field | Type | Required | Default |',
    '|---|---|---|---|',
    ...entries.map((entry, index) => {
      const required = entry.required === undefined ? '' : entry.required ? 'yes' : '';
      const fallback = entry.schema.default === undefined ? '' : code(entry.schema.default);
      return `| [${code(entry.path)}](#${anchors[index] ?? ''}) | ${entry.typeName.replace(/\|/g, '\\|')} | ${required} | ${fallback} |`;
    }),
    '',
  ];
}

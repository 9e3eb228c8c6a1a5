// Derives everything API-shaped from crds/sidecarset.yaml, the single source
// of truth (docs/adr/0001-crd-is-the-source-of-truth.md):
//   operator/api/generated/            types + ajv validator (@kubernetes-models/crd-generate),
//                                      the schema, its defaults and its CEL rules as TS modules
//   charts/tandem/crds/sidecarset.yaml and deploy/crds/sidecarset.yaml: copies of the CRD
//
//   node scripts/gen-api.ts           write them
//   node scripts/gen-api.ts --check   exit 1, naming the files, when the committed ones differ
//
// Output is a pure function of the CRD and the installed crd-generate: byte-identical on re-run.
import { mkdtemp, readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { generate as Generate } from '@kubernetes-models/crd-generate';
import { parse } from 'yaml';
import {
  formatSchemaPath,
  LIST_ITEMS,
  MAP_VALUES,
  type SchemaSegment,
  type StructuralSchema,
} from '../operator/api/structural-schema.ts';
import { encodeParsedCel } from '../operator/api/parsed-cel.ts';

// The package's ESM build imports ajv by directory, which Node's ESM resolver refuses; its CommonJS build works.
const { generate } = createRequire(import.meta.url)('@kubernetes-models/crd-generate') as { generate: typeof Generate };

const ROOT = join(import.meta.dirname, '..');
const CRD_PATH = 'crds/sidecarset.yaml';
const GENERATED_DIR = 'operator/api/generated';
const CRD_COPIES = ['charts/tandem/crds/sidecarset.yaml', 'deploy/crds/sidecarset.yaml'];
const NOTICE = 'generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit';

/** Repo-relative path -> exact file content. */
type Outputs = Map<string, string>;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const outputs = await buildOutputs();
  if (values.check) {
    const drift = await findDrift(outputs);
    if (drift.length === 0) return;
    console.error(`gen:check: ${drift.length} generated file(s) drifted from ${CRD_PATH}; run npm run gen`);
    for (const line of drift) console.error(`  ${line}`);
    process.exitCode = 1;
    return;
  }
  await writeOutputs(outputs);
  console.log(`gen: wrote ${outputs.size} files from ${CRD_PATH}`);
}

async function buildOutputs(): Promise<Outputs> {
  const crdText = await readFile(join(ROOT, CRD_PATH), 'utf8');
  const schema = readSchema(crdText);
  const outputs: Outputs = new Map();
  for (const [path, content] of await generateModels(crdText)) outputs.set(posix.join(GENERATED_DIR, path), content);
  outputs.set(`${GENERATED_DIR}/sidecar-set-schema.ts`, schemaModule(schema));
  outputs.set(`${GENERATED_DIR}/sidecar-set-defaults.ts`, defaultsModule(schema));
  outputs.set(`${GENERATED_DIR}/validation-rules.ts`, rulesModule(schema));
  // A comment line in front keeps the copy valid YAML and byte-for-byte the CRD after it.
  for (const copy of CRD_COPIES) outputs.set(copy, `# ${NOTICE}\n${crdText}`);
  return outputs;
}

function readSchema(crdText: string): StructuralSchema {
  const crd = parse(crdText) as { spec?: { versions?: { schema?: { openAPIV3Schema?: StructuralSchema } }[] } };
  const versions = crd.spec?.versions ?? [];
  const schema = versions[0]?.schema?.openAPIV3Schema;
  if (versions.length !== 1 || schema === undefined) {
    throw new Error(`${CRD_PATH}: expected exactly one version with a schema; teach scripts/gen-api.ts about more`);
  }
  return schema;
}

// ---------------------------------------------------------------------------
// @kubernetes-models/crd-generate, made to run under Node type stripping

async function generateModels(crdText: string): Promise<Outputs> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-gen-api-'));
  try {
    await quietly(() => generate({ input: crdText, outputPath: dir }));
    const files: Outputs = new Map();
    for (const path of await listFiles(dir)) files.set(path, await readFile(join(dir, path), 'utf8'));
    const fixed: Outputs = new Map();
    for (const [path, content] of files) fixed.set(path, await fixModule(path, content, files));
    return fixed;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** crd-generate logs each file it writes into the temporary directory: noise to whoever runs gen. */
async function quietly(action: () => Promise<void>): Promise<void> {
  const log = console.log;
  console.log = (): void => undefined;
  try {
    await action();
  } finally {
    console.log = log;
  }
}

async function listFiles(dir: string, under = ''): Promise<string[]> {
  const entries = await readdir(join(dir, under), { withFileTypes: true });
  const paths = await Promise.all(
    entries.map(async (entry) =>
      entry.isDirectory() ? listFiles(dir, posix.join(under, entry.name)) : [posix.join(under, entry.name)],
    ),
  );
  return paths.flat().sort();
}

const IMPORT = /^(import|export)(\s+(?:type\s+)?)([^'"]*?)\s+from\s+"([^"]+)";$/gm;

async function fixModule(path: string, content: string, files: Outputs): Promise<string> {
  let out = '';
  let last = 0;
  for (const match of content.matchAll(IMPORT)) {
    out += content.slice(last, match.index) + (await fixImport(path, match, files));
    last = match.index + match[0].length;
  }
  out += content.slice(last);
  if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out = declareClassFields(out);
  return `${path.endsWith('.js') ? `/* ${NOTICE} */` : `// ${NOTICE}`}\n${out.endsWith('\n') ? out : `${out}\n`}`;
}

async function fixImport(path: string, match: RegExpMatchArray, files: Outputs): Promise<string> {
  const [, keyword = '', space = '', clause = '', specifier = ''] = match;
  if (specifier.startsWith('.')) {
    return `${keyword}${space}${clause} from "${withExtension(path, specifier, files)}";`;
  }
  const resolved = resolvePackage(path, specifier);
  if (keyword === 'export' || !path.endsWith('.ts') || space.includes('type')) return match[0];
  return `${keyword} ${await markTypeOnly(clause, resolved)} from "${specifier}";`;
}

/** Node resolves no extension-less relative specifier: point at the file crd-generate wrote. */
function withExtension(from: string, specifier: string, files: Outputs): string {
  const target = posix.join(posix.dirname(from), specifier);
  for (const extension of ['.ts', '.js']) {
    if (files.has(`${target}${extension}`)) return `${specifier}${extension}`;
  }
  throw new Error(`${from}: cannot resolve ${specifier} among the generated files`);
}

/** Package subpaths must resolve through the package's exports map, as Node will at run time. */
function resolvePackage(from: string, specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch (error) {
    throw new Error(`${from}: ${specifier} does not resolve under Node: ${String(error)}`, { cause: error });
  }
}

/**
 * Type stripping keeps `import { IObjectMeta }` and then fails, because the
 * package exports no such value: mark every name the module does not export
 * at run time as a type import (verbatimModuleSyntax demands the same).
 */
async function markTypeOnly(clause: string, resolved: string): Promise<string> {
  const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
  if (names === undefined) throw new Error(`unexpected import clause ${clause}`);
  const runtime = (await import(resolved)) as Record<string, unknown>;
  const specifiers = names.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const isValue = (name: string): boolean => (name.split(/\s+as\s+/)[0] ?? name) in runtime;
  if (!specifiers.some(isValue)) return `type { ${specifiers.join(', ')} }`;
  return `{ ${specifiers.map((name) => (isValue(name) ? name : `type ${name}`)).join(', ')} }`;
}

/**
 * The model class re-declares the interface's fields only for their types;
 * as real class fields they would be initialised to undefined at run time.
 */
function declareClassFields(content: string): string {
  return content.replace(/^(\s+)("[^"]+"\??: I\w+\["[^"]+"\];)$/gm, '$1declare $2');
}

// ---------------------------------------------------------------------------
// Schema-derived modules

function tsModule(doc: string, body: string): string {
  return `// ${NOTICE}\n${doc}\n${body}`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** The schema without prose or rules: what the offline validator walks to default and type values. */
function schemaModule(schema: StructuralSchema): string {
  const stripped = JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === 'description' || key === 'x-kubernetes-validations' ? undefined : value,
    ),
  ) as unknown;
  return tsModule(
    "import type { StructuralSchema } from '../structural-schema.ts';\n",
    `/** openAPIV3Schema of the SidecarSet CRD, without descriptions and x-kubernetes-validations (see validation-rules.ts). */\nexport const sidecarSetSchema: StructuralSchema = ${json(stripped)};\n`,
  );
}

interface Visit {
  readonly schema: StructuralSchema;
  readonly segments: readonly SchemaSegment[];
}

/** Pre-order walk in the CRD's own property order: parents before children, as defaulting applies them. */
function* walk(schema: StructuralSchema, segments: readonly SchemaSegment[] = []): Generator<Visit> {
  yield { schema, segments };
  for (const [name, child] of Object.entries(schema.properties ?? {})) yield* walk(child, [...segments, name]);
  if (schema.items !== undefined) yield* walk(schema.items, [...segments, LIST_ITEMS]);
  if (schema.additionalProperties !== undefined) yield* walk(schema.additionalProperties, [...segments, MAP_VALUES]);
}

function defaultsModule(schema: StructuralSchema): string {
  const defaults: Record<string, unknown> = {};
  const shape: ShapeBuilder = {};
  for (const { schema: node, segments } of walk(schema)) {
    if (node.default === undefined) continue;
    defaults[formatSchemaPath(segments)] = node.default;
    markDefaulted(shape, segments);
  }
  return tsModule(
    '',
    [
      '/**',
      " * Every `default:` in the CRD schema, by field path ('[]' = each list item, '{}' = each map value),",
      ' * parents before children: the order in which the apiserver applies them.',
      ' */',
      `export const sidecarSetDefaults = ${json(defaults)} as const;`,
      '',
      'export type SidecarSetDefaultPath = keyof typeof sidecarSetDefaults;',
      '',
      '/** Where the defaults sit, for WithDefaults<ISidecarSet, SidecarSetDefaultShape> (operator/api/with-defaults.ts). */',
      `export type SidecarSetDefaultShape = ${json(shape)};`,
      '',
    ].join('\n'),
  );
}

/** DefaultShape (operator/api/with-defaults.ts) while it is built. */
interface ShapeBuilder {
  defaulted?: true;
  properties?: Record<string, ShapeBuilder>;
  items?: ShapeBuilder;
  values?: ShapeBuilder;
}

function markDefaulted(shape: ShapeBuilder, segments: readonly SchemaSegment[]): void {
  let node = shape;
  for (const segment of segments) {
    if (segment === LIST_ITEMS) node = node.items ??= {};
    else if (segment === MAP_VALUES) node = node.values ??= {};
    else node = (node.properties ??= {})[segment] ??= {};
  }
  node.defaulted = true;
}

function rulesModule(schema: StructuralSchema): string {
  const rules = [...walk(schema)].flatMap(({ schema: node, segments }) =>
    (node['x-kubernetes-validations'] ?? []).map((rule) => ({
      path: formatSchemaPath(segments),
      segments,
      ...rule,
      // Parsed here, so that no start of the CLI or the webhook parses them (operator/api/parsed-cel.ts).
      parsed: {
        rule: encodeParsedCel(rule.rule),
        ...(rule.messageExpression === undefined ? {} : { messageExpression: encodeParsedCel(rule.messageExpression) }),
      },
    })),
  );
  return tsModule(
    "import type { SchemaSegment, ValidationRuleSpec } from '../structural-schema.ts';\n",
    [
      '/** One x-kubernetes-validations rule and the schema node it sits on. */',
      'export interface SidecarSetValidationRule extends ValidationRuleSpec {',
      "  /** `spec.containers[]`: '[]' = each list item, '{}' = each map value. */",
      '  readonly path: string;',
      '  readonly segments: readonly SchemaSegment[];',
      '}',
      '',
      '/** Every CEL rule of the CRD, in schema order (parents before children). */',
      `export const sidecarSetValidationRules: readonly SidecarSetValidationRule[] = ${json(rules)};`,
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------
// Writing and checking

async function writeOutputs(outputs: Outputs): Promise<void> {
  // Stale files would still typecheck and import: the generated directory holds exactly the outputs.
  await rm(join(ROOT, GENERATED_DIR), { recursive: true, force: true });
  for (const [path, content] of outputs) {
    await mkdir(dirname(join(ROOT, path)), { recursive: true });
    await writeFile(join(ROOT, path), content);
  }
}

async function findDrift(outputs: Outputs): Promise<string[]> {
  const drift: string[] = [];
  for (const [path, content] of outputs) {
    const current = await readFile(join(ROOT, path), 'utf8').catch(() => undefined);
    if (current === undefined) drift.push(`${path}: missing`);
    else if (current !== content) drift.push(`${path}: differs${firstDifference(current, content)}`);
  }
  const committed = await listFiles(join(ROOT, GENERATED_DIR)).catch(() => []);
  for (const path of committed) {
    const full = posix.join(GENERATED_DIR, path);
    if (!outputs.has(full)) drift.push(`${full}: stale (no longer generated)`);
  }
  return drift;
}

function firstDifference(current: string, expected: string): string {
  const a = current.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, index) => text !== b[index]);
  return line === -1 ? ` (expected ${b.length - a.length} more lines)` : ` (first at line ${line + 1})`;
}

await main();

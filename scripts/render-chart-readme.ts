// Writes the values table of charts/tandem/README.md (between the markers
// <!-- values:start --> and <!-- values:end -->) from the chart's
// values.schema.json (each value's type and description) and values.yaml (its
// default), so the README lists every value the chart accepts and cannot
// drift from either:
//
//   node scripts/render-chart-readme.ts           rewrite the table
//   node scripts/render-chart-readme.ts --check   exit 1 when the committed README differs
//
// A schema property with its own `properties` is a group (its rows are its
// properties); anything else, including a $ref to a Kubernetes type
// (resources, affinity...), is one row.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const CHART = join(ROOT, 'charts/tandem');
const README = 'charts/tandem/README.md';
const START = '<!-- values:start -->';
const END = '<!-- values:end -->';

interface SchemaNode {
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: SchemaNode;
  readonly oneOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly $ref?: string;
}

interface Schema extends SchemaNode {
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

interface Row {
  readonly path: string;
  readonly type: string;
  readonly defaultValue: unknown;
  readonly description: string;
}

function resolve(schema: Schema, node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = schema.definitions[name];
  if (target === undefined) throw new Error(`values.schema.json: no definition ${node.$ref}`);
  return { ...target, ...node, $ref: undefined };
}

function range(node: SchemaNode): string {
  if (node.minimum !== undefined && node.maximum !== undefined) return ` ${node.minimum}–${node.maximum}`;
  if (node.minimum !== undefined) return ` ≥ ${node.minimum}`;
  return node.maximum === undefined ? '' : ` ≤ ${node.maximum}`;
}

function describeType(schema: Schema, raw: SchemaNode): string {
  const node = resolve(schema, raw);
  if (node.title !== undefined) return `${node.title}${range(node)}`;
  if (node.enum !== undefined) return node.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (node.oneOf !== undefined) return node.oneOf.map((choice) => describeType(schema, choice)).join(' or ');
  if (node.type === 'array') return node.items === undefined ? 'list' : `list of ${describeType(schema, node.items)}`;
  return `${node.type ?? 'any'}${range(node)}`;
}

function valueAt(values: unknown, path: readonly string[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function collectRows(schema: Schema, values: unknown, node: SchemaNode, path: readonly string[]): Row[] {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const childPath = [...path, key];
    if (child.properties !== undefined && child.$ref === undefined) return collectRows(schema, values, child, childPath);
    if (child.description === undefined) throw new Error(`values.schema.json: ${childPath.join('.')} has no description`);
    return [{ path: childPath.join('.'), type: describeType(schema, child), defaultValue: valueAt(values, childPath), description: child.description }];
  });
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  if (value === '') return '`""`';
  const text = stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  return `\`${text}\``;
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function renderTable(rows: readonly Row[]): string {
  const lines = rows.map((row) => `| \`${row.path}\` | ${cell(row.type)} | ${cell(formatDefault(row.defaultValue))} | ${cell(row.description)} |`);
  return [
    '<!-- Generated from values.schema.json and values.yaml by scripts/render-chart-readme.ts (npm run deploy:render); do not edit. -->',
    '',
    '| value | type | default | meaning |',
    '|---|---|---|---|',
    ...lines,
  ].join('\n');
}

async function wantedReadme(current: string): Promise<string> {
  const schema = JSON.parse(await readFile(join(CHART, 'values.schema.json'), 'utf8')) as Schema;
  const values = parse(await readFile(join(CHART, 'values.yaml'), 'utf8')) as unknown;
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} has no ${START} ... ${END} section`);
  return `${current.slice(0, start + START.length)}\n${renderTable(collectRows(schema, values, schema, []))}\n${current.slice(end)}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const path = join(ROOT, README);
  const current = await readFile(path, 'utf8');
  const wanted = await wantedReadme(current);
  if (!values.check) {
    await writeFile(path, wanted);
    process.stdout.write(`wrote the values table of ${README}\n`);
    return;
  }
  if (current !== wanted) {
    process.stderr.write(`the values table of ${README} is out of date with values.schema.json/values.yaml: run npm run deploy:render\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${README} is up to date\n`);
}

await main();

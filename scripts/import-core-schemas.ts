// Maintenance tool for Kubernetes version bumps (not part of gen/gen:check):
// rewrites the core API schemas embedded in crds/sidecarset.yaml from the
// OpenAPI v3 document of k8s.io/kubernetes, converted to structural schemas.
//
// A schema node is embedded when its first comment reads
//   # core-schema: <OpenAPI definition name>
//   # local: <path>, <path>, ...
// Everything in it is replaced, except the listed paths (dot-separated, inside
// the node), which are Tandem's own additions or overrides and are kept as
// written, comments and all. The rest of the file is not touched.
//
//   node scripts/import-core-schemas.ts [--version v1.36.3] [--openapi FILE]
//
// The version defaults to K8S_VERSION of test/cluster/versions.env, so the
// schemas match the apiserver the integration tests run against.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, type Document, type Node } from 'yaml';
import { readCoreSchemaMarker } from './core-schema-marker.ts';

const ROOT = join(import.meta.dirname, '..');
const CRD_PATH = join(ROOT, 'crds/sidecarset.yaml');
const VERSIONS_ENV = join(ROOT, 'test/cluster/versions.env');
const VERSION_ANNOTATION = 'tandem.dev/core-schemas';

/** The pattern controller-gen and kubebuilder give resource.Quantity. */
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** Upstream types whose OpenAPI form is not structural: their structural equivalent. */
const SPECIAL_TYPES: Record<string, JsonObject> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    'x-kubernetes-int-or-string': true,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    pattern: QUANTITY_PATTERN,
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
};

/** Schema keywords copied as they are. */
const KEPT_KEYWORDS = new Set([
  'description', 'type', 'format', 'enum', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'required',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);
/** Strategic-merge-patch and union hints: meaningless (and not accepted) in a CRD schema. */
const DROPPED_KEYWORDS = new Set(['x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-unions']);

/** Key order of every schema node the tool writes, so refreshed nodes read like the hand-written ones. */
const KEY_ORDER = [
  'description', 'type', 'format', 'enum', 'default', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties',
  'x-kubernetes-int-or-string', 'anyOf', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-map-type',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-validations', 'required', 'properties',
  'additionalProperties', 'items',
];

interface Embedding {
  readonly definition: string;
  readonly local: readonly string[];
  /** Where the node sits in the CRD, for messages. */
  readonly location: string;
}

function main(): void {
  const { values } = parseArgs({ options: { version: { type: 'string' }, openapi: { type: 'string' } } });
  const version = values.version ?? readClusterVersion();
  const openapiPath = values.openapi ?? locateOpenApi(version);
  const definitions = readDefinitions(openapiPath);

  const doc = parseDocument(readFileSync(CRD_PATH, 'utf8'));
  const refreshed: string[] = [];
  replaceEmbeddings(doc, doc.contents, 'crd', (embedding) => {
    refreshed.push(`${embedding.location} <- ${embedding.definition}`);
    return new SchemaConverter(definitions, embedding.definition).convertDefinition(embedding.definition);
  });
  doc.setIn(['metadata', 'annotations', VERSION_ANNOTATION], `k8s.io/kubernetes@${version}`);

  const text = doc.toString({ lineWidth: 110, minContentWidth: 40, flowCollectionPadding: false });
  assertRoundTrip(doc, text);
  writeFileSync(CRD_PATH, text);
  console.log(`refreshed ${refreshed.length} core schemas from k8s.io/kubernetes@${version}:`);
  for (const line of refreshed) console.log(`  ${line}`);
}

function readClusterVersion(): string {
  const match = /^K8S_VERSION=(\S+)$/m.exec(readFileSync(VERSIONS_ENV, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no K8S_VERSION in ${VERSIONS_ENV}; pass --version`);
  return match[1];
}

/** The module download is cached and shared with test/cluster/build.sh. */
function locateOpenApi(version: string): string {
  const output = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const info = JSON.parse(output) as { Dir?: string; Error?: string };
  if (info.Dir === undefined) throw new Error(`go mod download k8s.io/kubernetes@${version}: ${info.Error ?? output}`);
  return join(info.Dir, 'api/openapi-spec/v3/api__v1_openapi.json');
}

function readDefinitions(path: string): Record<string, JsonObject> {
  const spec = JSON.parse(readFileSync(path, 'utf8')) as { components?: { schemas?: Record<string, JsonObject> } };
  const schemas = spec.components?.schemas;
  if (schemas === undefined) throw new Error(`${path} has no components.schemas`);
  return schemas;
}

type Refresh = (embedding: Embedding) => JsonObject;

/** Walks the CRD and swaps every marked node for a refreshed one. */
function replaceEmbeddings(doc: Document, node: unknown, location: string, refresh: Refresh): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      pair.value = replaceOrDescend(doc, pair.value, `${location}.${key}`, refresh);
    }
  } else if (isSeq(node)) {
    node.items = node.items.map((item, index) => replaceOrDescend(doc, item, `${location}[${index}]`, refresh));
  }
}

function replaceOrDescend(doc: Document, node: unknown, location: string, refresh: Refresh): unknown {
  const embedding = isMap(node) ? readMarker(node, location) : undefined;
  if (embedding === undefined || !isMap(node)) {
    replaceEmbeddings(doc, node, location, refresh);
    return node;
  }
  const fresh = doc.createNode(refresh(embedding), { aliasDuplicateObjects: false }) as YAMLMap;
  for (const path of embedding.local) keepLocal(node, fresh, path.split('.'), embedding);
  orderSchema(fresh);
  styleScalars(fresh);
  fresh.commentBefore = node.commentBefore;
  return fresh;
}

function readMarker(node: YAMLMap, location: string): Embedding | undefined {
  const marker = readCoreSchemaMarker(node.commentBefore ?? '');
  return marker === undefined ? undefined : { ...marker, location };
}

/** Moves a local addition from the old node into the refreshed one; its parent must still exist upstream. */
function keepLocal(old: YAMLMap, fresh: YAMLMap, path: string[], embedding: Embedding): void {
  const where = `${embedding.location}: local path ${path.join('.')}`;
  const value: unknown = old.getIn(path, true);
  if (value === undefined) throw new Error(`${where} is listed but not present; remove it from the local: list`);
  const parent = path.slice(0, -1);
  if (parent.length > 0 && !isMap(fresh.getIn(parent, true))) {
    throw new Error(`${where} no longer fits ${embedding.definition}: upstream has no ${parent.join('.')}`);
  }
  fresh.setIn(path, (value as Node).clone());
}

function rank(key: string): number {
  const index = KEY_ORDER.indexOf(key);
  return index === -1 ? KEY_ORDER.length : index;
}

/** Keys parsed or created from JSON are scalars; keys added by setIn are plain strings. */
function keyOf(item: { key: unknown }): string {
  if (isScalar(item.key)) return String(item.key.value);
  return typeof item.key === 'string' ? item.key : '';
}

function orderSchema(node: unknown): void {
  if (!isMap(node)) return;
  node.items.sort((a, b) => rank(keyOf(a)) - rank(keyOf(b)) || keyOf(a).localeCompare(keyOf(b)));
  const properties = node.get('properties', true);
  if (isMap(properties)) {
    properties.items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    for (const pair of properties.items) orderSchema(pair.value);
  }
  orderSchema(node.get('items', true));
  orderSchema(node.get('additionalProperties', true));
}

/** Long descriptions as folded blocks, short lists of scalars inline: the style of the hand-written parts. */
function styleScalars(node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (keyOf(pair) === 'description' && isScalar(pair.value)) styleDescription(pair.value);
      else styleScalars(pair.value);
    }
  } else if (isSeq(node)) {
    if (node.items.every((item) => isScalar(item))) node.flow = true;
    for (const item of node.items) styleScalars(item);
  }
}

function styleDescription(scalar: Scalar): void {
  const text = String(scalar.value);
  if (text.includes('\n')) scalar.type = Scalar.BLOCK_LITERAL;
  else if (text.length > 80) scalar.type = Scalar.BLOCK_FOLDED;
}

/** The written YAML must mean exactly what was built: folding and quoting must never change a description. */
function assertRoundTrip(doc: Document, text: string): void {
  const reparsed = parseDocument(text);
  if (reparsed.errors.length > 0) throw new Error(`written YAML does not parse: ${reparsed.errors[0]?.message ?? ''}`);
  if (!isDeepStrictEqual(reparsed.toJS(), doc.toJS())) throw new Error('written YAML does not round-trip; not writing it');
}

class SchemaConverter {
  readonly #definitions: Record<string, JsonObject>;
  readonly #root: string;
  readonly #stack: string[] = [];

  constructor(definitions: Record<string, JsonObject>, root: string) {
    this.#definitions = definitions;
    this.#root = root;
  }

  convertDefinition(name: string): JsonObject {
    const special = SPECIAL_TYPES[name];
    if (special !== undefined) return structuredClone(special);
    const schema = this.#definitions[name];
    if (schema === undefined) throw new Error(`${this.#root}: definition ${name} not found`);
    if (this.#stack.includes(name)) throw new Error(`${this.#root}: ${name} is recursive; a CRD schema cannot embed it`);
    this.#stack.push(name);
    try {
      return this.convert(schema, name);
    } finally {
      this.#stack.pop();
    }
  }

  convert(schema: JsonObject, at: string): JsonObject {
    const ref = referenceOf(schema);
    if (ref !== undefined) return this.convertReference(schema, ref);
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) this.convertKeyword(out, key, value, at);
    checkStructural(out, at);
    return out;
  }

  /** A property's own description and non-zero default win over the referenced type's. */
  convertReference(schema: JsonObject, ref: string): JsonObject {
    const out = this.convertDefinition(ref);
    if (typeof schema.description === 'string') out.description = schema.description;
    if (schema.default !== undefined && !isZeroValue(schema.default)) out.default = structuredClone(schema.default);
    return out;
  }

  convertKeyword(out: JsonObject, key: string, value: Json, at: string): void {
    if (KEPT_KEYWORDS.has(key)) out[key] = structuredClone(value);
    else if (DROPPED_KEYWORDS.has(key)) return;
    else if (key === 'default') {
      // Go zero values are documentation, not defaults: applied by the apiserver they would satisfy `required`.
      if (!isZeroValue(value)) out.default = structuredClone(value);
    } else if (key === 'properties') out.properties = this.convertProperties(asObject(value, at), at);
    else if (key === 'items') out.items = this.convert(asObject(value, at), `${at}[]`);
    else if (key === 'additionalProperties') out.additionalProperties = this.convert(asObject(value, at), `${at}{}`);
    else throw new Error(`${at}: keyword ${key} has no structural equivalent; teach scripts/import-core-schemas.ts`);
  }

  convertProperties(properties: JsonObject, at: string): JsonObject {
    const out: JsonObject = {};
    for (const [name, value] of Object.entries(properties)) out[name] = this.convert(asObject(value, at), `${at}.${name}`);
    return out;
  }
}

function referenceOf(schema: JsonObject): string | undefined {
  const direct = schema.$ref;
  const allOf = Array.isArray(schema.allOf) && schema.allOf.length === 1 ? schema.allOf[0] : undefined;
  const wrapped = allOf !== undefined && allOf !== null && typeof allOf === 'object' && !Array.isArray(allOf) ? allOf.$ref : undefined;
  const ref = typeof direct === 'string' ? direct : typeof wrapped === 'string' ? wrapped : undefined;
  return ref?.replace('#/components/schemas/', '');
}

function asObject(value: Json, at: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${at}: expected a schema object`);
  return value;
}

function isZeroValue(value: Json): boolean {
  if (value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

/** The apiserver's structural-schema rules that upstream definitions could break. */
function checkStructural(schema: JsonObject, at: string): void {
  const isObject = schema.type === 'object';
  const open = schema.properties !== undefined || schema.additionalProperties !== undefined;
  if (isObject && !open && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    throw new Error(`${at}: an object without properties would prune everything; map it in SPECIAL_TYPES`);
  }
  if (schema['x-kubernetes-list-type'] === 'map') checkListMapKeys(schema, at);
}

/** Every key of a list-type map must be present in every item: required, or defaulted. */
function checkListMapKeys(schema: JsonObject, at: string): void {
  const items = asObject(schema.items ?? null, at);
  const required = Array.isArray(items.required) ? items.required : [];
  const properties = asObject(items.properties ?? null, at);
  for (const key of asStrings(schema['x-kubernetes-list-map-keys'] ?? [], at)) {
    const property = properties[key];
    const defaulted = property !== null && typeof property === 'object' && !Array.isArray(property) && property.default !== undefined;
    if (!required.includes(key) && !defaulted) throw new Error(`${at}: list map key ${key} is neither required nor defaulted`);
  }
}

function asStrings(value: Json, at: string): string[] {
  if (!Array.isArray(value)) throw new Error(`${at}: expected strings`);
  return value.map((item) => {
    if (typeof item !== 'string') throw new Error(`${at}: expected strings`);
    return item;
  });
}

main();

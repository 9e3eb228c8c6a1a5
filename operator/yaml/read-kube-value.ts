import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Scalar, type YAMLMap } from 'yaml';
import { BINARY_TAG, goMapKey, MERGE_TAG, resolveGoScalar, type GoScalar } from './go-yaml-scalar.ts';

/** A problem in a document, at a byte offset of the stream when one is known. */
export class KubeYamlError extends Error {
  override readonly name = 'KubeYamlError';
  readonly offset: number | undefined;
  constructor(message: string, offset: number | undefined) {
    super(message);
    this.offset = offset;
  }
}

/** How deep values may nest, aliases expanded; deeper documents are refused, never half-read. */
export const MAX_VALUE_DEPTH = 500;

/**
 * The JSON value kubectl makes of one YAML document (parsed with the
 * `failsafe` schema, so every scalar still carries its text and style), as
 * sigs.k8s.io/yaml's YAMLToJSON does: go-yaml v2 scalar rules
 * (go-yaml-scalar.ts), merge keys as go-yaml applies them (in order, a
 * merged key overwrites one written before the `<<`; in a list of maps the
 * first wins), aliases, map keys turned into JSON keys (`yes:` becomes
 * "true"), and the errors kubectl gives: NaN and infinities, null or
 * collection keys, unknown anchors, self-containing aliases and excessive
 * aliasing. Integers beyond 2^53 are bigints, so they stay exact. Objects
 * are plain objects whose keys are all own data properties (`__proto__`
 * included), in document order.
 */
export function readKubeValue(document: Document, text: string): unknown {
  const reader = new KubeValueReader(aliasTargets(document.contents), text);
  // The document node and its root, counted as go-yaml counts them.
  reader.count();
  reader.count();
  return reader.value(document.contents, 0);
}

/** For each alias, the node it names: the last node with that anchor before it, in document order (as go-yaml's parser records anchors). */
export function aliasTargets(root: unknown): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const visit = (node: unknown): void => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) throw new KubeYamlError(`unknown anchor '${node.source}' referenced`, node.range?.[0]);
      targets.set(node, target);
      return;
    }
    if (!isMap(node) && !isSeq(node) && !isScalar(node)) return;
    // go-yaml registers an anchor when its node starts: an alias inside it names it (and then contains itself).
    if (node.anchor !== undefined) anchors.set(node.anchor, node);
    if (isMap(node)) {
      for (const pair of node.items) {
        visit(pair.key);
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(root);
  return targets;
}

/** go-yaml v2's guard against alias bombs (decode.go allowedAliasRatio), with its numbers. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - (0.89 * (decodeCount - 400_000)) / 3_600_000;
}

class KubeValueReader {
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly expanding = new Set<Alias>();
  private readonly targets: Map<Alias, Node>;
  private readonly text: string;

  constructor(targets: Map<Alias, Node>, text: string) {
    this.targets = targets;
    this.text = text;
  }

  /** Counts one decoded node, as go-yaml's decoder.unmarshal does. */
  count(): void {
    this.decodeCount += 1;
    if (this.aliasDepth > 0) this.aliasCount += 1;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new KubeYamlError('document contains excessive aliasing', undefined);
    }
  }

  value(node: Node | null, depth: number): unknown {
    if (depth > MAX_VALUE_DEPTH) throw new KubeYamlError(`values nest deeper than ${MAX_VALUE_DEPTH} levels`, node?.range?.[0]);
    if (node === null) return null;
    if (isAlias(node)) return this.throughAlias(node, (target) => this.value(target, depth));
    if (isScalar(node)) return jsonScalar(this.scalar(node), node);
    if (isMap(node)) {
      const object = {};
      this.mapInto(node, object, new Map(), depth + 1);
      return object;
    }
    if (isSeq(node)) {
      return node.items.map((item) => {
        this.count();
        return this.value(item as Node | null, depth + 1);
      });
    }
    throw new KubeYamlError('unsupported YAML node', undefined);
  }

  private throughAlias<T>(alias: Alias, read: (target: Node) => T): T {
    if (this.expanding.has(alias)) throw new KubeYamlError(`anchor '${alias.source}' value contains itself`, alias.range?.[0]);
    const target = this.targets.get(alias);
    if (target === undefined) throw new KubeYamlError(`unknown anchor '${alias.source}' referenced`, alias.range?.[0]);
    this.expanding.add(alias);
    this.aliasDepth += 1;
    this.count();
    try {
      return read(target);
    } finally {
      this.aliasDepth -= 1;
      this.expanding.delete(alias);
    }
  }

  /** go-yaml's decoder.mapping into an existing map: later keys overwrite, merges write into the same map. */
  private mapInto(node: YAMLMap, object: object, keys: Map<string, string>, depth: number): void {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      if (isMergeKey(keyNode)) {
        this.merge(pair.value as Node | null, object, keys, depth);
        continue;
      }
      this.count();
      const key = this.key(keyNode);
      this.count();
      const value = this.value(pair.value as Node | null, depth);
      const previous = keys.get(key.json);
      if (previous !== undefined && previous !== key.identity) {
        throw new KubeYamlError(
          `map keys ${previous} and ${key.identity} both become "${key.json}" in JSON, and kubectl keeps either one`,
          keyNode?.range?.[0],
        );
      }
      keys.set(key.json, key.identity);
      setOwn(object, key.json, value);
    }
  }

  private merge(node: Node | null, object: object, keys: Map<string, string>, depth: number): void {
    const wantMap = (): KubeYamlError => new KubeYamlError('map merge requires map or sequence of maps as the value', node?.range?.[0]);
    const mergeOne = (item: Node): void => {
      this.count();
      if (isMap(item)) this.mapInto(item, object, keys, depth);
      else if (isAlias(item)) {
        if (!isMap(this.targets.get(item))) throw wantMap();
        this.throughAlias(item, (target) => {
          this.mapInto(target as YAMLMap, object, keys, depth);
        });
      } else throw wantMap();
    };
    if (isSeq(node)) {
      // Earlier maps take precedence: go-yaml merges them from the last to the first.
      for (const item of [...node.items].reverse()) {
        if (!isMap(item) && !isAlias(item)) throw wantMap();
        mergeOne(item);
      }
    } else if (node !== null && (isMap(node) || isAlias(node))) mergeOne(node);
    else throw wantMap();
  }

  /** The JSON key of a map key, and its identity as a Go map key (1, 1.0 and "1" are different keys that all become "1"). */
  private key(node: Node | null): { readonly json: string; readonly identity: string } {
    const resolved = isAlias(node) ? this.throughAlias(node, (target) => target) : node;
    if (resolved !== null && !isScalar(resolved)) {
      throw new KubeYamlError('invalid map key: a map or a list cannot be a key', node?.range?.[0]);
    }
    const scalar = resolved === null ? ({ kind: 'null', value: null } as const) : this.scalar(resolved);
    const key = goMapKey(scalar);
    if (!key.ok) throw new KubeYamlError(key.error, node?.range?.[0]);
    const identity = scalar.kind === 'str' ? JSON.stringify(scalar.value) : `${String(scalar.value)} (${scalar.kind})`;
    return { json: key.key, identity };
  }

  private scalar(node: Scalar): GoScalar {
    if (node.type === 'QUOTE_DOUBLE') this.checkEscapes(node);
    return scalarOf(node);
  }

  /** libyaml knows fewer escapes than YAML 1.2: `\/` makes kubectl fail ("found unknown escape character"). */
  private checkEscapes(node: Scalar): void {
    const range = node.range;
    if (range === undefined || range === null) return;
    const raw = this.text.slice(range[0], range[1]);
    for (let index = raw.indexOf('\\'); index !== -1; index = raw.indexOf('\\', index + 2)) {
      const escaped = raw.charAt(index + 1);
      if (!LIBYAML_ESCAPES.includes(escaped)) {
        throw new KubeYamlError(`found unknown escape character \\${escaped} while parsing a quoted scalar (kubectl's YAML parser refuses it)`, range[0] + index);
      }
    }
  }
}

/** Sets a key as an own data property: assigning `__proto__` would replace the prototype instead. */
export function setOwn(object: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else (object as Record<string, unknown>)[key] = value;
}

const LIBYAML_ESCAPES = ['0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', "'", '\\', 'N', '_', 'L', 'P', 'x', 'u', 'U', '\n', '\r'];

/** What go-yaml makes of a scalar node: its tag, its style (only plain, untagged scalars are resolved) and its text. */
export function scalarOf(node: Scalar): GoScalar {
  const text = typeof node.source === 'string' ? node.source : String(node.value);
  const tag = node.tag;
  if (tag === undefined) return node.type === 'PLAIN' ? resolved('', text, node) : { kind: 'str', value: text };
  if (tag === '!') return { kind: 'str', value: text };
  if (tag === BINARY_TAG) return { kind: 'str', value: decodeBinary(text, node) };
  return resolved(tag, text, node);
}

function resolved(tag: string, text: string, node: Scalar): GoScalar {
  const result = resolveGoScalar(tag, text);
  if (!result.ok) throw new KubeYamlError(result.error, node.range?.[0]);
  return result.scalar;
}

/**
 * The JSON key a map pair's key becomes, when that needs nothing but the key
 * node itself; undefined for merge keys, aliases, collections and keys
 * kubectl refuses.
 */
export function plainJsonKey(node: unknown): string | undefined {
  if (!isScalar(node) || isMergeKey(node)) return undefined;
  try {
    const key = goMapKey(scalarOf(node));
    return key.ok ? key.key : undefined;
  } catch {
    return undefined;
  }
}

/** go-yaml's isMerge: a plain `<<` key (or one tagged !!merge). */
function isMergeKey(node: Node | null): boolean {
  if (node === null || !isScalar(node) || node.source !== '<<') return false;
  return (node.type === 'PLAIN' && node.tag === undefined) || node.tag === '!' || node.tag === MERGE_TAG;
}

function jsonScalar(scalar: GoScalar, node: Scalar): unknown {
  if (scalar.kind === 'float' && !Number.isFinite(scalar.value)) {
    throw new KubeYamlError(`json: unsupported value: ${String(node.source)} (kubectl cannot turn it into JSON)`, node.range?.[0]);
  }
  return scalar.value;
}

/** Go's base64.StdEncoding: padding required, line breaks ignored. */
function decodeBinary(text: string, node: Scalar): string {
  const compact = text.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    throw new KubeYamlError('!!binary value contains invalid base64 data', node.range?.[0]);
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

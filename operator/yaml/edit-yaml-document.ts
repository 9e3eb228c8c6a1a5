import type { Operation } from 'fast-json-patch';
import { isAlias, isMap, isSeq, Pair, type Alias, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { createKubeNode, stringScalar } from './kube-yaml-node.ts';
import { aliasTargets, plainJsonKey, setOwn } from './read-kube-value.ts';

/**
 * Applies JSON Patch operations (add, remove, replace: what
 * compute-json-patch.ts produces) to a parsed document's nodes, so only the
 * nodes they name change and everything else keeps its source form: comments,
 * flow or block style, quoting, `0400` written as it was. `before` is the
 * document's value as kubectl reads it (read-kube-value.ts).
 *
 * Where a node cannot be edited in place without changing what something
 * else means, it is rewritten from its value first: a map with merge keys,
 * duplicate or non-scalar keys becomes a plain map; an alias on the way
 * becomes a copy of what it names; an anchored node that is about to change
 * or vanish gets its aliases replaced by copies of it as it was. The caller
 * checks the result by reading it back (rewrite-yaml-document.ts).
 */
export function editYamlDocument(document: Document, operations: readonly Operation[], before: unknown): void {
  let current = structuredClone(before);
  for (const operation of operations) {
    const path = parsePointer(operation.path);
    applyToNodes(document, path, operation, current);
    current = applyToValue(current, path, operation);
  }
}

type Segment = string | number;

interface Slot {
  readonly node: Node | null;
  readonly set: (node: Node) => void;
}

function applyToNodes(document: Document, path: readonly string[], operation: Operation, current: unknown): void {
  if (path.length === 0) {
    document.contents = createKubeNode(valueOf(operation));
    return;
  }
  const { collection: parent, inFlow } = editableCollection(document, path.slice(0, -1), current);
  // A flow collection in a block document that grows is written in block style, one item a line.
  if (operation.op === 'add' && !inFlow) parent.flow = false;
  const last = path.at(-1) as string;
  if (isSeq(parent)) {
    const index = last === '-' ? parent.items.length : Number(last);
    if (operation.op === 'add') {
      parent.items.splice(index, 0, createKubeNode(valueOf(operation)));
      return;
    }
    unshareSubtree(document, parent.items[index] as Node | null);
    if (operation.op === 'remove') parent.items.splice(index, 1);
    else parent.items[index] = createKubeNode(valueOf(operation));
    return;
  }
  const pair = parent.items.find((candidate) => jsonKeyOf(candidate) === last);
  if (operation.op === 'add' && pair === undefined) {
    parent.items.push(new Pair(stringScalar(last), createKubeNode(valueOf(operation))));
    return;
  }
  if (pair === undefined) throw new Error(`JSON Patch ${operation.op} ${operation.path}: no such key in the document`);
  unshareSubtree(document, pair.value as Node | null);
  if (operation.op === 'remove') parent.items.splice(parent.items.indexOf(pair), 1);
  else pair.value = createKubeNode(valueOf(operation));
}

/** The map or list at `path`, made safe to edit (see editYamlDocument), and whether it sits inside a flow collection. */
function editableCollection(document: Document, path: readonly string[], current: unknown): { collection: YAMLMap | YAMLSeq; inFlow: boolean } {
  let slot: Slot = { node: document.contents, set: (node) => (document.contents = node as never) };
  let inFlow = false;
  for (let depth = 0; ; depth++) {
    const collection = prepare(document, slot, valueAt(current, path.slice(0, depth)));
    if (depth === path.length) return { collection, inFlow };
    inFlow ||= collection.flow === true;
    const segment = path[depth] as string;
    if (isSeq(collection)) {
      const index = Number(segment);
      slot = { node: collection.items[index] as Node | null, set: (node) => (collection.items[index] = node) };
    } else {
      const pair = collection.items.find((candidate) => jsonKeyOf(candidate) === segment);
      if (pair === undefined) throw new Error(`JSON Patch path /${path.join('/')}: no key "${segment}" in the document`);
      slot = { node: pair.value as Node | null, set: (node) => (pair.value = node) };
    }
  }
}

/** Replaces aliases and maps that cannot be edited in place, and unshares an anchored node; returns the collection now in the slot. */
function prepare(document: Document, slot: Slot, value: unknown): YAMLMap | YAMLSeq {
  let node = slot.node;
  if (isAlias(node)) {
    node = copyOf(aliasTargets(document.contents).get(node));
    slot.set(node);
  }
  if (isMap(node) && !isPlainMap(node)) {
    node = createKubeNode(value);
    slot.set(node);
  }
  if (!isMap(node) && !isSeq(node)) throw new Error('JSON Patch path goes through a value that is not a map or a list');
  unshare(document, node);
  return node;
}

/** Aliases naming this node (as it is now) get copies of it, so editing it changes only this place. */
function unshare(document: Document, node: Node): void {
  if (node.anchor === undefined) return;
  for (const { alias, set } of aliasSlots(document)) {
    if (aliasTargets(document.contents).get(alias) === node) set(copyOf(node));
  }
  delete node.anchor;
}

/** Before a node is removed or replaced: aliases elsewhere naming it or anything in it get copies. */
function unshareSubtree(document: Document, node: Node | null): void {
  const inside = new Set<unknown>();
  const collect = (item: unknown): void => {
    inside.add(item);
    if (isMap(item)) {
      for (const pair of item.items) {
        collect(pair.key);
        collect(pair.value);
      }
    } else if (isSeq(item)) {
      for (const child of item.items) collect(child);
    }
  };
  collect(node);
  for (const { alias, set } of aliasSlots(document)) {
    if (inside.has(alias)) continue;
    const target = aliasTargets(document.contents).get(alias);
    if (target !== undefined && inside.has(target)) set(copyOf(target));
  }
}

/** Every alias in the document with a way to replace it. */
function aliasSlots(document: Document): { readonly alias: Alias; readonly set: (node: Node) => void }[] {
  const slots: { alias: Alias; set: (node: Node) => void }[] = [];
  const visit = (node: unknown, set: (node: Node) => void): void => {
    if (isAlias(node)) slots.push({ alias: node, set });
    else if (isMap(node)) {
      for (const pair of node.items) {
        visit(pair.key, (replacement) => (pair.key = replacement));
        visit(pair.value, (replacement) => (pair.value = replacement));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        visit(item, (replacement) => (node.items[index] = replacement));
      });
    }
  };
  visit(document.contents, (node) => (document.contents = node as never));
  return slots;
}

function copyOf(node: Node | undefined): Node {
  if (node === undefined) throw new Error('an alias names no anchor');
  const copy = node.clone() as Node;
  delete copy.anchor;
  return copy;
}

/** A map whose keys are distinct scalars and none a merge key: pairs can be added, removed and replaced one by one. */
function isPlainMap(map: YAMLMap): boolean {
  const keys = new Set<string>();
  for (const pair of map.items) {
    const key = jsonKeyOf(pair);
    if (key === undefined || keys.has(key)) return false;
    keys.add(key);
  }
  return true;
}

function jsonKeyOf(pair: Pair): string | undefined {
  return plainJsonKey(pair.key);
}

function valueOf(operation: Operation): unknown {
  return 'value' in operation ? operation.value : undefined;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function valueAt(value: unknown, path: readonly Segment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** The same operation on the value, so later operations see the state the nodes are in. */
function applyToValue(value: unknown, path: readonly string[], operation: Operation): unknown {
  if (path.length === 0) return valueOf(operation);
  const parent = valueAt(value, path.slice(0, -1)) as Record<string, unknown> | unknown[];
  const last = path.at(-1) as string;
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (operation.op === 'add') parent.splice(index, 0, valueOf(operation));
    else if (operation.op === 'remove') parent.splice(index, 1);
    else parent[index] = valueOf(operation);
  } else if (operation.op === 'remove') {
    Reflect.deleteProperty(parent, last);
  } else {
    setOwn(parent, last, valueOf(operation));
  }
  return value;
}

import type { Operation } from 'fast-json-patch';
import { jsonEqual } from '../json/json-equal.ts';

/**
 * The JSON Patch (RFC 6902) that turns `original` into `mutated`, computed by
 * diffing, so a field Tandem does not model can never be lost: it is simply
 * equal on both sides and no operation mentions it.
 *
 * - `metadata.managedFields` is left out: the apiserver owns it, and a
 *   webhook patching it would fight server-side apply.
 * - Keys are escaped as JSON Pointer requires (`~` as `~0`, `/` as `~1`).
 * - Lists are diffed by position, but an element inserted or removed
 *   (a sidecar placed before the app container, an init container in
 *   front) is one `add` or `remove`, not a rewrite of every element after
 *   it. That keeps patches small on big pods and never re-sends values the
 *   webhook did not change, such as int64 numbers JavaScript cannot hold
 *   exactly.
 *
 * The `value`s of the operations are parts of `mutated`, not copies:
 * serialize the patch before changing `mutated`. Neither input is modified.
 */
export function computeJsonPatch(original: object, mutated: object): Operation[] {
  const operations: Operation[] = [];
  diffObjects(withoutManagedFields(original), withoutManagedFields(mutated), '', operations);
  return operations;
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Beyond this many element pairs a list is diffed strictly by position (bounded work on huge lists). */
const MAX_LIST_MATCHING_PAIRS = 4096;

function diffValues(before: Json, after: Json, path: string, operations: Operation[]): void {
  if (before === after) return;
  if (isObject(before) && isObject(after)) diffObjects(before, after, path, operations);
  else if (Array.isArray(before) && Array.isArray(after)) diffLists(before, after, path, operations);
  else operations.push({ op: 'replace', path, value: after });
}

/** Keys are user data (labels named `toString`): only own properties count. */
function own(object: JsonObject, key: string): Json {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function diffObjects(before: JsonObject, after: JsonObject, path: string, operations: Operation[]): void {
  for (const key of Object.keys(before)) {
    const value = before[key];
    const next = own(after, key);
    // Equal leaves are most of a pod: skip them before building a path.
    if (value === undefined || value === next) continue;
    const child = `${path}/${escapeKey(key)}`;
    if (next === undefined) operations.push({ op: 'remove', path: child });
    else diffValues(value, next, child, operations);
  }
  for (const key of Object.keys(after)) {
    const value = after[key];
    if (value !== undefined && own(before, key) === undefined) {
      operations.push({ op: 'add', path: `${path}/${escapeKey(key)}`, value });
    }
  }
}

/**
 * Walks both lists once. Equal elements are kept; an element of `before`
 * found later in `after` means the ones in between were inserted; an element
 * of `after` found later in `before` means the ones in between were removed;
 * otherwise the element changed in place and is diffed deeply. Indexes are
 * those of the list as patched so far, as RFC 6902 applies operations in order.
 */
function diffLists(before: readonly Json[], after: readonly Json[], path: string, operations: Operation[]): void {
  const matching = before.length * after.length <= MAX_LIST_MATCHING_PAIRS;
  const at = { i: 0, j: 0, position: 0 };
  while (at.i < before.length && at.j < after.length) {
    const step = nextStep(before, after, at, matching);
    if (step.kind === 'insert') {
      for (const value of after.slice(at.j, at.j + step.count)) operations.push({ op: 'add', path: `${path}/${at.position++}`, value });
      at.j += step.count;
    } else if (step.kind === 'remove') {
      for (let count = 0; count < step.count; count++) operations.push({ op: 'remove', path: `${path}/${at.position}` });
      at.i += step.count;
    } else {
      if (step.kind === 'change') diffValues(before[at.i], after[at.j], `${path}/${at.position}`, operations);
      at.i++;
      at.j++;
      at.position++;
    }
  }
  for (; at.i < before.length; at.i++) operations.push({ op: 'remove', path: `${path}/${at.position}` });
  for (; at.j < after.length; at.j++) operations.push({ op: 'add', path: `${path}/${at.position++}`, value: after[at.j] });
}

type Step = { readonly kind: 'keep' | 'change' } | { readonly kind: 'insert' | 'remove'; readonly count: number };

function nextStep(
  before: readonly Json[],
  after: readonly Json[],
  at: { readonly i: number; readonly j: number },
  matching: boolean,
): Step {
  if (jsonEqual(before[at.i], after[at.j])) return { kind: 'keep' };
  if (!matching) return { kind: 'change' };
  const inserted = indexOfEqual(after, before[at.i], at.j + 1) - at.j;
  const removed = indexOfEqual(before, after[at.j], at.i + 1) - at.i;
  // The shorter explanation wins: one sidecar inserted, not the app removed and re-added.
  if (inserted > 0 && (removed <= 0 || inserted <= removed)) return { kind: 'insert', count: inserted };
  if (removed > 0) return { kind: 'remove', count: removed };
  return { kind: 'change' };
}

/** Index of the first element from `from` on that equals `value`, or -1. */
function indexOfEqual(list: readonly Json[], value: Json, from: number): number {
  for (let index = from; index < list.length; index++) if (jsonEqual(list[index], value)) return index;
  return -1;
}

function escapeKey(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A shallow view without metadata.managedFields; the input is not modified. */
function withoutManagedFields(object: object): JsonObject {
  const metadata = (object as { metadata?: unknown }).metadata;
  if (!isObject(metadata) || !('managedFields' in metadata)) return object as JsonObject;
  const rest: JsonObject = { ...metadata };
  delete rest.managedFields;
  return { ...object, metadata: rest };
}

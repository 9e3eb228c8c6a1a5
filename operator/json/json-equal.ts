type JsonObject = Record<string, unknown>;

/**
 * Deep equality of JSON values: key order does not matter and a property set
 * to undefined counts as absent (as it would after serialization). Cheaper
 * than comparing serializations, which is why the admission path uses it.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  return objectsEqual(a as JsonObject, b as JsonObject);
}

function objectsEqual(a: JsonObject, b: JsonObject): boolean {
  let count = 0;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    // Keys are user data: an own key of `a` named `toString` is not b's inherited method.
    if (!Object.hasOwn(b, key) || !jsonEqual(a[key], b[key])) return false;
    count++;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined) count--;
  return count === 0;
}

/**
 * JSON with object keys sorted at every level, so equal values always hash and
 * compare equal regardless of the order a client or YAML file wrote them in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    // Null prototype: a key named __proto__ is an ordinary key here.
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
    return sorted;
  });
}

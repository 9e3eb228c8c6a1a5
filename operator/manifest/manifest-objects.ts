/** One Kubernetes object inside a YAML document, and where it sits in it. */
export interface ManifestObject {
  /** Path from the document root: empty for the document itself, ['items', 3] for a List's fourth item. */
  readonly path: readonly (string | number)[];
  readonly object: unknown;
}

/**
 * The objects a document holds: the document itself, or, for a list (`kind:
 * List`, as `kubectl get -o yaml` prints, or any `<Kind>List` with `items`),
 * each of its items, lists in lists included. A user who pipes `kubectl get
 * deployments -o yaml` into `tandem inject` expects the Deployments injected,
 * not the List passed through.
 */
export function manifestObjects(document: unknown): ManifestObject[] {
  return collect(document, []);
}

function collect(value: unknown, path: readonly (string | number)[]): ManifestObject[] {
  if (!isList(value)) return [{ path, object: value }];
  return value.items.flatMap((item, index) => collect(item, [...path, 'items', index]));
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.kind === 'string' && record.kind.endsWith('List') && Array.isArray(record.items);
}

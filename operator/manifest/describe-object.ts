/** Identifies an object in messages: `Deployment shop/web`. */
export function describeObject(object: unknown): string {
  if (!isRecord(object)) return 'object';
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const kind = typeof object.kind === 'string' ? object.kind : 'object';
  const name = [metadata.namespace, metadata.name ?? metadata.generateName].filter((part) => typeof part === 'string');
  return name.length === 0 ? kind : `${kind} ${name.join('/')}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { describeObject } from './describe-object.ts';
import type { ManifestObject } from './manifest-objects.ts';

/** Where an object is, for messages: `document 2 (Deployment shop/web)` or `document 0, item 3 (Deployment shop/web)`. */
export function describeLocation(documentIndex: number, found: ManifestObject): string {
  const item = listIndex(found.path);
  return `document ${documentIndex}${item === undefined ? '' : `, item ${item}`} (${describeObject(found.object)})`;
}

/** The index of the innermost list item on the path; undefined for an object that is its document. */
export function listIndex(path: ManifestObject['path']): number | undefined {
  const last = path.at(-1);
  return typeof last === 'number' ? last : undefined;
}

import { manifestObjects } from '../manifest/manifest-objects.ts';
import { ManifestError, parseYamlDocuments } from '../manifest/yaml-documents.ts';
import type { SidecarSet } from './sidecar-set.ts';
import { formatValidationErrors, parseSidecarSet } from './sidecar-set-validator.ts';

/**
 * Parses and validates a multi-document YAML stream of SidecarSets, exactly as
 * the apiserver would validate them (schema, defaults and CEL rules from the
 * CRD). Lists (`kubectl get sidecarsets -o yaml`) are flattened. Objects of
 * other API groups (the RBAC or ConfigMaps shipped in the same bundle) are
 * skipped; anything claiming to be Tandem's (group tandem.dev or kind
 * SidecarSet) must be a valid SidecarSet, so a misspelt one is an error, not
 * silently ignored. Any invalid document or duplicate name rejects the whole
 * stream with a ManifestError naming the source, the document and the field.
 */
export function parseSidecarSetDocuments(text: string, source: string): SidecarSet[] {
  const sets: SidecarSet[] = [];
  const seen = new Map<string, string>();
  for (const document of parseYamlDocuments(text, source)) {
    for (const { object: item } of manifestObjects(document.value)) {
      if (isOtherApi(item)) continue;
      const where = `${source}: document ${document.index} (line ${document.line})`;
      const inexact = inexactInteger(item, '');
      if (inexact !== undefined) {
        throw new ManifestError(`${where}: ${inexact.path}: ${inexact.value} is beyond 2^53; Tandem cannot carry an integer that large exactly in a SidecarSet`);
      }
      const parsed = parseSidecarSet(item);
      if (!parsed.ok) {
        throw new ManifestError(`${where}: invalid SidecarSet ${nameHint(item)}\n${formatValidationErrors(parsed.errors)}`);
      }
      const name = parsed.sidecarSet.metadata?.name ?? '';
      const first = seen.get(name);
      if (first !== undefined) throw new ManifestError(`${where}: SidecarSet "${name}" is already defined in ${first}`);
      seen.set(name, where);
      sets.push(parsed.sidecarSet);
    }
  }
  return sets;
}

/**
 * The first integer too large for a JavaScript number (the YAML reader keeps
 * those as bigints, which the validator and the JSON Patch cannot take).
 */
function inexactInteger(value: unknown, path: string): { readonly path: string; readonly value: string } | undefined {
  if (typeof value === 'bigint') return { path, value: value.toString() };
  if (value === null || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((item, index) => [`${path}[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [path === '' ? key : `${path}.${key}`, item] as const);
  for (const [itemPath, item] of entries) {
    const found = inexactInteger(item, itemPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isOtherApi(item: unknown): boolean {
  const { apiVersion, kind } = (item ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === 'SidecarSet') return false;
  return !apiVersion.startsWith('tandem.dev/');
}

function nameHint(item: unknown): string {
  const name = (item as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? `"${name}"` : '(unnamed)';
}

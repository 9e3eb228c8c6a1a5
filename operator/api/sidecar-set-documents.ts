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

function isOtherApi(item: unknown): boolean {
  const { apiVersion, kind } = (item ?? {}) as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === 'SidecarSet') return false;
  return !apiVersion.startsWith('tandem.dev/');
}

function nameHint(item: unknown): string {
  const name = (item as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? `"${name}"` : '(unnamed)';
}

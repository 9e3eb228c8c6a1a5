import type { NamespaceSource } from './sources.ts';

/** The same labels for every namespace (from --namespace-labels), as `tandem inject` assumes. */
export function staticNamespaceSource(labels: Readonly<Record<string, string>>): NamespaceSource {
  const frozen = { ...labels };
  return { labelsOf: () => frozen, synced: () => true };
}

import { INJECT_ANNOTATION, NAMESPACE_INJECTION_LABEL } from './tandem-keys.ts';
import type { Labels } from './label-selector.ts';
import { quoteValue } from '../json/quote-value.ts';

/** What the pod's `tandem.dev/inject` annotation asks for. */
export type PodRequest =
  | { readonly kind: 'unset' }
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'listed'; readonly names: readonly string[] };

/** What the namespace's `tandem.dev/injection` label says. */
export type NamespaceMode = 'enabled' | 'disabled' | 'unset';

export interface OptIn {
  readonly pod: PodRequest;
  readonly namespace: NamespaceMode;
  /** Values that were not understood; they are treated as unset, never guessed. */
  readonly warnings: readonly string[];
}

const SET_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function readOptIn(podAnnotations: Labels, namespaceLabels: Labels): OptIn {
  const warnings: string[] = [];
  return {
    pod: readPodRequest(podAnnotations[INJECT_ANNOTATION], warnings),
    namespace: readNamespaceMode(namespaceLabels[NAMESPACE_INJECTION_LABEL], warnings),
    warnings,
  };
}

function readPodRequest(value: string | undefined, warnings: string[]): PodRequest {
  if (value === undefined) return { kind: 'unset' };
  const trimmed = value.trim();
  if (trimmed.toLowerCase() === 'true') return { kind: 'all' };
  if (trimmed.toLowerCase() === 'false') return { kind: 'none' };
  const names = [...new Set(trimmed.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
  const invalid = names.filter((name) => !SET_NAME.test(name));
  if (names.length === 0 || invalid.length > 0) {
    warnings.push(
      `annotation ${INJECT_ANNOTATION}=${quoteValue(value)} is not "true", "false" or a comma-separated list of SidecarSet names; it is ignored`,
    );
    return { kind: 'unset' };
  }
  return { kind: 'listed', names };
}

function readNamespaceMode(value: string | undefined, warnings: string[]): NamespaceMode {
  if (value === undefined) return 'unset';
  if (value === 'enabled' || value === 'disabled') return value;
  warnings.push(
    `namespace label ${NAMESPACE_INJECTION_LABEL}=${quoteValue(value)} is neither "enabled" nor "disabled"; it is ignored`,
  );
  return 'unset';
}

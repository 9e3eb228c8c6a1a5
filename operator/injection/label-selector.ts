import type { LabelSelector } from '../api/sidecar-set.ts';

export type Labels = Readonly<Record<string, string>>;

/**
 * metav1.LabelSelector semantics: every matchLabels pair and every
 * matchExpressions requirement must hold. An empty selector matches
 * everything, as in Kubernetes; callers decide what an absent one means.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((requirement) => {
    const has = Object.hasOwn(labels, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        return has && values.includes(labels[requirement.key] ?? '');
      case 'NotIn':
        return !has || !values.includes(labels[requirement.key] ?? '');
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        // An operator the schema does not know matches nothing (fail closed).
        return false;
    }
  });
}

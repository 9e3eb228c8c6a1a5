import type { LabelSelector } from '../api/sidecar-set.ts';

export type Labels = Readonly<Record<string, string>>;

type Requirement = (labels: Labels) => boolean;

/**
 * metav1.LabelSelector semantics: every matchLabels pair and every
 * matchExpressions requirement must hold. An empty selector matches
 * everything, as in Kubernetes; callers decide what an absent one means.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  let requirements = compiled.get(selector);
  if (requirements === undefined) {
    requirements = compile(selector);
    compiled.set(selector, requirements);
  }
  return requirements.every((requirement) => requirement(labels));
}

// Selectors belong to immutable SidecarSets (see SidecarSetSource), so each is
// compiled once: with many sets, matching runs per pod per set.
const compiled = new WeakMap<LabelSelector, readonly Requirement[]>();

function compile(selector: LabelSelector): Requirement[] {
  const fromLabels = Object.entries(selector.matchLabels ?? {}).map(
    ([key, value]): Requirement =>
      (labels) =>
        labels[key] === value && Object.hasOwn(labels, key),
  );
  const fromExpressions = (selector.matchExpressions ?? []).map((requirement): Requirement => {
    const key = requirement.key;
    const values = new Set(requirement.values ?? []);
    switch (requirement.operator) {
      case 'In':
        return (labels) => Object.hasOwn(labels, key) && values.has(labels[key] ?? '');
      case 'NotIn':
        return (labels) => !Object.hasOwn(labels, key) || !values.has(labels[key] ?? '');
      case 'Exists':
        return (labels) => Object.hasOwn(labels, key);
      case 'DoesNotExist':
        return (labels) => !Object.hasOwn(labels, key);
      default:
        // An operator the schema does not know matches nothing (fail closed).
        return () => false;
    }
  });
  return [...fromLabels, ...fromExpressions];
}

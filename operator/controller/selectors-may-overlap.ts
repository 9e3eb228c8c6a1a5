import type { LabelSelector } from '../api/sidecar-set.ts';

interface KeyConstraint {
  /** Values the key may take; undefined means any. */
  allowed: Set<string> | undefined;
  readonly excluded: Set<string>;
  mustExist: boolean;
  mustNotExist: boolean;
}

/**
 * False only when no label set can satisfy both selectors: some key is
 * required with disjoint values, required and forbidden, or every allowed
 * value is excluded. Anything else may overlap; conflicts are reported
 * conservatively, because a clash the controller fails to report surfaces
 * later as pods silently skipped by the webhook. `undefined` (no selector)
 * matches everything.
 */
export function selectorsMayOverlap(a: LabelSelector | undefined, b: LabelSelector | undefined): boolean {
  const constraints = new Map<string, KeyConstraint>();
  for (const selector of [a, b]) {
    if (selector !== undefined) addSelector(constraints, selector);
  }
  return [...constraints.values()].every(isSatisfiable);
}

function addSelector(constraints: Map<string, KeyConstraint>, selector: LabelSelector): void {
  const constraintOf = (key: string): KeyConstraint => {
    let constraint = constraints.get(key);
    if (constraint === undefined) {
      constraint = { allowed: undefined, excluded: new Set(), mustExist: false, mustNotExist: false };
      constraints.set(key, constraint);
    }
    return constraint;
  };
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) allow(constraintOf(key), [value]);
  for (const requirement of selector.matchExpressions ?? []) {
    const constraint = constraintOf(requirement.key);
    const values = requirement.values ?? [];
    if (requirement.operator === 'In') allow(constraint, values);
    else if (requirement.operator === 'NotIn') for (const value of values) constraint.excluded.add(value);
    else if (requirement.operator === 'Exists') constraint.mustExist = true;
    else constraint.mustNotExist = true; // DoesNotExist
  }
}

function allow(constraint: KeyConstraint, values: readonly string[]): void {
  constraint.mustExist = true;
  const next = new Set(values);
  constraint.allowed =
    constraint.allowed === undefined ? next : new Set([...constraint.allowed].filter((value) => next.has(value)));
}

function isSatisfiable(constraint: KeyConstraint): boolean {
  if (constraint.mustNotExist) return !constraint.mustExist;
  if (constraint.allowed === undefined) return true;
  return [...constraint.allowed].some((value) => !constraint.excluded.has(value));
}

import type { SidecarSet, SidecarSetSpec } from '../api/sidecar-set.ts';
import { checkOverrideValue, type OverrideFormat } from './override-value.ts';
import type { Container } from '../api/pod-template.ts';
import { compareQuantities, parseQuantity } from './quantity.ts';
import type { ContainerPlan } from './sidecar-set-plan.ts';
import { quoteKey, quoteValue } from '../json/quote-value.ts';

export type SidecarSetOverride = NonNullable<SidecarSetSpec['overrides']>[number];

export interface OverrideOutcome {
  /** The plan with every overridden container replaced by an edited copy; the very input plan when none applies. */
  readonly plan: ContainerPlan;
  /** Why the pod must be rejected, one sentence each; empty when every value present is valid. */
  readonly problems: readonly string[];
}

interface ContainerEdit {
  readonly override: SidecarSetOverride;
  readonly value: string;
}

/**
 * Applies the set's per-pod overrides that the pod's annotations ask for.
 * The plan's containers are shared, frozen objects (sidecar-set-plan.ts):
 * an overridden container is replaced by a copy, never edited.
 */
export function applyPodOverrides(set: SidecarSet, plan: ContainerPlan, annotations: Readonly<Record<string, string>>): OverrideOutcome {
  // The admission path: a set without overrides costs nothing here.
  const declared = set.spec.overrides;
  if (declared === undefined || declared.length === 0) return { plan, problems: [] };
  const requested = declared.filter((override) => Object.hasOwn(annotations, override.annotation));
  if (requested.length === 0) return { plan, problems: [] };
  const problems: string[] = [];
  const edits = new Map<string, ContainerEdit[]>();
  for (const override of requested) {
    const text = annotations[override.annotation] ?? '';
    const check = checkOverrideValue(formatOf(override), text, override.maximum);
    if (!check.ok) {
      problems.push(`annotation ${override.annotation}=${quoteValue(text)} is invalid: ${check.problem}`);
      continue;
    }
    edits.set(override.container, [...(edits.get(override.container) ?? []), { override, value: check.value }]);
  }
  if (problems.length > 0) return { plan, problems };
  const edit = (container: Container): Container => {
    const wanted = edits.get(container.name);
    if (wanted === undefined) return container;
    const edited = wanted.reduce(applyEdit, container);
    problems.push(...requestsAboveLimits(edited, wanted));
    return edited;
  };
  const edited: ContainerPlan = { init: plan.init.map(edit), before: plan.before.map(edit), after: plan.after.map(edit) };
  return { plan: problems.length > 0 ? plan : edited, problems };
}

function formatOf(override: SidecarSetOverride): OverrideFormat {
  return override.resource === undefined ? (override.format ?? 'Quantity') : 'Quantity';
}

function applyEdit(container: Container, edit: ContainerEdit): Container {
  const { override, value } = edit;
  if (override.env !== undefined) {
    const name = override.env;
    const env = container.env ?? [];
    const replaced = env.some((variable) => variable.name === name);
    // A declared valueFrom gives way too: the annotation is the more specific source.
    const next = replaced ? env.map((variable) => (variable.name === name ? { name, value } : variable)) : [...env, { name, value }];
    return { ...container, env: next };
  }
  const [kind, resource] = splitResource(override.resource ?? '');
  const resources = container.resources ?? {};
  return { ...container, resources: { ...resources, [kind]: { ...resources[kind], [resource]: value } } };
}

function splitResource(path: string): ['requests' | 'limits', string] {
  const dot = path.indexOf('.');
  return [path.slice(0, dot) === 'limits' ? 'limits' : 'requests', path.slice(dot + 1)];
}

/** The apiserver refuses a request above its limit; say which annotation caused it instead. */
function requestsAboveLimits(container: Container, edits: readonly ContainerEdit[]): string[] {
  const problems: string[] = [];
  const limits = container.resources?.limits ?? {};
  for (const [resource, request] of Object.entries(container.resources?.requests ?? {})) {
    if (!Object.hasOwn(limits, resource)) continue;
    const limit = limits[resource];
    if (limit === undefined) continue;
    const requestQuantity = parseQuantity(String(request));
    const limitQuantity = parseQuantity(String(limit));
    if (requestQuantity === undefined || limitQuantity === undefined) continue;
    if (compareQuantities(requestQuantity, limitQuantity) <= 0) continue;
    const causes = edits
      .filter((edit) => edit.override.resource === `requests.${resource}` || edit.override.resource === `limits.${resource}`)
      .map((edit) => `${edit.override.annotation}=${quoteValue(edit.value)}`);
    if (causes.length === 0) continue;
    problems.push(
      `annotation ${causes.join(' and ')} would make container "${container.name}" request ${resource} ${String(request)}, above its limit ${String(limit)}`,
    );
  }
  return problems;
}

/**
 * Annotations that look meant for an injected set (same prefix as one of
 * their overrides) but that no injected set declares: a misspelt key would
 * otherwise be ignored without a word.
 */
export function unknownOverrideAnnotations(sets: readonly SidecarSet[], annotations: Readonly<Record<string, string>>): string[] {
  if (!sets.some((set) => (set.spec.overrides?.length ?? 0) > 0)) return [];
  const declared = new Set(sets.flatMap((set) => (set.spec.overrides ?? []).map((override) => override.annotation)));
  const prefixes = new Set([...declared].map(prefixOf));
  const known = [...declared].sort().join(', ');
  return Object.keys(annotations)
    .filter((key) => !declared.has(key) && prefixes.has(prefixOf(key)))
    .sort()
    .map((key) => `annotation ${quoteKey(key)} is not an override of the injected SidecarSets (they declare ${known}); it is ignored`);
}

function prefixOf(key: string): string {
  return key.slice(0, key.indexOf('/') + 1);
}

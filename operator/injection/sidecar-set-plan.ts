import type { SidecarContainer, SidecarSet } from '../api/sidecar-set.ts';
import { cloneJson } from '../json/clone-json.ts';
import type { Container, Volume } from '../api/pod-template.ts';
import { withResizePolicy } from './resize-policy.ts';

/** The containers of one set, in the order and place they go into the pod. */
export interface ContainerPlan {
  /** Run-to-completion init containers first, then native sidecars. */
  readonly init: readonly Container[];
  readonly before: readonly Container[];
  readonly after: readonly Container[];
}

/** Everything a set copies into pods, in the form it takes there. */
export interface SidecarSetPlan {
  readonly containers: ContainerPlan;
  readonly volumes: readonly Volume[];
}

/**
 * The pod-side form of a set, built once per set object and nativeness and
 * then shared by every pod it is injected into.
 *
 * Contract: the plan is deeply frozen. Injection never edits an existing
 * container or volume in place (see copyForInjection), so pods may hold these
 * very objects; a consumer that tried to edit one would throw rather than
 * corrupt every later pod. Sources hand out a new object for every change of
 * a set and never mutate one, so caching per object is exact, as for hashes.
 */
export function planSidecarSet(set: SidecarSet, native: boolean): SidecarSetPlan {
  const cached = cache.get(set);
  const hit = native ? cached?.native : cached?.regular;
  if (hit !== undefined) return hit;
  const plan = deepFreeze(buildPlan(set, native));
  cache.set(set, { ...cached, [native ? 'native' : 'regular']: plan });
  return plan;
}

const cache = new WeakMap<SidecarSet, { native?: SidecarSetPlan; regular?: SidecarSetPlan }>();

function buildPlan(set: SidecarSet, native: boolean): SidecarSetPlan {
  const sidecars = (set.spec.containers ?? []).map(toPodContainer);
  const runToCompletion = (set.spec.initContainers ?? []).map((container) => cloneJson(container) as Container);
  const volumes = (set.spec.volumes ?? []).map((volume) => cloneJson(volume) as Volume);
  if (native) {
    const init = [...runToCompletion, ...sidecars.map((container) => ({ ...container, restartPolicy: 'Always' }))];
    return { containers: { init, before: [], after: [] }, volumes };
  }
  return {
    containers: {
      init: runToCompletion,
      before: sidecars.filter((_, index) => placementOf(set, index) === 'Before'),
      after: sidecars.filter((_, index) => placementOf(set, index) === 'After'),
    },
    volumes,
  };
}

function toPodContainer(sidecar: SidecarContainer): Container {
  const { placement: _placement, ...container } = cloneJson(sidecar);
  return withResizePolicy(container as Container);
}

function placementOf(set: SidecarSet, index: number): 'Before' | 'After' {
  return set.spec.containers?.[index]?.placement === 'Before' ? 'Before' : 'After';
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

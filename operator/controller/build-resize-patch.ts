import type { Container } from '../api/pod-template.ts';
import { nameOf, type SidecarSet } from '../api/sidecar-set.ts';
import { parseRecord } from '../injection/injection-record.ts';
import { applyPodOverrides } from '../injection/pod-overrides.ts';
import { planSidecarSet } from '../injection/sidecar-set-plan.ts';
import { INJECTION_RECORD_ANNOTATION } from '../injection/tandem-keys.ts';
import { canonicalJson } from '../json/canonical-json.ts';
import { RECORD_PATH, type JsonPatchOperation } from './build-upgrade-patch.ts';

/** The part of a full (untrimmed) pod a resize is computed from: its annotations (per-pod overrides) and containers' resources. */
export interface ResizablePod {
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: {
    readonly containers?: readonly Pick<Container, 'name' | 'resources'>[];
    readonly initContainers?: readonly Pick<Container, 'name' | 'resources'>[];
  };
}

export interface ResourceChange {
  readonly container: string;
  readonly from: string;
  readonly to: string;
}

export type ResizePatch =
  /** Resources to change, as one JSON Patch for the pod's `resize` subresource; `patch` is empty when they already agree. */
  | { readonly kind: 'resize'; readonly changes: readonly ResourceChange[]; readonly patch: readonly JsonPatchOperation[] }
  /** The pod changed since the plan (its record is not the planned one): re-plan. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** The pod cannot be resized to this revision: one of its override annotations is invalid. */
  | { readonly kind: 'refused'; readonly message: string };

/**
 * The resize of one pod's sidecars to the set's current resources, with the
 * pod's own overrides applied exactly as the webhook applies them when it
 * injects (applyPodOverrides over planSidecarSet): a pod whose annotation
 * set memory-limit to 384Mi keeps it. Guarded like an image upgrade: `test`
 * the record text and each container's name at its index, `replace` its
 * resources. The `resize` subresource takes only resources; the record's
 * new hash is the image patch's (build-upgrade-patch.ts), sent right after.
 */
export function buildResizePatch(set: SidecarSet, native: boolean, pod: ResizablePod, recordText: string): ResizePatch {
  const annotations = pod.metadata?.annotations ?? {};
  const parsed = parseRecord(recordText);
  const entry = parsed.ok ? parsed.record.sets[nameOf(set)] : undefined;
  if (annotations[INJECTION_RECORD_ANNOTATION] !== recordText || entry === undefined) {
    return { kind: 'conflict', message: 'the pod changed since the resize was planned' };
  }
  const overridden = applyPodOverrides(set, planSidecarSet(set, native).containers, annotations);
  if (overridden.problems.length > 0) return { kind: 'refused', message: overridden.problems.join('; ') };
  const wanted = new Map([...overridden.plan.init, ...overridden.plan.before, ...overridden.plan.after].map((container) => [container.name, container.resources ?? {}]));
  const lists = [
    { names: entry.containers, containers: pod.spec?.containers ?? [], path: '/spec/containers' },
    { names: entry.initContainers, containers: pod.spec?.initContainers ?? [], path: '/spec/initContainers' },
  ];
  const edits = lists.flatMap((list) => resourceEdits(list, wanted));
  const patch = edits.flatMap((edit) => edit.patch);
  return {
    kind: 'resize',
    changes: edits.map((edit) => edit.change),
    patch: patch.length === 0 ? [] : [{ op: 'test', path: RECORD_PATH, value: recordText }, ...patch],
  };
}

interface ContainerList {
  readonly names: readonly string[];
  readonly containers: readonly Pick<Container, 'name' | 'resources'>[];
  readonly path: string;
}

/** Per recorded container of one list whose resources differ from the wanted ones: the change and its guarded patch. */
function resourceEdits(list: ContainerList, wanted: ReadonlyMap<string, Container['resources'] & object>): { change: ResourceChange; patch: JsonPatchOperation[] }[] {
  return list.containers.flatMap((container, index) => {
    const resources = wanted.get(container.name);
    if (!list.names.includes(container.name) || resources === undefined) return [];
    const from = canonicalJson(container.resources ?? {});
    const to = canonicalJson(resources);
    if (from === to) return [];
    return [{
      change: { container: container.name, from, to },
      patch: [
        { op: 'test', path: `${list.path}/${index}/name`, value: container.name },
        { op: 'replace', path: `${list.path}/${index}/resources`, value: resources },
      ],
    }];
  });
}

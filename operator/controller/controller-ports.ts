// What the controller core needs from the cluster, as narrow interfaces:
// controller-cache.ts and controller-client.ts implement them over the
// Kubernetes runtime (operator/kube), unit tests with plain objects.
// Nothing here does I/O by itself.
import type { SidecarSet, SidecarSetStatus } from '../api/sidecar-set.ts';
import type { Labels } from '../injection/label-selector.ts';
import type { ResizablePod } from './build-resize-patch.ts';
import type { JsonPatchOperation } from './build-upgrade-patch.ts';
import type { CachedPod } from './cached-pod.ts';
import type { ControllerEvent } from './controller-event.ts';
import type { WorkloadRef, WorkloadState } from './workload-ref.ts';

/** The reflectors' view, read synchronously from memory. */
export interface ControllerCache {
  /** Valid SidecarSets, validated and defaulted as the webhook sees them. */
  sidecarSets(): readonly SidecarSet[];
  sidecarSet(name: string): SidecarSet | undefined;
  /** Injected pods (label tandem.dev/injected=true), trimmed. */
  pods(): Iterable<CachedPod>;
  namespaceLabels(name: string): Labels | undefined;
  /** Every reflector delivered its first full list. */
  synced(): boolean;
}

/** What the cache reports; each callback only enqueues keys. */
export interface CacheHandlers {
  onSidecarSet(name: string): void;
  onPod(before: CachedPod | undefined, after: CachedPod | undefined): void;
  onNamespace(name: string): void;
}

export type PodPatchResult =
  | { readonly kind: 'patched' }
  /** A `test` operation failed or the pod is gone: someone else changed it; re-plan from the cache. */
  | { readonly kind: 'conflict'; readonly message: string }
  /** The API server refused the change itself (validation, admission). */
  | { readonly kind: 'refused'; readonly message: string };

export interface ControllerClient {
  /** Writes the status subresource as the field manager tandem-controller. */
  writeStatus(name: string, status: SidecarSetStatus): Promise<void>;
  /** Applies a JSON Patch to a pod. */
  patchPod(namespace: string, name: string, patch: readonly JsonPatchOperation[]): Promise<PodPatchResult>;
  /** Applies a JSON Patch to a pod's `resize` subresource (container resources only). */
  resizePod(namespace: string, name: string, patch: readonly JsonPatchOperation[]): Promise<PodPatchResult>;
  /** The whole pod as the API server has it now (a resize reads its override annotations), or undefined when it is gone. */
  readPod(namespace: string, name: string): Promise<ResizablePod | undefined>;
  /** Pods matching `labelSelector` that are NOT injected (never cached), trimmed. */
  listUninjectedPods(labelSelector: string): Promise<CachedPod[]>;
  /** The Deployment, StatefulSet or DaemonSet that owns the pod, if any. */
  resolveWorkload(pod: CachedPod): Promise<WorkloadState | undefined>;
  /** Sets the restart annotations on the workload's pod template. */
  restartWorkload(ref: WorkloadRef, restartedFor: string, at: Date): Promise<void>;
  /** Best effort: never throws, may drop or aggregate. */
  recordEvent(event: ControllerEvent): void;
}

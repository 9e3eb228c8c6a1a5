import type { SidecarSetStatus } from '../api/sidecar-set.ts';
import type { ResizablePod } from './build-resize-patch.ts';
import type { JsonPatchOperation } from './build-upgrade-patch.ts';
import { trimPod, type CachedPod, type PodLike } from './cached-pod.ts';
import type { ControllerClient, PodPatchResult } from './controller-ports.ts';
import {
  parseRestartedFor,
  RESTARTED_AT_ANNOTATION,
  RESTARTED_FOR_ANNOTATION,
  type WorkloadRef,
  type WorkloadState,
} from './workload-ref.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import type { EventRecorder } from '../kube/event-recorder.ts';

/** Every write of the controller carries this field manager, so `kubectl get --show-managed-fields` tells who did what. */
export const CONTROLLER_FIELD_MANAGER = 'tandem-controller';

export interface ControllerClientOptions {
  readonly client: KubeClient;
  readonly events: EventRecorder;
  /** Owner lookups (ReplicaSet -> Deployment) are cached this long. Default 2 s. */
  readonly ownerCacheMs?: number;
}

interface OwnedObject {
  readonly metadata?: {
    readonly ownerReferences?: readonly { readonly kind: string; readonly name: string; readonly controller?: boolean }[];
  };
  readonly spec?: { readonly template?: { readonly metadata?: { readonly annotations?: Record<string, string> } } };
}

const WORKLOAD_PATHS: Readonly<Record<WorkloadRef['kind'], string>> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export function createControllerClient(options: ControllerClientOptions): ControllerClient {
  const { client } = options;
  const owners = new Map<string, { at: number; value: Promise<OwnedObject | undefined> }>();

  const getObject = (path: string): Promise<OwnedObject | undefined> => {
    const cached = owners.get(path);
    if (cached !== undefined && Date.now() - cached.at < (options.ownerCacheMs ?? 2_000)) return cached.value;
    const value = client.request({ method: 'GET', path }).then((response) => {
      if (response.status === 404) return undefined;
      if (response.status >= 300) throw new Error(`GET ${path}: HTTP ${response.status}`);
      return response.body as OwnedObject;
    });
    owners.set(path, { at: Date.now(), value });
    if (owners.size > 5_000) owners.clear();
    return value;
  };

  const workloadState = async (ref: WorkloadRef): Promise<WorkloadState | undefined> => {
    const object = await getObject(`/apis/apps/v1/namespaces/${ref.namespace}/${WORKLOAD_PATHS[ref.kind]}/${ref.name}`);
    if (object === undefined) return undefined;
    return { ref, restartedFor: parseRestartedFor(object.spec?.template?.metadata?.annotations?.[RESTARTED_FOR_ANNOTATION]) };
  };

  const jsonPatch = async (path: string, patch: readonly JsonPatchOperation[]): Promise<PodPatchResult> => {
    const response = await client.request({
      method: 'PATCH',
      path,
      query: { fieldManager: CONTROLLER_FIELD_MANAGER },
      contentType: 'application/json-patch+json',
      body: patch,
    });
    return patchResult(response.status, response.body);
  };

  return {
    writeStatus: async (name: string, status: SidecarSetStatus) => {
      await client.requestOk({
        method: 'PATCH',
        path: `/apis/tandem.dev/v1alpha1/sidecarsets/${name}/status`,
        query: { fieldManager: CONTROLLER_FIELD_MANAGER },
        contentType: 'application/merge-patch+json',
        body: { status },
      });
    },
    patchPod: (namespace, name, patch) => jsonPatch(`/api/v1/namespaces/${namespace}/pods/${name}`, patch),
    resizePod: (namespace, name, patch) => jsonPatch(`/api/v1/namespaces/${namespace}/pods/${name}/resize`, patch),
    readPod: async (namespace, name) => {
      const response = await client.request({ method: 'GET', path: `/api/v1/namespaces/${namespace}/pods/${name}` });
      if (response.status === 404) return undefined;
      if (response.status >= 300) throw new Error(`GET pod ${namespace}/${name}: HTTP ${response.status}`);
      return response.body as ResizablePod;
    },
    listUninjectedPods: async (labelSelector) => {
      const pods: CachedPod[] = [];
      let continueToken: string | undefined;
      do {
        const page = (await client.requestOk({
          method: 'GET',
          path: '/api/v1/pods',
          query: { labelSelector, limit: 500, continue: continueToken },
        })) as { items?: PodLike[]; metadata?: { continue?: string } };
        for (const item of page.items ?? []) pods.push(trimPod(item));
        continueToken = page.metadata?.continue || undefined;
      } while (continueToken !== undefined);
      return pods;
    },
    resolveWorkload: async (pod) => {
      const owner = pod.owner;
      if (owner === undefined) return undefined;
      if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') {
        return workloadState({ kind: owner.kind, namespace: pod.namespace, name: owner.name });
      }
      if (owner.kind !== 'ReplicaSet') return undefined;
      const replicaSet = await getObject(`/apis/apps/v1/namespaces/${pod.namespace}/replicasets/${owner.name}`);
      const deployment = replicaSet?.metadata?.ownerReferences?.find((ref) => ref.controller === true && ref.kind === 'Deployment');
      return deployment === undefined ? undefined : workloadState({ kind: 'Deployment', namespace: pod.namespace, name: deployment.name });
    },
    restartWorkload: async (ref, restartedFor, at) => {
      await client.requestOk({
        method: 'PATCH',
        path: `/apis/apps/v1/namespaces/${ref.namespace}/${WORKLOAD_PATHS[ref.kind]}/${ref.name}`,
        query: { fieldManager: CONTROLLER_FIELD_MANAGER },
        contentType: 'application/merge-patch+json',
        body: {
          spec: {
            template: {
              metadata: {
                annotations: { [RESTARTED_AT_ANNOTATION]: at.toISOString(), [RESTARTED_FOR_ANNOTATION]: restartedFor },
              },
            },
          },
        },
      });
      owners.clear();
    },
    recordEvent: (event) => {
      options.events.record(event);
    },
  };
}

/**
 * 404 and 409, and a failed `test` operation, mean the pod changed since
 * the plan: re-plan. The API server (v1.36) answers a failed `test` with a
 * 422 whose message is only the generic "the server rejected our request
 * due to an error in our request" and no causes, while a real validation
 * refusal names the pod ("Pod \"x\" is invalid: ..."). Any other
 * 4xx is the API server refusing the change itself. 5xx and 429 throw, so
 * the reconcile is retried with backoff.
 */
const TEST_FAILED = /^the server rejected our request due to an error in our request$|test operation|testing value/i;

export function patchResult(status: number, body: unknown): PodPatchResult {
  const message = statusMessage(body) ?? `HTTP ${status}`;
  if (status >= 200 && status < 300) return { kind: 'patched' };
  if (status === 404 || status === 409) return { kind: 'conflict', message };
  if (status === 422 && TEST_FAILED.test(message)) return { kind: 'conflict', message: 'the pod changed since the upgrade was planned (a JSON Patch test failed)' };
  if (status === 429 || status >= 500 || status === 0) throw new Error(`patching a pod: HTTP ${status}: ${message}`);
  return { kind: 'refused', message };
}

function statusMessage(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null ? (body as { message?: string }).message : undefined;
}

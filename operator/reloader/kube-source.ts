// The reloader's Kubernetes sources: one ConfigMap, one Secret, or the
// EndpointSlices of one Service, each watched through the API (list, then
// watch from that resourceVersion) with the narrowest selector, so RBAC may
// restrict the ServiceAccount to named objects and the apiserver sends only
// what the reloader reads. Errors restart the watch after a backoff; the
// last values stay meanwhile and the source reports unhealthy. The list and
// watch are reloader-list-watch.ts over node:https, not client-node
// (docs/adr/0011-reloader-memory.md).
import type { Logger } from '../logging/logger.ts';
import { readyEndpoints, type EndpointSliceLike } from '../reloader/endpoints.ts';
import type { SourceSpec } from '../reloader/reloader-config.ts';
import { createSourceState, type Source, type SourceListener, type SourceState, type SourceValue } from '../reloader/source.ts';
import type { KubeAccess } from './reloader-kube-access.ts';
import { startListWatch, type KubeObject, type ReloaderBackoff } from './reloader-list-watch.ts';

export interface KubeSourceContext {
  readonly access: KubeAccess;
  /** Namespace of the pod: the default for every source. */
  readonly namespace: string;
  readonly logger: Logger;
  readonly backoff?: ReloaderBackoff;
  /** Server-side watch timeout (tests); default 5-10 min. */
  readonly watchTimeoutSeconds?: number;
}

export type KubeSourceSpec = Extract<SourceSpec, { kind: 'configMap' | 'secret' | 'endpointSlices' }>;

interface ConfigMapLike extends KubeObject {
  readonly data?: Record<string, string>;
  readonly binaryData?: Record<string, string>;
}

interface SecretLike extends KubeObject {
  readonly data?: Record<string, string>;
}

export function startKubeSource(name: string, spec: KubeSourceSpec, listener: SourceListener, context: KubeSourceContext): Source {
  const state = createSourceState(name, listener);
  const namespace = spec.namespace ?? context.namespace;
  const path = (resource: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
  switch (spec.kind) {
    case 'configMap':
      return watchObjects<ConfigMapLike>(name, state, context, {
        path: path('configmaps'),
        fieldSelector: `metadata.name=${spec.name}`,
        toValue: (objects) => singleObject(objects, `ConfigMap ${namespace}/${spec.name}`, configMapValues),
      });
    case 'secret':
      return watchObjects<SecretLike>(name, state, context, {
        path: path('secrets'),
        fieldSelector: `metadata.name=${spec.name}`,
        toValue: (objects) => singleObject(objects, `Secret ${namespace}/${spec.name}`, secretValues),
      });
    case 'endpointSlices':
      return watchObjects<KubeObject & EndpointSliceLike>(name, state, context, {
        path: `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
        labelSelector: `kubernetes.io/service-name=${spec.service}`,
        toValue: (objects) => readyEndpoints(objects, spec.port),
      });
  }
}

interface WatchSpec<T extends KubeObject> {
  readonly path: string;
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
  /** Throws when the objects cannot make a value (e.g. the ConfigMap does not exist). */
  readonly toValue: (objects: readonly T[]) => SourceValue;
}

function watchObjects<T extends KubeObject>(name: string, state: SourceState, context: KubeSourceContext, spec: WatchSpec<T>): Source {
  const logger = context.logger.child({ source: name });
  const running = startListWatch<T>({
    access: context.access,
    path: spec.path,
    ...(spec.labelSelector !== undefined ? { labelSelector: spec.labelSelector } : {}),
    ...(spec.fieldSelector !== undefined ? { fieldSelector: spec.fieldSelector } : {}),
    ...(context.backoff !== undefined ? { backoff: context.backoff } : {}),
    ...(context.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: context.watchTimeoutSeconds } : {}),
    onObjects: (objects) => {
      try {
        state.set(spec.toValue(objects));
      } catch (error) {
        state.fail(error);
      }
    },
    onError: (error, retryInMs) => {
      state.fail(error);
      logger.debug({ retryInMs }, 'watch failed; retrying');
    },
    onHealthy: () => {
      state.healthy();
    },
  });
  return {
    name,
    value: state.value,
    status: state.status,
    stop: () => running.stop(),
  };
}

function singleObject<T>(objects: readonly T[], what: string, values: (object: T) => Record<string, string>): Record<string, string> {
  const object = objects[0];
  if (object === undefined) throw new Error(`${what} does not exist`);
  return sortedKeys(values(object));
}

/** data as is; binaryData base64 as the API gives it. */
function configMapValues(configMap: ConfigMapLike): Record<string, string> {
  return { ...configMap.binaryData, ...configMap.data };
}

/** Decoded: templates see the Secret's values, as a mounted Secret shows them. */
function secretValues(secret: SecretLike): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, encoded] of Object.entries(secret.data ?? {})) values[key] = Buffer.from(encoded, 'base64').toString('utf8');
  return values;
}

function sortedKeys(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// The reloader's Kubernetes sources: one ConfigMap, one Secret, or the
// EndpointSlices of one Service, each watched through the API (list, then
// watch from that resourceVersion) with the narrowest selector, so RBAC may
// restrict the ServiceAccount to named objects and the apiserver sends only
// what the reloader reads. Errors restart the watch after a backoff; the
// last values stay meanwhile and the source reports unhealthy.
import {
  CoreV1Api,
  DiscoveryV1Api,
  ListWatch,
  Watch,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Secret,
} from '@kubernetes/client-node';
import type { Logger } from '../logging/logger.ts';
import { readyEndpoints, type EndpointSliceLike } from '../reloader/endpoints.ts';
import type { SourceSpec } from '../reloader/reloader-config.ts';
import { createSourceState, type Source, type SourceListener, type SourceState, type SourceValue } from '../reloader/source.ts';
import { DEFAULT_BACKOFF, type Backoff } from './run-informer.ts';

export interface KubeSourceContext {
  readonly kubeConfig: KubeConfig;
  /** Namespace of the pod: the default for every source. */
  readonly namespace: string;
  readonly logger: Logger;
  readonly backoff?: Backoff;
}

export type KubeSourceSpec = Extract<SourceSpec, { kind: 'configMap' | 'secret' | 'endpointSlices' }>;

export function startKubeSource(name: string, spec: KubeSourceSpec, listener: SourceListener, context: KubeSourceContext): Source {
  const state = createSourceState(name, listener);
  const namespace = spec.namespace ?? context.namespace;
  const core = context.kubeConfig.makeApiClient(CoreV1Api);
  switch (spec.kind) {
    case 'configMap':
      return watchObjects<V1ConfigMap>(name, state, context, {
        path: `/api/v1/namespaces/${namespace}/configmaps`,
        fieldSelector: `metadata.name=${spec.name}`,
        list: (fieldSelector) => core.listNamespacedConfigMap({ namespace, fieldSelector }),
        toValue: (objects) => singleObject(objects, `ConfigMap ${namespace}/${spec.name}`, configMapValues),
      });
    case 'secret':
      return watchObjects<V1Secret>(name, state, context, {
        path: `/api/v1/namespaces/${namespace}/secrets`,
        fieldSelector: `metadata.name=${spec.name}`,
        list: (fieldSelector) => core.listNamespacedSecret({ namespace, fieldSelector }),
        toValue: (objects) => singleObject(objects, `Secret ${namespace}/${spec.name}`, secretValues),
      });
    case 'endpointSlices': {
      const discovery = context.kubeConfig.makeApiClient(DiscoveryV1Api);
      const labelSelector = `kubernetes.io/service-name=${spec.service}`;
      return watchObjects<KubernetesObject & EndpointSliceLike>(name, state, context, {
        path: `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
        labelSelector,
        list: () =>
          discovery.listNamespacedEndpointSlice({ namespace, labelSelector }),
        toValue: (objects) => readyEndpoints(objects, spec.port),
      });
    }
  }
}

interface WatchSpec<T extends KubernetesObject> {
  readonly path: string;
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
  readonly list: (fieldSelector: string | undefined) => Promise<KubernetesListObject<T>>;
  /** Throws when the objects cannot make a value (e.g. the ConfigMap does not exist). */
  readonly toValue: (objects: readonly T[]) => SourceValue;
}

function watchObjects<T extends KubernetesObject>(name: string, state: SourceState, context: KubeSourceContext, spec: WatchSpec<T>): Source {
  const backoff = context.backoff ?? DEFAULT_BACKOFF;
  const logger = context.logger.child({ source: name });
  let delayMs = backoff.initialMs;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const publish = (): void => {
    try {
      state.set(spec.toValue(watch.list()));
    } catch (error) {
      state.fail(error);
    }
  };
  const listFn = async (): Promise<KubernetesListObject<T>> => {
    const list = await spec.list(spec.fieldSelector);
    delayMs = backoff.initialMs;
    // ListWatch fills its cache from this list after the promise resolves.
    setImmediate(publish);
    return list;
  };
  const watch = new ListWatch<T>(spec.path, new Watch(context.kubeConfig), listFn, false, spec.labelSelector, spec.fieldSelector);
  for (const verb of ['add', 'update', 'delete'] as const) watch.on(verb, publish);
  const onError = (error: unknown): void => {
    if (stopped || timer !== undefined) return;
    state.fail(error);
    const waitMs = Math.round(delayMs * (0.8 + Math.random() * 0.4));
    logger.debug({ retryInMs: waitMs }, 'watch failed; retrying');
    delayMs = Math.min(delayMs * 2, backoff.maxMs);
    timer = setTimeout(start, waitMs);
    timer.unref();
  };
  const start = (): void => {
    timer = undefined;
    if (!stopped) watch.start().catch(onError);
  };
  watch.on('error', onError);
  start();
  return {
    name,
    value: state.value,
    status: state.status,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await watch.stop();
    },
  };
}

function singleObject<T>(objects: readonly T[], what: string, values: (object: T) => Record<string, string>): Record<string, string> {
  const object = objects[0];
  if (object === undefined) throw new Error(`${what} does not exist`);
  return sortedKeys(values(object));
}

/** data as is; binaryData base64 as the API gives it. */
function configMapValues(configMap: V1ConfigMap): Record<string, string> {
  return { ...configMap.binaryData, ...configMap.data };
}

/** Decoded: templates see the Secret's values, as a mounted Secret shows them. */
function secretValues(secret: V1Secret): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, encoded] of Object.entries(secret.data ?? {})) values[key] = Buffer.from(encoded, 'base64').toString('utf8');
  return values;
}

function sortedKeys(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

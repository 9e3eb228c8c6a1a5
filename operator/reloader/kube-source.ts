// The reloader's Kubernetes sources: one ConfigMap, one Secret, or the
// EndpointSlices of one Service, each followed by the project's reflector
// (list, then watch from that resourceVersion) with the narrowest selector,
// so RBAC may restrict the ServiceAccount to named objects and the apiserver
// sends only what the reloader reads. Errors restart the watch after a
// backoff; the last values stay meanwhile and the source reports unhealthy.
import type { BackoffPolicy } from '../kube/backoff.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { startReflector, watchObject } from '../kube/reflector.ts';
import type { KubeObject } from '../kube/watcher.ts';
import type { Logger } from '../logging/logger.ts';
import { readyEndpoints, type EndpointSliceLike } from './endpoints.ts';
import type { SourceSpec } from './reloader-config.ts';
import { createSourceState, type Source, type SourceListener, type SourceState, type SourceValue } from './source.ts';

export interface KubeSourceContext {
  readonly client: KubeClient;
  /** Namespace of the pod: the default for every source. */
  readonly namespace: string;
  readonly logger: Logger;
  readonly backoff?: BackoffPolicy;
  /** Server-side watch timeout (tests). */
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
      return followObject<ConfigMapLike>(name, state, context, { path: path('configmaps'), name: spec.name, what: `ConfigMap ${namespace}/${spec.name}`, values: configMapValues });
    case 'secret':
      return followObject<SecretLike>(name, state, context, { path: path('secrets'), name: spec.name, what: `Secret ${namespace}/${spec.name}`, values: secretValues });
    case 'endpointSlices':
      return followEndpointSlices(name, state, context, {
        path: `/apis/discovery.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/endpointslices`,
        service: spec.service,
        port: spec.port,
      });
  }
}

/** The reflector's hooks every source shares: failures mark it unhealthy, a recovery healthy again. */
function watchHooks(name: string, state: SourceState, context: KubeSourceContext): {
  readonly client: KubeClient;
  readonly logger: Logger;
  readonly onError: (error: unknown, retryInMs: number) => void;
  readonly onRecovered: () => void;
  readonly backoff?: BackoffPolicy;
  readonly watchTimeoutSeconds?: number;
} {
  const logger = context.logger.child({ source: name });
  return {
    client: context.client,
    logger,
    onError: (error, retryInMs) => {
      state.fail(error);
      logger.debug({ retryInMs }, 'watch failed; retrying');
    },
    onRecovered: () => {
      state.healthy();
    },
    ...(context.backoff !== undefined ? { backoff: context.backoff } : {}),
    ...(context.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: context.watchTimeoutSeconds } : {}),
  };
}

interface ObjectSpec<T> {
  readonly path: string;
  readonly name: string;
  readonly what: string;
  readonly values: (object: T) => Record<string, string>;
}

/** A ConfigMap or Secret by name: its values, or a failure while it does not exist. */
function followObject<T extends KubeObject>(name: string, state: SourceState, context: KubeSourceContext, spec: ObjectSpec<T>): Source {
  const watch = watchObject<T>({
    ...watchHooks(name, state, context),
    path: spec.path,
    name: spec.name,
    resource: spec.what,
    onChange: (object) => {
      if (object === undefined) state.fail(new Error(`${spec.what} does not exist`));
      else state.set(sortedKeys(spec.values(object)));
    },
  });
  return { name, value: state.value, status: state.status, stop: () => watch.stop() };
}

function followEndpointSlices(name: string, state: SourceState, context: KubeSourceContext, spec: { path: string; service: string; port: string | number | undefined }): Source {
  const reflector = startReflector<KubeObject & EndpointSliceLike>({
    ...watchHooks(name, state, context),
    path: spec.path,
    labelSelector: `kubernetes.io/service-name=${spec.service}`,
    resource: `EndpointSlices of ${spec.service}`,
    onStoreChanged: () => {
      const value: SourceValue = readyEndpoints([...reflector.values()], spec.port);
      state.set(value);
    },
  });
  return { name, value: state.value, status: state.status, stop: () => reflector.stop() };
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

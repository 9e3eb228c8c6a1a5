import type { Container, Volume } from '../api/pod-template.ts';
import { SERVICE_ACCOUNT_TOKEN_PATH } from './service-account-token-mount.ts';

/**
 * Comparable forms of a container and a volume that do not change when the
 * API server stores them. Between Tandem's patch and the object it is shown
 * again (a webhook reinvocation, `kubectl get -o yaml` of an injected pod, the
 * pods of a Deployment whose template `tandem inject` rewrote), the API server
 * has added its defaults (core/v1 SetDefaults_*: terminationMessagePath,
 * imagePullPolicy, probe timings, `protocol: TCP`, `defaultMode: 420`...),
 * dropped `omitempty` fields left empty, and the ServiceAccount admission
 * plugin has mounted the token into every container. None of that is a change
 * anyone made to what Tandem added, so none of it may count as one.
 *
 * The form removes: fields equal to the API server's default; values it
 * omits when empty (`""`, `[]`, `null`), and also `false` and `0`, which it
 * omits for plain (non-pointer) fields; and the token mount. The last two blur
 * `false`/`0` with absence for pointer fields too (`allowPrivilegeEscalation:
 * false` vs not set): acceptable, because the form only decides whether Tandem
 * may take back a container it added and inject it again as the set says.
 */
export function servedContainer(container: Container): unknown {
  const spec: DefaultSpec = { ...CONTAINER_DEFAULTS, imagePullPolicy: defaultPullPolicy(container.image ?? '') };
  const { volumeMounts, ...rest } = withoutDefaults(container, spec) as Container;
  return servedValue(volumeMounts === undefined ? rest : { ...rest, volumeMounts: volumeMounts.filter((mount) => !isTokenMount(mount)) });
}

export function servedVolume(volume: Volume): unknown {
  const sources = Object.keys(volume).filter((key) => key !== 'name');
  // SetDefaults_Volume: a volume without a source is an emptyDir.
  const sourced: Record<string, unknown> = sources.length === 0 ? { ...volume, emptyDir: {} } : { ...volume };
  for (const [source, defaults] of Object.entries(VOLUME_DEFAULTS)) {
    if (sourced[source] !== undefined) sourced[source] = withoutDefaults(sourced[source], defaults);
  }
  return servedValue(sourced);
}

/**
 * SetDefaults_Container: Always for a `latest` tag or none (parsers.ParseImageName
 * defaults the tag), else IfNotPresent, also for an image it cannot parse (here: none).
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  if (image === '') return 'IfNotPresent';
  const [name = '', digest] = image.split('@');
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : digest === undefined ? 'latest' : '';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function isTokenMount(mount: { readonly mountPath?: string; readonly name?: string }): boolean {
  return mount.mountPath === SERVICE_ACCOUNT_TOKEN_PATH && (mount.name ?? '').startsWith('kube-api-access-');
}

/** A default spec: leaf values to drop when equal, nested specs for sub-objects, `each` for every item of a list. */
interface DefaultSpec {
  readonly [key: string]: string | number | DefaultSpec | { readonly each: DefaultSpec };
}

const HTTP_GET: DefaultSpec = { path: '/', scheme: 'HTTP' };
const PROBE_DEFAULTS: DefaultSpec = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, httpGet: HTTP_GET };
const FIELD_REF: DefaultSpec = { fieldRef: { apiVersion: 'v1' } };
const CONTAINER_DEFAULTS: DefaultSpec = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  livenessProbe: PROBE_DEFAULTS,
  readinessProbe: PROBE_DEFAULTS,
  startupProbe: PROBE_DEFAULTS,
  ports: { each: { protocol: 'TCP' } },
  env: { each: { valueFrom: FIELD_REF } },
  lifecycle: { postStart: { httpGet: HTTP_GET }, preStop: { httpGet: HTTP_GET } },
};
const DOWNWARD_API: DefaultSpec = { defaultMode: 420, items: { each: FIELD_REF } };
const VOLUME_DEFAULTS: Readonly<Record<string, DefaultSpec>> = {
  secret: { defaultMode: 420 },
  configMap: { defaultMode: 420 },
  downwardAPI: DOWNWARD_API,
  projected: {
    defaultMode: 420,
    sources: { each: { serviceAccountToken: { expirationSeconds: 3600 }, downwardAPI: { items: { each: FIELD_REF } } } },
  },
  ephemeral: { volumeClaimTemplate: { spec: { volumeMode: 'Filesystem' } } },
};

function isEach(spec: DefaultSpec[string]): spec is { readonly each: DefaultSpec } {
  return typeof spec === 'object' && Object.keys(spec).length === 1 && 'each' in spec;
}

/** `value` with the leaves that equal `spec`'s defaults removed, recursively. */
function withoutDefaults(value: unknown, spec: DefaultSpec): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const rule = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (rule === undefined) result[key] = item;
    else if (typeof rule !== 'object') {
      if (item !== rule) result[key] = item;
    } else if (isEach(rule)) result[key] = Array.isArray(item) ? item.map((element: unknown) => withoutDefaults(element, rule.each)) : item;
    else result[key] = withoutDefaults(item, rule);
  }
  return result;
}

/** Drops what the API server does not keep: empty strings, lists and nulls, and false and 0 (see servedContainer). */
function servedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(servedValue);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const served = servedValue(item);
    if (served === '' || served === null || served === undefined || served === false || served === 0) continue;
    if (Array.isArray(served) && served.length === 0) continue;
    result[key] = served;
  }
  return result;
}

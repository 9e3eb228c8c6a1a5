// The shipped mesh proxy (deploy/examples/proxy-sidecarset.yaml) and the pod
// composition story, through a real kube-apiserver and `tandem webhook`:
// injection order and fields, per-pod overrides and their refusals as kubectl
// shows them, a Job's pod spec with the native proxy, and nginx + the tandem
// reloader + the proxy, composed from two SidecarSets, admitted by the
// restricted Pod Security profile. There is no kubelet: Envoy never runs here,
// so what is checked is the pod the apiserver stores (what a kubelet would run).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubectl, repoRoot } from './cluster-env.ts';
import { type Container, containerNames, create, createNamespace, INJECT_ANNOTATION, type KubeObject, mustSucceed, newRunId, pod, podsOf, type PodSpec, RUN_LABEL } from './support/cluster-objects.ts';
import { useWebhookSuite } from './support/webhook-fixture.ts';
import { eventually } from '../support/wait.ts';

jest.setTimeout(120_000);

const runId = newRunId();
const prefix = `it-${runId}-`;

function examples(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(repoRoot, 'deploy/examples', file), 'utf8')).map((document) => document.toJS() as KubeObject);
}

/**
 * A shipped SidecarSet under this run's name and limited to this run's pods,
 * so that other files' pods never meet it. Names keep their order
 * (tandem-proxy < tandem-proxy-capture < tandem-reloader).
 */
function forThisRun(set: KubeObject): KubeObject {
  const spec = set.spec as { selector: { matchLabels?: Record<string, string> } };
  return {
    ...set,
    metadata: { name: `${prefix}${set.metadata.name ?? ''}` },
    spec: { ...spec, selector: { ...spec.selector, matchLabels: { ...spec.selector.matchLabels, [RUN_LABEL]: runId } } },
  };
}

const proxySets = examples('proxy-sidecarset.yaml').filter((object) => object.kind === 'SidecarSet');
const reloaderSet = examples('reloader-sidecarset.yaml').find((object) => object.kind === 'SidecarSet');
const sets = [...proxySets, reloaderSet!].map(forThisRun);
const [proxy = '', capture = '', reloader = ''] = sets.map((set) => set.metadata.name ?? '');

const suite = useWebhookSuite(runId, sets);
let namespace: string;

beforeAll(() => {
  namespace = suite.namespace;
});

type Pod = KubeObject & { spec: PodSpec };
type FullContainer = Container & Record<string, unknown>;

function created(result: ReturnType<typeof create>): Pod {
  expect(result.stderr).not.toContain('denied');
  expect(result.code).toBe(0);
  return result.object as Pod;
}

function initContainer(spec: PodSpec, name: string): FullContainer {
  const found = spec.initContainers?.find((container) => container.name === name);
  if (found === undefined) throw new Error(`no init container ${name} in ${JSON.stringify(spec)}`);
  return found as FullContainer;
}

describe('the tandem-proxy SidecarSet', () => {
  it('is injected as a native sidecar ahead of the app\'s init containers, with its probes, drain and bootstrap volume', () => {
    const result = create(namespace, pod({
      name: 'proxied',
      runId,
      annotations: { [INJECT_ANNOTATION]: proxy },
      initContainers: [{ name: 'migrate', image: 'registry.example/migrate:1' }],
    }));
    const spec = created(result).spec;
    expect(containerNames(spec)).toEqual({ containers: ['app'], initContainers: ['tandem-proxy', 'migrate'] });
    const envoy = initContainer(spec, 'tandem-proxy');
    expect(envoy).toMatchObject({
      restartPolicy: 'Always',
      startupProbe: { httpGet: { path: '/ready', port: 15021 } },
      readinessProbe: { httpGet: { path: '/ready', port: 15021 } },
      lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', expect.stringContaining('POST /drain_listeners?graceful&inboundonly')] } } },
      // The apiserver adds the ServiceAccount token's mount after it.
      volumeMounts: expect.arrayContaining([{ name: 'tandem-proxy-bootstrap', mountPath: '/etc/tandem-proxy', readOnly: true }]),
      env: [{ name: 'PROXY_CONCURRENCY', value: '2' }],
    });
    expect(envoy.args).toEqual(expect.arrayContaining(['--concurrency', '$(PROXY_CONCURRENCY)']));
    expect(spec.volumes).toEqual(expect.arrayContaining([{ name: 'tandem-proxy-bootstrap', configMap: { name: 'tandem-proxy', defaultMode: 420 } }]));
    // The proxy never needs the app's processes: the pod's setting is left alone.
    expect(spec.shareProcessNamespace).toBeUndefined();
  });

  it('takes per-pod overrides from annotations: resources and the concurrency flag', () => {
    const result = create(namespace, pod({
      name: 'proxied-overrides',
      runId,
      annotations: {
        [INJECT_ANNOTATION]: proxy,
        'proxy.tandem.dev/memory-limit': '512Mi',
        'proxy.tandem.dev/cpu-request': '250m',
        'proxy.tandem.dev/concurrency': '4',
      },
    }));
    const envoy = initContainer(created(result).spec, 'tandem-proxy');
    expect(envoy.resources).toEqual({ requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '512Mi' } });
    expect(envoy.env).toEqual([{ name: 'PROXY_CONCURRENCY', value: '4' }]);
  });

  it.each([
    ['proxy.tandem.dev/memory-limit', '2Gi', 'is invalid: it is above the maximum 1Gi that the SidecarSet allows'],
    ['proxy.tandem.dev/concurrency', 'auto', 'is invalid: it must be a non-negative integer'],
    ['proxy.tandem.dev/memory-request', '300Mi', 'would make container "tandem-proxy" request memory 300Mi, above its limit 256Mi'],
  ])('rejects a pod annotated %s=%s, and kubectl says why', (key, value, reason) => {
    const name = `refused-${value.toLowerCase()}`;
    // `kubectl run`, as docs/proxy.md shows it.
    const result = kubectl(['run', name, '-n', namespace, '--image=registry.example/app:1', `--labels=${RUN_LABEL}=${runId}`, `--annotations=${INJECT_ANNOTATION}=${proxy}`, `--annotations=${key}=${value}`]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      `Error from server (BadRequest): admission webhook "inject.tandem.dev" denied the request: tandem: SidecarSet "${proxy}": annotation ${key}="${value}" ${reason}\n`,
    );
    expect(kubectl(['get', 'pod', '-n', namespace, name]).code).not.toBe(0);
  });

  it('warns about a misspelt override annotation, naming those the sets declare', () => {
    const result = create(namespace, pod({ name: 'misspelt', runId, annotations: { [INJECT_ANNOTATION]: proxy, 'proxy.tandem.dev/memory-limt': '512Mi' } }));
    expect(created(result).metadata.name).toBe('misspelt');
    expect(result.warnings).toEqual([expect.stringMatching(/^Warning: tandem: annotation proxy.tandem.dev\/memory-limt is not an override of the injected SidecarSets \(they declare proxy.tandem.dev\/concurrency, /)]);
  });

  it('shows the refusal of a Deployment\'s pods as a FailedCreate event of its ReplicaSet', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'refused' },
      spec: {
        selector: { matchLabels: { app: 'refused' } },
        template: {
          metadata: { labels: { app: 'refused', [RUN_LABEL]: runId }, annotations: { [INJECT_ANNOTATION]: proxy, 'proxy.tandem.dev/memory-limit': '2Gi' } },
          spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }] },
        },
      },
    };
    mustSucceed(kubectl(['create', '-n', namespace, '-f', '-'], JSON.stringify(deployment)), 'create deployment');
    const events = await eventually(
      () => kubectl(['get', 'events', '-n', namespace, '--field-selector', 'reason=FailedCreate', '-o', 'jsonpath={.items[*].message}']).stdout,
      (text) => text.includes('proxy.tandem.dev/memory-limit'),
    );
    expect(events).toContain(`admission webhook "inject.tandem.dev" denied the request: tandem: SidecarSet "${proxy}": annotation proxy.tandem.dev/memory-limit="2Gi" is invalid`);
  });

  it('gives a Job\'s pod the proxy as a native sidecar, so the Job completes when its app does', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'proxied-job', labels: { [RUN_LABEL]: runId } },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels: { [RUN_LABEL]: runId, job: 'proxied' }, annotations: { [INJECT_ANNOTATION]: proxy } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'batch', image: 'registry.example/batch:1' }] },
        },
      },
    };
    mustSucceed(kubectl(['create', '-n', namespace, '-f', '-'], JSON.stringify(job)), 'create job');
    // The Job controller creates the pod a moment after the Job.
    const listed = await eventually(() => podsOf(namespace, `${RUN_LABEL}=${runId},job=proxied`), (items) => items.length > 0);
    expect(listed).toHaveLength(1);
    const spec = listed[0]!.spec;
    // The kubelet ends the pod once every regular container has exited: the proxy is not one of them.
    expect(spec.restartPolicy).toBe('Never');
    expect(containerNames(spec)).toEqual({ containers: ['batch'], initContainers: ['tandem-proxy'] });
    expect(initContainer(spec, 'tandem-proxy').restartPolicy).toBe('Always');
  });
});

describe('pod composition: nginx + the tandem reloader + the proxy', () => {
  const restricted = `${prefix}restricted`;
  const baseline = `${prefix}baseline`;
  const composed = examples('composed-workload.yaml').find((object) => object.kind === 'Deployment');
  const template = (composed?.spec as { template: { metadata: KubeObject['metadata']; spec: PodSpec } }).template;

  function composedPod(name: string, sets: string): KubeObject {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: { ...template.metadata.labels, [RUN_LABEL]: runId },
        annotations: { ...template.metadata.annotations, [INJECT_ANNOTATION]: sets },
      },
      // The default ServiceAccount: Pod Security does not look at it, and the example's "web" does not exist here.
      spec: { ...template.spec, serviceAccountName: 'default' },
    };
  }

  beforeAll(async () => {
    await createNamespace(restricted, { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' });
    suite.namespaces.push(restricted);
    await createNamespace(baseline, { 'pod-security.kubernetes.io/enforce': 'baseline' });
    suite.namespaces.push(baseline);
  });

  afterAll(() => {
    kubectl(['delete', 'pods', '--all', '-n', restricted, '--grace-period=0', '--wait=false']);
  });

  it('injects both sets into one pod that the restricted profile admits', () => {
    const result = create(restricted, composedPod('web', `${proxy},${reloader}`));
    expect(result.warnings).toEqual([]);
    const spec = created(result).spec;
    // Name order: the proxy is Ready before the reloader renders, and both before nginx starts.
    expect(containerNames(spec)).toEqual({ containers: ['nginx'], initContainers: ['tandem-proxy', 'tandem-reloader'] });
    expect(spec.shareProcessNamespace).toBe(true);
    expect(initContainer(spec, 'tandem-reloader')).toMatchObject({ restartPolicy: 'Always', securityContext: { runAsUser: 101 } });
    expect(initContainer(spec, 'tandem-proxy')).toMatchObject({ restartPolicy: 'Always', securityContext: { runAsUser: 1337 } });
    expect((result.object?.metadata.annotations ?? {})['proxy.tandem.dev/memory-limit']).toBe('384Mi');
    expect(initContainer(spec, 'tandem-proxy').resources).toMatchObject({ limits: { memory: '384Mi' } });
  });

  it('is refused by the restricted profile with traffic capture, which needs root and NET_ADMIN (the check is real)', () => {
    const result = create(restricted, composedPod('web-captured', `${proxy},${capture},${reloader}`));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('violates PodSecurity "restricted:latest"');
    expect(result.stderr).toContain('tandem-proxy-capture');
  });

  it('is refused by the baseline profile too: NET_ADMIN and NET_RAW are beyond its capabilities, so capture needs a privileged namespace', () => {
    const result = create(baseline, composedPod('web-captured', `${proxy},${capture},${reloader}`));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('violates PodSecurity "baseline:latest"');
    expect(result.stderr).toContain('container "tandem-proxy-capture" must not include "NET_ADMIN", "NET_RAW"');
  });

  it('gets traffic capture in a namespace that allows it, with per-pod exclusions passed to iptables', () => {
    const result = create(namespace, composedPod('web-captured', `${proxy},${capture},${reloader}`));
    const spec = created(result).spec;
    expect(containerNames(spec).initContainers).toEqual(['tandem-proxy', 'tandem-proxy-capture', 'tandem-reloader']);
    const excluded = composedPod('web-excluded', `${proxy},${capture},${reloader}`);
    excluded.metadata.annotations = {
      ...excluded.metadata.annotations,
      'proxy.tandem.dev/exclude-outbound-ports': '5432, 6379',
      'proxy.tandem.dev/exclude-outbound-cidrs': '10.96.0.1/32',
    };
    const withExclusions = create(namespace, excluded);
    const iptables = initContainer(created(withExclusions).spec, 'tandem-proxy-capture');
    expect(iptables.env).toEqual([
      // The apiserver drops an empty value; the variable is still defined, and $(NAME) expands to nothing.
      { name: 'EXCLUDE_INBOUND_PORTS' },
      { name: 'EXCLUDE_OUTBOUND_PORTS', value: '5432,6379' },
      { name: 'EXCLUDE_OUTBOUND_CIDRS', value: '10.96.0.1/32' },
    ]);
    expect(iptables.args).toEqual(expect.arrayContaining(['-o', '$(EXCLUDE_OUTBOUND_PORTS)', '-x', '$(EXCLUDE_OUTBOUND_CIDRS)']));
  });
});

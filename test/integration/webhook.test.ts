// The webhook through a real kube-apiserver: `tandem webhook` runs as a local
// process in cluster mode (informers on SidecarSets and Namespaces), and the
// apiserver calls it through the chart's own MutatingWebhookConfiguration
// (url mode, test CA). Pods made by kubectl and by the controller-manager
// (Deployment, StatefulSet, Job) come out injected and kwok runs them; the
// opt-in rules, the exclusions of the registration, admission warnings and
// live SidecarSet/namespace changes are checked as a user would see them.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl, kubectlApply } from './cluster-env.ts';
import { containerNames, create, createNamespace, type CreateResult, INJECT_ANNOTATION, INJECTED_LABEL, type KubeObject, mustSucceed, newRunId, pod, podLabels, podsOf, type PodSpec, podSpec, RECORD_ANNOTATION, RELEASE_NAMESPACE, RUN_LABEL, sidecarSet, untilPodsReady } from './support/cluster-objects.ts';
import { metricTotal } from './support/logged-process.ts';
import { meshSidecarSet, useWebhookSuite } from './support/webhook-fixture.ts';
import type { WebhookProcess } from './support/webhook-process.ts';
import { eventually } from '../support/wait.ts';

// The integration project's testTimeout is not applied (jest reads it only globally).
jest.setTimeout(120_000);

const runId = newRunId();
const mesh = meshSidecarSet(runId);
const meshSet = mesh.metadata.name ?? '';
const alwaysSet = `it-${runId}-always`;
const lateSet = `it-${runId}-late`;
let createdReleaseNamespace = false;

type Pod = KubeObject & { spec: PodSpec };

/** injectionPolicy Always, limited to this run's pods labelled always=true. */
const always = sidecarSet(alwaysSet, {
  selector: { matchLabels: { [RUN_LABEL]: runId, 'tandem.test/always': 'true' } },
  injectionPolicy: 'Always',
  containers: [{ name: 'it-always', image: 'registry.example/it/always:1' }],
});

const suite = useWebhookSuite(runId, [mesh, always]);
let namespace: string;
let webhook: WebhookProcess;

beforeAll(() => {
  ({ namespace, webhook } = suite);
});

afterAll(() => {
  kubectl(['delete', 'sidecarset', lateSet, '--ignore-not-found']);
  kubectl(['delete', 'pod', '-n', 'kube-system', '-l', `${RUN_LABEL}=${runId}`, '--grace-period=0', '--wait=false']);
  if (createdReleaseNamespace) kubectl(['delete', 'namespace', RELEASE_NAMESPACE, '--wait=false']);
  else kubectl(['delete', 'pod', '-n', RELEASE_NAMESPACE, '-l', `${RUN_LABEL}=${runId}`, '--grace-period=0', '--wait=false']);
});

/**
 * Warnings about this run's sets. Pods that opt in with "true" also meet every
 * other SidecarSet on the cluster (e.g. the demo's, which may warn that it
 * cannot apply), so only these are asserted on.
 */
function ownWarnings(result: CreateResult): string[] {
  return result.warnings.filter((warning) => warning.includes(`it-${runId}-`));
}

function expectMeshInjected(spec: PodSpec, metadata: KubeObject['metadata']): void {
  expect(metadata.labels?.[INJECTED_LABEL]).toBe('true');
  expect(metadata.annotations?.[RECORD_ANNOTATION]).toContain(meshSet);
  expect(spec.shareProcessNamespace).toBe(true);
  const names = containerNames(spec);
  expect(names.initContainers).toEqual(expect.arrayContaining(['it-certs', 'it-proxy']));
  expect(names.containers).toContain('app');
  expect(names.containers).not.toContain('it-proxy');
  expect(spec.initContainers?.find((c) => c.name === 'it-proxy')?.restartPolicy).toBe('Always');
}

function expectUntouched(created: Pod): void {
  expect(created.metadata.labels?.[INJECTED_LABEL]).toBeUndefined();
  expect(created.metadata.annotations?.[RECORD_ANNOTATION]).toBeUndefined();
  expect(containerNames(created.spec)).toEqual({ containers: ['app'], initContainers: [] });
  expect(created.spec.shareProcessNamespace).toBeUndefined();
}

/** "namespace/name" (or generateName) of every pod the webhook logged an admission for. */
function admitted(): string[] {
  return webhook
    .logLines()
    .filter((line) => line.msg === 'admitted pod')
    .map((line) => `${String(line.namespace)}/${String(line.name ?? line.generateName)}`);
}

let controls = 0;
/**
 * What the webhook has admitted, up to now: creates a control pod and waits
 * until the webhook's log (buffered for up to 0.5 s) shows it, so every
 * earlier admission is in the log too.
 */
async function admittedUpToNow(): Promise<string[]> {
  const name = `control-${++controls}`;
  mustSucceed(create(namespace, pod({ name, runId, annotations: { [INJECT_ANNOTATION]: 'true' } })), 'create a control pod');
  const lines = await eventually(admitted, (names) => names.includes(`${namespace}/${name}`), 10_000);
  expect(lines).toContain(`${namespace}/${name}`);
  return lines;
}

describe('pods through the real apiserver', () => {
  it('injects a Pod, which is scheduled onto a kwok node and turns Running and Ready', async () => {
    const result = create(namespace, pod({ name: 'plain', runId, labels: { test: 'plain' }, annotations: { [INJECT_ANNOTATION]: 'true' } }));
    expect(result.code).toBe(0);
    expect(ownWarnings(result)).toEqual([]);
    const created = result.object as Pod;
    expectMeshInjected(created.spec, created.metadata);
    expect(created.metadata.annotations?.['kubectl.kubernetes.io/default-container']).toBe('app');
    const [running] = await untilPodsReady(namespace, `${RUN_LABEL}=${runId},test=plain`, 1);
    expect(running?.spec.nodeName).toMatch(/^kwok-node-/);
    // The webhook counts it by set.
    expect(metricTotal(await webhook.metrics(), `tandem_webhook_injections_total{sidecarset="${meshSet}"}`)).toBeGreaterThanOrEqual(1);
  });

  it('injects the pods a Deployment makes through the controller-manager', async () => {
    const labels = podLabels({ runId, labels: { test: 'deployment' } });
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels, annotations: { [INJECT_ANNOTATION]: meshSet } }, spec: podSpec({}) },
      },
    };
    mustSucceed(create(namespace, deployment), 'create the Deployment');
    const pods = await untilPodsReady(namespace, `${RUN_LABEL}=${runId},test=deployment`, 2);
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expectMeshInjected(p.spec, p.metadata);
      expect(p.spec.nodeName).toMatch(/^kwok-node-/);
    }
    const rollout = kubectl(['rollout', 'status', '-n', namespace, 'deployment/web', '--timeout=60s']);
    expect(rollout.code).toBe(0);
  });

  it('injects the pods of a StatefulSet', async () => {
    const labels = podLabels({ runId, labels: { test: 'statefulset' } });
    const statefulSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels, annotations: { [INJECT_ANNOTATION]: 'true' } }, spec: podSpec({}) },
      },
    };
    mustSucceed(create(namespace, statefulSet), 'create the StatefulSet');
    const [db] = await untilPodsReady(namespace, `${RUN_LABEL}=${runId},test=statefulset`, 1);
    expect(db?.metadata.name).toBe('db-0');
    expectMeshInjected((db as Pod).spec, (db as Pod).metadata);
  });

  it('injects the pod of a Job, native sidecar included, and the pod is scheduled', async () => {
    const labels = podLabels({ runId, labels: { test: 'job' } });
    const job: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'report' },
      spec: {
        backoffLimit: 0,
        template: { metadata: { labels, annotations: { [INJECT_ANNOTATION]: 'true' } }, spec: podSpec({ restartPolicy: 'Never' }) },
      },
    };
    const result = create(namespace, job);
    mustSucceed(result, 'create the Job');
    // Native sidecars never block a Job, so there is no warning about it.
    expect(ownWarnings(result)).toEqual([]);
    const pods = await eventually(
      () => podsOf(namespace, `${RUN_LABEL}=${runId},test=job`),
      ([only, ...rest]) => rest.length === 0 && only?.spec.nodeName !== undefined && ['Running', 'Succeeded'].includes(String(only.status?.phase)),
      60_000,
    );
    const [jobPod] = pods;
    expect(jobPod?.spec.nodeName).toMatch(/^kwok-node-/);
    expect(['Running', 'Succeeded']).toContain(jobPod?.status?.phase);
    expectMeshInjected((jobPod as Pod).spec, (jobPod as Pod).metadata);
  });

  it('adds the native sidecar as an init container with restartPolicy Always, ahead of the app\'s init containers', () => {
    const result = create(
      namespace,
      pod({ name: 'with-init', runId, annotations: { [INJECT_ANNOTATION]: 'true' }, initContainers: [{ name: 'app-init', image: 'registry.example/app-init:1' }] }),
    );
    const created = result.object as Pod;
    // The set's run-to-completion init container, its native sidecar, then the app's.
    expect(containerNames(created.spec)).toEqual({ initContainers: ['it-certs', 'it-proxy', 'app-init'], containers: ['app'] });
    expect(created.spec.initContainers?.map((c) => c.restartPolicy)).toEqual([undefined, 'Always', undefined]);
  });
});

describe('who is injected, and who is never sent to the webhook', () => {
  it('leaves pods annotated tandem.dev/inject: "false" alone, without calling the webhook (matchConditions)', async () => {
    const result = create(namespace, pod({ name: 'opted-out', runId, annotations: { [INJECT_ANNOTATION]: 'false' } }));
    expectUntouched(result.object as Pod);
    // Also with tandem.dev/injection=enabled on the namespace: the pod's "false" wins.
    const enabled = `tandem-it-${runId}-optout`;
    suite.namespaces.push(enabled);
    await createNamespace(enabled, { 'tandem.dev/injection': 'enabled' });
    expectUntouched(create(enabled, pod({ name: 'opted-out', runId, annotations: { [INJECT_ANNOTATION]: 'False' } })).object as Pod);
    // Spaces around the value: the engine trims them, so must the registration.
    expectUntouched(create(namespace, pod({ name: 'opted-out-spaced', runId, annotations: { [INJECT_ANNOTATION]: ' false ' } })).object as Pod);
    const calls = await admittedUpToNow();
    expect(calls).not.toContain(`${namespace}/opted-out`);
    expect(calls).not.toContain(`${enabled}/opted-out`);
    expect(calls).not.toContain(`${namespace}/opted-out-spaced`);
  });

  it('leaves namespaces labelled tandem.dev/injection=disabled alone, without calling the webhook', async () => {
    const disabled = `tandem-it-${runId}-disabled`;
    suite.namespaces.push(disabled);
    await createNamespace(disabled, { 'tandem.dev/injection': 'disabled' });
    expectUntouched(create(disabled, pod({ name: 'asked', runId, annotations: { [INJECT_ANNOTATION]: 'true' } })).object as Pod);
    expectUntouched(create(disabled, pod({ name: 'always', runId, labels: { 'tandem.test/always': 'true' } })).object as Pod);
    expect((await admittedUpToNow()).filter((call) => call.startsWith(`${disabled}/`))).toEqual([]);
  });

  it('never sends pods of kube-system or of its own namespace (tandem-system) to the webhook', async () => {
    if (kubectl(['get', 'namespace', RELEASE_NAMESPACE]).code !== 0) {
      await createNamespace(RELEASE_NAMESPACE);
      createdReleaseNamespace = true;
    }
    for (const excluded of ['kube-system', RELEASE_NAMESPACE]) {
      const name = `tandem-it-${runId}-excluded`;
      const result = create(excluded, pod({ name, runId, annotations: { [INJECT_ANNOTATION]: 'true' }, labels: { 'tandem.test/always': 'true' } }));
      expect(result.stderr).toBe('');
      expectUntouched(result.object as Pod);
      kubectl(['delete', 'pod', '-n', excluded, name, '--grace-period=0', '--wait=false']);
    }
    const calls = await admittedUpToNow();
    expect(calls.filter((call) => call.startsWith('kube-system/') || call.startsWith(`${RELEASE_NAMESPACE}/`))).toEqual([]);
  });

  it('injects pods without the annotation in a namespace labelled tandem.dev/injection=enabled', async () => {
    const enabled = `tandem-it-${runId}-enabled`;
    suite.namespaces.push(enabled);
    await createNamespace(enabled, { 'tandem.dev/injection': 'enabled' });
    const created = create(enabled, pod({ name: 'no-annotation', runId })).object as Pod;
    expectMeshInjected(created.spec, created.metadata);
    // In an ordinary namespace the same pod is not opted in.
    expectUntouched(create(namespace, pod({ name: 'no-annotation', runId })).object as Pod);
  });

  it('injects an injectionPolicy: Always set without any opt-in', () => {
    const created = create(namespace, pod({ name: 'always', runId, labels: { 'tandem.test/always': 'true' } })).object as Pod;
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    // Only the Always set (a native sidecar on 1.36): the OptIn mesh set was not asked for.
    expect(containerNames(created.spec)).toEqual({ initContainers: ['it-always'], containers: ['app'] });
    expect(created.metadata.annotations?.[RECORD_ANNOTATION]).toContain(alwaysSet);
    expect(created.metadata.annotations?.[RECORD_ANNOTATION]).not.toContain(meshSet);
  });

  it('passes admission warnings to the client: kubectl prints "Warning: tandem: ..." for an unknown set name', () => {
    const unknown = `it-${runId}-no-such-set`;
    const result = create(namespace, pod({ name: 'typo', runId, annotations: { [INJECT_ANNOTATION]: `${meshSet},${unknown}` } }));
    expect(result.code).toBe(0);
    expect(result.warnings).toEqual([expect.stringMatching(new RegExp(`^Warning: tandem: .*${unknown}`))]);
    // The names that do exist are still injected.
    expectMeshInjected((result.object as Pod).spec, (result.object as Pod).metadata);
  });
});

describe('SidecarSets and namespaces are read live from the cluster (informers)', () => {
  const latePod = (name: string): KubeObject =>
    pod({ name, runId, labels: { 'tandem.test/late': 'true' }, annotations: { [INJECT_ANNOTATION]: 'true' } });
  const imageOf = (created: Pod | undefined): string | undefined => created?.spec.containers.find((c) => c.name === 'it-late')?.image;

  it('applies a new SidecarSet to the next pod, without restarting the webhook', async () => {
    expect(imageOf(create(namespace, latePod('before-late')).object as Pod)).toBeUndefined();
    kubectlApply(
      sidecarSet(lateSet, {
        selector: { matchLabels: { [RUN_LABEL]: runId, 'tandem.test/late': 'true' } },
        nativeSidecars: 'Never',
        containers: [{ name: 'it-late', image: 'registry.example/it/late:1' }],
      }),
    );
    // The informer's lag is milliseconds; retried with server-side dry-runs.
    const result = await eventually(() => create(namespace, latePod('after-late'), { dryRun: true }), (r) => imageOf(r.object as Pod) !== undefined, 10_000);
    expect(imageOf(result.object as Pod)).toBe('registry.example/it/late:1');
    expect(process.kill(webhook.pid, 0)).toBe(true);
  });

  it('uses a changed SidecarSet (new image) for the next pod', async () => {
    mustSucceed(
      kubectl(['patch', 'sidecarset', lateSet, '--type=json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/containers/0/image', value: 'registry.example/it/late:2' }])]),
      'patch the SidecarSet',
    );
    const result = await eventually(
      () => create(namespace, latePod('after-change'), { dryRun: true }),
      (r) => imageOf(r.object as Pod) === 'registry.example/it/late:2',
      10_000,
    );
    expect(imageOf(result.object as Pod)).toBe('registry.example/it/late:2');
    const stored = create(namespace, latePod('after-change')).object as Pod;
    expect(imageOf(stored)).toBe('registry.example/it/late:2');
  });

  it('honours a namespace label set just before the pod is created', async () => {
    const relabelled = `tandem-it-${runId}-relabel`;
    suite.namespaces.push(relabelled);
    await createNamespace(relabelled);
    // No opt-in yet (and the webhook has seen the namespace: its pod was admitted).
    expectUntouched(create(relabelled, pod({ name: 'before-label', runId })).object as Pod);
    mustSucceed(kubectl(['label', 'namespace', relabelled, 'tandem.dev/injection=enabled']), 'label the namespace');
    const created = create(relabelled, pod({ name: 'after-label', runId })).object as Pod;
    expectMeshInjected(created.spec, created.metadata);
  });
});

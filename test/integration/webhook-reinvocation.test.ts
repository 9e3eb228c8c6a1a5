// reinvocationPolicy: IfNeeded with a second mutating webhook that changes
// pods after Tandem (configurations are called in name order, and the second
// one's name sorts after Tandem's): the apiserver calls Tandem again, Tandem
// sees its own injection record, answers without a patch, and nothing is
// injected twice. The same when the pod's template already carries Tandem's
// injection, written by `tandem inject`: the API server's defaults and token
// mounts in between are no change, so the injection stands as written.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl, kubectlApply, repoRoot } from './cluster-env.ts';
import { containerNames, create, INJECT_ANNOTATION, INJECTED_LABEL, RECORD_ANNOTATION, type KubeObject, mustSucceed, newRunId, OWNER_PID_LABEL, pod, podLabels, type PodSpec, podSpec, RUN_LABEL, untilPodsReady } from './support/cluster-objects.ts';
import { type LoggedProcess, spawnLogged } from './support/logged-process.ts';
import { meshSidecarSet, useWebhookSuite } from './support/webhook-fixture.ts';
import { untilRegistrationActive } from './support/webhook-registration.ts';
import { eventually } from '../support/wait.ts';

jest.setTimeout(120_000);

type Pod = KubeObject & { spec: PodSpec };
const runId = newRunId();
/** Set by support/second-webhook.ts. */
const SECOND_ANNOTATION = 'tandem.test/second-webhook';
const mesh = meshSidecarSet(runId);
const suite = useWebhookSuite(runId, [mesh]);
let second: LoggedProcess | undefined;
let secondName: string | undefined;

beforeAll(async () => {
  second = spawnLogged([join(import.meta.dirname, 'support/second-webhook.ts'), suite.pki.certFile, suite.pki.keyFile], join(suite.pki.dir, 'second.log'));
  const { port } = await second.untilLine((line) => typeof line.port === 'number', 30_000);
  secondName = `zz-${suite.release}-second`;
  kubectlApply({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: secondName, labels: { [RUN_LABEL]: runId, [OWNER_PID_LABEL]: String(process.pid) } },
    webhooks: [
      {
        name: 'second.tandem.test',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        failurePolicy: 'Fail',
        timeoutSeconds: 5,
        reinvocationPolicy: 'Never',
        rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Namespaced' }],
        objectSelector: { matchLabels: { [RUN_LABEL]: runId } },
        clientConfig: {
          url: `https://127.0.0.1:${String(port)}/mutate`,
          caBundle: Buffer.from(suite.pki.caPem).toString('base64'),
        },
      },
    ],
  });
  await untilRegistrationActive(suite.namespace, runId, (result) => result.object?.metadata.annotations?.[SECOND_ANNOTATION] === 'called');
});

afterAll(async () => {
  if (secondName !== undefined) kubectl(['delete', 'mutatingwebhookconfiguration', secondName, '--ignore-not-found']);
  await second?.stop();
});

/** Tandem's log lines about one pod (by name, or by generateName for a workload's pods): one per call. */
function tandemCalls(namespace: string, name: string): { result: unknown; time: number }[] {
  return suite.webhook
    .logLines()
    .filter((line) => line.msg === 'admitted pod' && line.namespace === namespace && (line.name === name || (line.name === undefined && line.generateName === name)))
    .map((line) => ({ result: line.result, time: Date.parse(String(line.time)) }));
}

function expectInjectedOnce(spec: PodSpec): void {
  expect(containerNames(spec)).toEqual({ initContainers: ['it-certs', 'it-proxy'], containers: ['app', 'helper'] });
}

describe('reinvocationPolicy: IfNeeded with a second mutating webhook', () => {
  it('calls Tandem again after the second webhook changed the pod, and nothing is injected twice', async () => {
    const result = create(suite.namespace, pod({ name: 'reinvoked', runId, annotations: { [INJECT_ANNOTATION]: 'true' } }));
    mustSucceed(result, 'create the pod');
    const created = result.object as Pod;
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    expect(created.metadata.annotations?.[SECOND_ANNOTATION]).toBe('called');
    expectInjectedOnce(created.spec);
    const secondCalls = (second?.lines() ?? []).filter((line) => line.call === 'reinvoked');
    expect(secondCalls).toHaveLength(1);
    // Tandem's log (flushed within 0.5 s): injected, then, after the second
    // webhook added its container, called again, and it changed nothing.
    const calls = await eventually(() => tandemCalls(suite.namespace, 'reinvoked'), (lines) => lines.length >= 2, 5_000);
    expect(calls.map((call) => call.result)).toEqual(['injected', 'unchanged']);
    const secondAt = Number(secondCalls[0]?.time);
    expect(calls[0]?.time).toBeLessThanOrEqual(secondAt);
    expect(calls[1]?.time).toBeGreaterThanOrEqual(secondAt);
  });

  it('the same for the pods of a Deployment, which kwok runs', async () => {
    const labels = podLabels({ runId, labels: { test: 'reinvoked-deployment' } });
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'reinvoked' },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels, annotations: { [INJECT_ANNOTATION]: 'true' } }, spec: podSpec({}) },
      },
    };
    mustSucceed(create(suite.namespace, deployment), 'create the Deployment');
    const [running] = await untilPodsReady(suite.namespace, `${RUN_LABEL}=${runId},test=reinvoked-deployment`, 1);
    expectInjectedOnce((running as Pod).spec);
    expect(running?.metadata.annotations?.[SECOND_ANNOTATION]).toBe('called');
    // Still Tandem's: the second call found its own record proving what it added (the API server's defaults are no change).
    expect(running?.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    expect(running?.metadata.annotations?.[RECORD_ANNOTATION]).toContain(`"it-${runId}-mesh"`);
  });
});

describe('a Deployment whose template `tandem inject` already injected, with the webhook on', () => {
  it('keeps exactly that injection in its pods: Tandem finds its own record and changes nothing', async () => {
    const labels = podLabels({ runId, labels: { test: 'pre-injected' } });
    const deployment: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'pre-injected', namespace: suite.namespace },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels, annotations: { [INJECT_ANNOTATION]: 'true' } }, spec: podSpec({}) } },
    };
    const manifest = join(suite.pki.dir, 'pre-injected.yaml');
    const sets = join(suite.pki.dir, 'mesh-sidecarset.yaml');
    writeFileSync(manifest, JSON.stringify(deployment));
    writeFileSync(sets, JSON.stringify(mesh));
    const injected = spawnSync(process.execPath, [join(repoRoot, 'operator/cli/main.ts'), 'inject', '-f', manifest, '--sidecarsets', sets], { encoding: 'utf8' });
    expect(injected.stderr).toBe('');
    expect(injected.status).toBe(0);
    mustSucceed(kubectl(['create', '-f', '-'], injected.stdout), 'create the injected Deployment');
    const [running] = await untilPodsReady(suite.namespace, `${RUN_LABEL}=${runId},test=pre-injected`, 1);
    expectInjectedOnce((running as Pod).spec);
    expect(running?.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    // Called before and after the second webhook; both times the pod was already as Tandem would make it.
    const calls = await eventually(() => tandemCalls(suite.namespace, String(running?.metadata.generateName)), (lines) => lines.length >= 2, 5_000);
    expect(calls.map((call) => call.result)).toEqual(['unchanged', 'unchanged']);
  });
});

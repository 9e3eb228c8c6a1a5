// With the webhook process stopped, pod creation follows the registration's
// failurePolicy: Ignore (the chart's default) creates pods without sidecars,
// Fail refuses them, and pods that opted out are created either way because
// the matchConditions keep them from ever being sent to the webhook.
import { describe, expect, it, jest } from '@jest/globals';
import { kubectl } from './cluster-env.ts';
import { containerNames, create, createNamespace, INJECT_ANNOTATION, INJECTED_LABEL, type KubeObject, newRunId, pod, type PodSpec } from './support/cluster-objects.ts';
import { meshSidecarSet, useWebhookSuite } from './support/webhook-fixture.ts';
import { eventually } from '../support/wait.ts';

jest.setTimeout(120_000);

type Pod = KubeObject & { spec: PodSpec };
const runId = newRunId();
const suite = useWebhookSuite(runId, [meshSidecarSet(runId)]);

const optedIn = (name: string): KubeObject => pod({ name, runId, annotations: { [INJECT_ANNOTATION]: 'true' } });
const refusal = /failed calling webhook "inject\.tandem\.dev"/;

describe('when the webhook is down, pod creation follows failurePolicy', () => {
  it('injects while the webhook runs', () => {
    const created = create(suite.namespace, optedIn('while-up')).object as Pod;
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    expect(containerNames(created.spec).initContainers).toEqual(['it-certs', 'it-proxy']);
  });

  it('failurePolicy Ignore (the chart default): pods are created, without sidecars', async () => {
    await suite.webhook.stop();
    expect(() => process.kill(suite.webhook.pid, 0)).toThrow();
    const started = Date.now();
    const result = create(suite.namespace, optedIn('while-down'));
    expect(result.code).toBe(0);
    const created = result.object as Pod;
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBeUndefined();
    expect(containerNames(created.spec)).toEqual({ containers: ['app'], initContainers: [] });
    // A refused connection fails at once: no wait for the 5 s timeout.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('failurePolicy Fail: pod creation is refused', async () => {
    suite.register('Fail');
    const refused = await eventually(() => create(suite.namespace, optedIn('refused'), { dryRun: true }), (r) => r.code !== 0, 30_000);
    expect(refused.stderr).toMatch(refusal);
    const result = create(suite.namespace, optedIn('refused'));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(refusal);
    expect(kubectl(['get', 'pod', '-n', suite.namespace, 'refused']).code).not.toBe(0);
    // Not only opted-in pods: every pod the registration selects waits on Tandem.
    expect(create(suite.namespace, pod({ name: 'plain', runId })).stderr).toMatch(refusal);
  });

  it('failurePolicy Fail: opted-out pods and disabled namespaces are still created', async () => {
    const optedOut = create(suite.namespace, pod({ name: 'opted-out', runId, annotations: { [INJECT_ANNOTATION]: 'false' } }));
    expect(optedOut.stderr).toBe('');
    expect(optedOut.code).toBe(0);
    const disabled = `${suite.namespace}-disabled`;
    suite.namespaces.push(disabled);
    await createNamespace(disabled, { 'tandem.dev/injection': 'disabled' });
    const inDisabled = create(disabled, optedIn('in-disabled'));
    expect(inDisabled.stderr).toBe('');
    expect(inDisabled.code).toBe(0);
  });
});

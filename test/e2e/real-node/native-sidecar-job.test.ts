// A Job with a native sidecar, on the real node: Tandem injects the sidecar
// as an init container with restartPolicy Always, ahead of the app's own init
// containers; the kubelet starts it first and starts the app's init container
// only once the sidecar's startup probe passed (container start times prove
// the order); when the app exits, the kubelet stops the sidecar and the Job
// completes (a classic sidecar would keep it running forever).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { eventually, kubectl } from '../../integration/cluster-env.ts';
import { mustSucceed, newRunId, RUN_LABEL, setUpWebhookSuite, sidecarSet, type WebhookSuite } from '../../integration/support/webhook-fixture.ts';
import { describeOnRealNode } from './support/describe-on-real-node.ts';
import { loadImage, onRealNode } from './support/real-node.ts';
import { listPods, statuses, type PodObject } from './support/pods.ts';

const runId = newRunId();

describeOnRealNode('a Job with a native sidecar on the real node', (node) => {
  let suite: WebhookSuite | undefined;
  let finished: PodObject;

  beforeAll(async () => {
    const toolbox = loadImage(node, 'toolbox');
    const set = sidecarSet(`rn-${runId}-agent`, {
      selector: { matchLabels: { [RUN_LABEL]: runId } },
      injectionPolicy: 'Always',
      nativeSidecars: 'Always',
      containers: [
        {
          name: 'agent',
          image: toolbox.ref,
          imagePullPolicy: 'Never',
          // Ready a second after it starts, so an init container that waited for it starts later.
          command: ['sh', '-c', 'sleep 1; touch /tmp/agent-ready; exec sleep 100000'],
          startupProbe: { exec: { command: ['test', '-f', '/tmp/agent-ready'] }, periodSeconds: 1, failureThreshold: 30 },
        },
      ],
    });
    suite = await setUpWebhookSuite(runId, [set]);
    const { namespace } = suite;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'report', namespace },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels: { [RUN_LABEL]: runId, app: 'report' } },
          spec: {
            ...onRealNode(node),
            restartPolicy: 'Never',
            terminationGracePeriodSeconds: 1,
            initContainers: [{ name: 'prepare', image: toolbox.ref, imagePullPolicy: 'Never', command: ['sh', '-c', 'sleep 1'] }],
            containers: [{ name: 'report', image: toolbox.ref, imagePullPolicy: 'Never', command: ['sh', '-c', 'sleep 2; echo done'] }],
          },
        },
      },
    };
    mustSucceed(kubectl(['apply', '-f', '-'], JSON.stringify(job)), 'create the Job');
    const complete = kubectl(['wait', '--for=condition=Complete', '--timeout=180s', 'job/report', '-n', namespace]);
    mustSucceed(complete, `Job report completes (${kubectl(['get', 'pods', '-n', namespace, '-o', 'wide']).stdout})`);
    const pods = await eventually(() => listPods(namespace, 'app=report'), (found) => found[0]?.status.phase === 'Succeeded', 60_000);
    const pod = pods[0];
    if (pod === undefined) throw new Error('no pod of the Job');
    finished = pod;
  }, 900_000);

  afterAll(async () => {
    await suite?.tearDown();
  }, 120_000);

  it('ran on the real node, with the sidecar first among the init containers as a native sidecar', () => {
    expect(finished.spec.nodeName).toBe(node.name);
    expect(finished.spec.initContainers?.map((c) => [c.name, c.restartPolicy ?? ''])).toEqual([
      ['agent', 'Always'],
      ['prepare', ''],
    ]);
    expect(finished.status.phase).toBe('Succeeded');
  });

  it('started the sidecar before the init container, which finished before the app started', () => {
    const state = (name: string): { startedAt: string; finishedAt: string; exitCode: number } => {
      const terminated = statuses(finished).find((s) => s.name === name)?.state?.terminated;
      if (terminated === undefined) throw new Error(`container ${name} has not terminated: ${JSON.stringify(statuses(finished))}`);
      return terminated;
    };
    const agent = state('agent');
    const prepare = state('prepare');
    const report = state('report');
    expect(Date.parse(agent.startedAt)).toBeLessThan(Date.parse(prepare.startedAt));
    expect(Date.parse(prepare.finishedAt)).toBeLessThanOrEqual(Date.parse(report.startedAt));
    expect([prepare.exitCode, report.exitCode]).toEqual([0, 0]);
    // The kubelet stopped the sidecar after the app exited: it ran as long as the app, no longer.
    expect(Date.parse(agent.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.finishedAt));
  });
});

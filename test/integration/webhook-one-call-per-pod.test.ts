// With Tandem as the only mutating webhook, the apiserver calls it once per
// pod. It reinvokes an IfNeeded webhook when the object changed after the
// webhook's last call: its in-tree admission plugins run again in that
// second round, and the ServiceAccount plugin mounts the token volume into
// every container that lacks it, so into freshly injected sidecars. Tandem
// gives its containers that mount itself (ADR 0009), so the second round
// finds nothing to change and skips the webhook. Counted with the webhook's
// own tandem_webhook_admissions_total and by its per-call log lines.
import { describe, expect, it, jest } from '@jest/globals';
import { create, INJECT_ANNOTATION, INJECTED_LABEL, mustSucceed, newRunId, pod, type KubeObject } from './support/cluster-objects.ts';
import { metricTotal } from './support/logged-process.ts';
import { meshSidecarSet, useWebhookSuite } from './support/webhook-fixture.ts';

jest.setTimeout(120_000);

const runId = newRunId();
const suite = useWebhookSuite(runId, [meshSidecarSet(runId)]);
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

interface Mount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}
interface Container {
  name: string;
  volumeMounts?: Mount[];
}
type Pod = KubeObject & { spec: { containers: Container[]; initContainers?: Container[]; volumes?: { name: string }[] } };

async function admissions(): Promise<number> {
  return metricTotal(await suite.webhook.metrics(), 'tandem_webhook_admissions_total');
}

/** Creates one opted-in pod; returns it as stored and how many times the apiserver called Tandem for it. */
async function createCounting(name: string, spec: Record<string, unknown> = {}): Promise<{ created: Pod; calls: number }> {
  const before = await admissions();
  const object = pod({ name, runId, annotations: { [INJECT_ANNOTATION]: 'true' } });
  object.spec = { ...object.spec, ...spec };
  const result = create(suite.namespace, object);
  mustSucceed(result, `create pod ${name}`);
  return { created: result.object as Pod, calls: (await admissions()) - before };
}

function tokenMounts(created: Pod): Record<string, string | undefined> {
  const all = [...(created.spec.initContainers ?? []), ...created.spec.containers];
  return Object.fromEntries(all.map((container) => [container.name, container.volumeMounts?.find((mount) => mount.mountPath === TOKEN_PATH)?.name]));
}

describe('one admission per pod', () => {
  it('calls Tandem once for a pod that mounts its service account token, and every container mounts it', async () => {
    const { created, calls } = await createCounting('with-token');
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    expect(calls).toBe(1);
    const volume = created.spec.volumes?.find((candidate) => candidate.name.startsWith('kube-api-access-'))?.name;
    expect(volume).toBeDefined();
    expect(tokenMounts(created)).toEqual({ 'it-certs': volume, 'it-proxy': volume, app: volume });
  });

  it('calls Tandem once for a pod without the token, and no container mounts one', async () => {
    const { created, calls } = await createCounting('without-token', { automountServiceAccountToken: false });
    expect(created.metadata.labels?.[INJECTED_LABEL]).toBe('true');
    expect(calls).toBe(1);
    expect(tokenMounts(created)).toEqual({ 'it-certs': undefined, 'it-proxy': undefined, app: undefined });
  });
});

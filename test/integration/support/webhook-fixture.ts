// The webhook suites' fixture: one file's set-up of SidecarSets, `tandem
// webhook` in cluster mode (webhook-process.ts) and its registration from
// the chart (webhook-registration.ts, which explains how a run is isolated).
import { afterAll, beforeAll } from '@jest/globals';
import { join } from 'node:path';
import { createTestPki, type TestPki } from '../../support/test-certificate.ts';
import { kubeconfigPath, kubectl, kubectlApply } from '../cluster-env.ts';
import { createNamespace, deleteNamespaces, INJECTED_LABEL, removeDir, RUN_LABEL, sidecarSet, type KubeObject } from './cluster-objects.ts';
import { startWebhookProcess, type WebhookProcess } from './webhook-process.ts';
import { ensureNoOtherTandemWebhook, renderWebhookConfiguration, untilRegistrationActive } from './webhook-registration.ts';

export interface WebhookSuite {
  readonly runId: string;
  /** Helm release name, so also the configuration's name. */
  readonly release: string;
  /** An ordinary namespace for this file's pods. */
  readonly namespace: string;
  readonly pki: TestPki;
  readonly webhook: WebhookProcess;
  /** Extra namespaces to delete at the end. */
  readonly namespaces: string[];
  /** Re-renders and applies the registration, e.g. with another failurePolicy. */
  register(failurePolicy?: 'Ignore' | 'Fail'): void;
  tearDown(): Promise<void>;
}

/**
 * beforeAll of a webhook file: checks no other Tandem webhook is registered,
 * applies `sets` (the global set-up installed the CRD), starts `tandem webhook --kubeconfig` (cluster
 * mode), registers it from the chart and waits until an opted-in dry-run pod
 * comes back injected.
 */
export async function setUpWebhookSuite(runId: string, sets: readonly KubeObject[]): Promise<WebhookSuite> {
  ensureNoOtherTandemWebhook();
  for (const set of sets) kubectlApply(set);
  const pki = createTestPki();
  const release = `tandem-it-${runId}`;
  const namespace = release;
  const webhook = await startWebhookProcess(pki, ['--kubeconfig', kubeconfigPath()], join(pki.dir, 'webhook.log'));
  const register = (failurePolicy?: 'Ignore' | 'Fail'): void => {
    kubectlApply(renderWebhookConfiguration({ release, url: webhook.url, caPem: pki.caPem, runId, ...(failurePolicy !== undefined ? { failurePolicy } : {}) }));
  };
  register();
  await createNamespace(namespace);
  await untilRegistrationActive(namespace, runId, (result) => result.object?.metadata.labels?.[INJECTED_LABEL] === 'true', podDefinedVolumes(sets));
  const namespaces = [namespace];
  return {
    runId,
    release,
    namespace,
    pki,
    webhook,
    namespaces,
    register,
    tearDown: async () => {
      await webhook.stop();
      kubectl(['delete', 'mutatingwebhookconfiguration', release, '--ignore-not-found']);
      const names = sets.map((set) => set.metadata.name ?? '');
      if (names.length > 0) kubectl(['delete', 'sidecarset', '--ignore-not-found', ...names]);
      deleteNamespaces(namespaces);
      removeDir(pki.dir);
    },
  };
}

/** Volumes the sets' containers mount but leave to the pod to define (a set such as the reloader's needs them to inject). */
function podDefinedVolumes(sets: readonly KubeObject[]): string[] {
  const names = new Set<string>();
  for (const set of sets) {
    const spec = set.spec as { volumes?: { name: string }[]; containers?: { volumeMounts?: { name: string }[] }[]; initContainers?: { volumeMounts?: { name: string }[] }[] };
    const own = new Set((spec.volumes ?? []).map((volume) => volume.name));
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const mount of container.volumeMounts ?? []) if (!own.has(mount.name)) names.add(mount.name);
    }
  }
  return [...names];
}

/**
 * Registers beforeAll/afterAll for setUpWebhookSuite and its tearDown, and
 * returns a handle to the suite for the tests (valid once beforeAll ran).
 */
export function useWebhookSuite(runId: string, sets: readonly KubeObject[]): WebhookSuite {
  let current: WebhookSuite | undefined;
  const get = (): WebhookSuite => {
    if (current === undefined) throw new Error('the webhook suite is not set up (did beforeAll fail?)');
    return current;
  };
  beforeAll(async () => {
    current = await setUpWebhookSuite(runId, sets);
  }, 120_000);
  afterAll(async () => {
    await current?.tearDown();
  }, 60_000);
  return {
    runId,
    get release() {
      return get().release;
    },
    get namespace() {
      return get().namespace;
    },
    get pki() {
      return get().pki;
    },
    get webhook() {
      return get().webhook;
    },
    get namespaces() {
      return get().namespaces;
    },
    register: (failurePolicy) => {
      get().register(failurePolicy);
    },
    tearDown: () => get().tearDown(),
  };
}

/** An opt-in set for this run's pods: a run-to-completion init container and a (native) sidecar. */
export function meshSidecarSet(runId: string): KubeObject {
  return sidecarSet(`it-${runId}-mesh`, {
    selector: { matchLabels: { [RUN_LABEL]: runId } },
    shareProcessNamespace: true,
    initContainers: [{ name: 'it-certs', image: 'registry.example/it/certs:1' }],
    containers: [{ name: 'it-proxy', image: 'registry.example/it/proxy:1' }],
  });
}

// Self-managed webhook certificates on the real apiserver: two `tandem
// operator` replicas behind one URL (support/operator-replicas.ts, as a Service) are
// called by URL (SAN 127.0.0.1); lifetimes are cut to seconds so the serving
// certificate and the CA both rotate several times while a bounded stream of
// pods is created through the apiserver with failurePolicy: Fail. Every pod
// must be created, and injected, before, during and after the rotations.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { kubeconfigPath, kubectl } from '../cluster-env.ts';
import { RUN_LABEL } from '../support/cluster-objects.ts';
import {
  applyConfiguration,
  operatorLauncher,
  readyRoundRobin,
  renderSelfManagedConfiguration,
  replicaPorts,
  servedFingerprint,
  startReplica,
  untilReady,
  type Balancer,
  type Replica,
} from '../support/operator-replicas.ts';

const runId = Math.random().toString(36).slice(2, 8);
const operatorNamespace = `tandem-cert-${runId}`;
const podNamespace = `cert-pods-${runId}`;
const release = `tandem-cert-${runId}`;
const setName = `cert-rotation-${runId}`;
const STREAM_MS = 80_000;
const WORKERS = 2;
const PAUSE_MS = 200;
const logDir = mkdtempSync(join(tmpdir(), 'tandem-cert-rotation-'));

const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(kubeconfigPath());
const core = kubeConfig.makeApiClient(CoreV1Api);

function must(result: ReturnType<typeof kubectl>, what: string): string {
  if (result.code !== 0) throw new Error(`${what}: ${result.stderr}`);
  return result.stdout;
}

interface Attempt {
  readonly at: number;
  readonly ok: boolean;
  readonly injected: boolean;
  readonly error?: string;
}

async function createPod(index: number): Promise<Attempt> {
  const at = Date.now();
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${index}`, namespace: podNamespace, labels: { app: 'cert-rotation', [RUN_LABEL]: runId }, annotations: { 'tandem.dev/inject': 'true' } },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1' }], terminationGracePeriodSeconds: 0 },
  };
  try {
    const created = await core.createNamespacedPod({ namespace: podNamespace, body: Object.assign(new V1Pod(), pod) });
    // A native sidecar on this Kubernetes version: an init container with restartPolicy Always.
    const containers = [...(created.spec?.initContainers ?? []), ...(created.spec?.containers ?? [])];
    const injected = containers.some((container) => container.name === 'rotation-proxy');
    return { at, ok: true, injected };
  } catch (error) {
    return { at, ok: false, injected: false, error: (error as Error).message.slice(0, 300) };
  }
}

interface SecretSample {
  readonly at: number;
  readonly serving: string;
  readonly authorities: readonly string[];
}

async function sampleSecret(): Promise<SecretSample | undefined> {
  try {
    const secret = await core.readNamespacedSecret({ namespace: operatorNamespace, name: 'tandem-webhook-tls' });
    const text = (key: string): string => Buffer.from(secret.data?.[key] ?? '', 'base64').toString('utf8');
    const authorities = [...text('ca.crt').matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map(
      (match) => new X509Certificate(match[0]).fingerprint256,
    );
    return { at: Date.now(), serving: new X509Certificate(text('tls.crt')).fingerprint256, authorities };
  } catch {
    return undefined;
  }
}

describe('self-managed certificate rotation under load', () => {
  let replicas: Replica[] = [];
  let balancer: Balancer | undefined;
  let ports: number[] = [];

  beforeAll(async () => {
    must(kubectl(['create', 'namespace', operatorNamespace]), 'create operator namespace');
    must(kubectl(['create', 'namespace', podNamespace]), 'create pod namespace');
    must(kubectl(['label', 'namespace', podNamespace, `${RUN_LABEL}=${runId}`]), 'label namespace');
    must(
      kubectl(['apply', '--server-side', '--field-manager=tandem-tests', '-f', '-'], JSON.stringify({
        apiVersion: 'tandem.dev/v1alpha1',
        kind: 'SidecarSet',
        metadata: { name: setName },
        spec: { selector: { matchLabels: { app: 'cert-rotation', [RUN_LABEL]: runId } }, containers: [{ name: 'rotation-proxy', image: 'registry.example/proxy:1' }] },
      })),
      'apply SidecarSet',
    );
    const launcher = operatorLauncher();
    ports = await replicaPorts(2);
    balancer = await readyRoundRobin(ports);
    // Registered first, without a caBundle: the operators publish it.
    applyConfiguration(renderSelfManagedConfiguration(release, operatorNamespace, `https://127.0.0.1:${balancer.port}/mutate-pods`, runId));
    const flags = ['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '3s'];
    replicas = ports.map((port, index) => startReplica(launcher, { name: `replica-${index}`, port, namespace: operatorNamespace, release, logDir, flags }));
    await untilReady(ports, 60_000, logDir);
  }, 120_000);

  afterAll(async () => {
    // The registration goes first, so nothing is left calling stopped processes.
    kubectl(['delete', 'mutatingwebhookconfiguration', release, '--ignore-not-found']);
    await Promise.all(replicas.map((replica) => replica.stop()));
    balancer?.close();
    kubectl(['delete', 'sidecarset', setName, '--ignore-not-found']);
    kubectl(['delete', 'namespace', podNamespace, operatorNamespace, '--wait=false']);
  }, 60_000);

  it('creates every pod, injected, while the serving certificate and the CA rotate', async () => {
    // Bootstrap: the first certificate is trusted once its caBundle is published.
    let warmup = 0;
    const warmDeadline = Date.now() + 45_000;
    for (let attempt = await createPod(warmup++); !(attempt.ok && attempt.injected); attempt = await createPod(warmup++)) {
      if (Date.now() > warmDeadline) throw new Error(`the webhook never answered: ${attempt.error ?? 'not injected'}; logs in ${logDir}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const attempts: Attempt[] = [];
    const samples: SecretSample[] = [];
    const served = ports.map(() => new Set<string>());
    const end = Date.now() + STREAM_MS;
    let index = 1_000;
    const worker = async (): Promise<void> => {
      while (Date.now() < end) {
        attempts.push(await createPod(index++));
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    };
    const observer = async (): Promise<void> => {
      while (Date.now() < end) {
        const sample = await sampleSecret();
        if (sample !== undefined) samples.push(sample);
        for (const [i, port] of ports.entries()) {
          const fingerprint = await servedFingerprint(port);
          if (fingerprint !== undefined) served[i]!.add(fingerprint);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    await Promise.all([...Array.from({ length: WORKERS }, worker), observer()]);

    const failures = attempts.filter((attempt) => !attempt.ok);
    const notInjected = attempts.filter((attempt) => attempt.ok && !attempt.injected);
    const servingChanges = samples.filter((sample, i) => i > 0 && sample.serving !== samples[i - 1]!.serving).map((sample) => sample.at);
    const authorities = new Set(samples.flatMap((sample) => sample.authorities));
    const bundleSizes = samples.map((sample) => sample.authorities.length);
    const first = servingChanges[0] ?? Infinity;
    const last = servingChanges.at(-1) ?? -Infinity;
    const figures = {
      podsCreated: attempts.length,
      failures: failures.length,
      notInjected: notInjected.length,
      podsBeforeFirstRotation: attempts.filter((attempt) => attempt.at < first).length,
      podsDuringRotations: attempts.filter((attempt) => attempt.at >= first && attempt.at <= last).length,
      podsAfterLastRotation: attempts.filter((attempt) => attempt.at > last).length,
      servingRotationsObserved: servingChanges.length,
      certificateAuthoritiesSeen: authorities.size,
      maxBundleSize: Math.max(...bundleSizes),
      servedCertificatesPerReplica: served.map((set) => set.size),
      logs: logDir,
    };
    console.log(`certificate rotation figures: ${JSON.stringify(figures)}`);

    expect(failures.map((failure) => failure.error)).toEqual([]);
    expect(notInjected).toHaveLength(0);
    expect(figures.servingRotationsObserved).toBeGreaterThanOrEqual(3);
    expect(figures.certificateAuthoritiesSeen).toBeGreaterThanOrEqual(2);
    // Overlap, then retirement: two CAs in the bundle at some point, one again later.
    expect(figures.maxBundleSize).toBe(2);
    expect(bundleSizes.at(-1)).toBeLessThanOrEqual(2);
    expect(bundleSizes.slice(bundleSizes.indexOf(2)).includes(1)).toBe(true);
    // Every replica swapped in memory (no restart): it served several certificates.
    for (const set of served) expect(set.size).toBeGreaterThanOrEqual(3);
    expect(figures.podsBeforeFirstRotation).toBeGreaterThan(0);
    expect(figures.podsDuringRotations).toBeGreaterThan(0);
    expect(figures.podsAfterLastRotation).toBeGreaterThan(0);
  }, 240_000);
});

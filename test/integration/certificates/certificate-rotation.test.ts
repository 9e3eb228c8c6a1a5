// Self-managed webhook certificates on the real apiserver: two `tandem
// operator` replicas behind one URL (support/load-environment.ts, as a
// Service) are called by URL (SAN 127.0.0.1); lifetimes are cut to seconds so the serving
// certificate and the CA both rotate several times while a bounded stream of
// pods is created through the apiserver with failurePolicy: Fail. Every pod
// must be created, and injected, before, during and after the rotations.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { kubeconfigPath } from '../cluster-env.ts';
import { createPod, type Attempt } from '../support/admission-load.ts';
import { newRunId } from '../support/cluster-objects.ts';
import { setUpLoadEnvironment, type LoadEnvironment } from '../support/load-environment.ts';
import { certificatesServed } from '../support/operator-replicas.ts';

const STREAM_MS = 80_000;
const WORKERS = 2;
const PAUSE_MS = 200;

const kubeConfig = new KubeConfig();
kubeConfig.loadFromFile(kubeconfigPath());
const core = kubeConfig.makeApiClient(CoreV1Api);

interface SecretSample {
  readonly at: number;
  readonly serving: string;
  readonly authorities: readonly string[];
}

async function sampleSecret(operatorNamespace: string): Promise<SecretSample | undefined> {
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
  let environment: LoadEnvironment | undefined;

  beforeAll(async () => {
    // Returns once the first certificate is trusted: its caBundle published and a pod injected.
    environment = await setUpLoadEnvironment(newRunId(), {
      replicaFlags: ['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '3s'],
    });
  }, 180_000);

  afterAll(async () => {
    await environment?.tearDown();
  }, 60_000);

  it('creates every pod, injected, while the serving certificate and the CA rotate', async () => {
    const env = environment!;
    const attempts: Attempt[] = [];
    const samples: SecretSample[] = [];
    const end = Date.now() + STREAM_MS;
    const worker = async (): Promise<void> => {
      while (Date.now() < end) {
        attempts.push(await createPod(env.target, 'rotation'));
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      }
    };
    const secretObserver = async (): Promise<void> => {
      while (Date.now() < end) {
        const sample = await sampleSecret(env.operatorNamespace);
        if (sample !== undefined) samples.push(sample);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    const stream = Promise.all([...Array.from({ length: WORKERS }, worker), secretObserver()]);
    const [, servedByReplica] = await Promise.all([stream, certificatesServed(env.replicas, stream)]);
    const served = Object.values(servedByReplica);

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
      servedCertificatesPerReplica: served,
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
    expect(served).toHaveLength(2);
    for (const count of served) expect(count).toBeGreaterThanOrEqual(3);
    expect(figures.podsBeforeFirstRotation).toBeGreaterThan(0);
    expect(figures.podsDuringRotations).toBeGreaterThan(0);
    expect(figures.podsAfterLastRotation).toBeGreaterThan(0);
  }, 240_000);
});

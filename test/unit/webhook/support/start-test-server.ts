import { Writable } from 'node:stream';
import type { SidecarSet } from '../../../../operator/api/sidecar-set.ts';
import { createLogger } from '../../../../operator/logging/logger.ts';
import type { NamespaceSource, SidecarSetSource } from '../../../../operator/webhook/sources.ts';
import { staticNamespaceSource } from '../../../../operator/webhook/static-namespace-source.ts';
import { createWebhookMetrics } from '../../../../operator/webhook/webhook-metrics.ts';
import {
  startWebhookServer,
  type WebhookServer,
  type WebhookServerOptions,
} from '../../../../operator/webhook/webhook-server.ts';
import { createTestCertificate, temporaryDirectory, type TestCertificate } from '../../../support/test-certificate.ts';
import { staticSidecarSetSource } from './sidecar-sets.ts';

export interface TestServer {
  readonly server: WebhookServer;
  readonly port: number;
  readonly certificate: TestCertificate;
  readonly dir: string;
  /** Every JSON log line written so far. */
  readonly logs: Record<string, unknown>[];
}

export interface TestServerOptions extends Partial<Omit<WebhookServerOptions, 'listen' | 'certificate' | 'logger'>> {
  readonly sets?: readonly SidecarSet[];
  readonly sidecarSets?: SidecarSetSource;
  readonly namespaces?: NamespaceSource;
}

/** A real webhook server on 127.0.0.1, an ephemeral port and a fresh certificate, logging into memory. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = temporaryDirectory();
  const certificate = createTestCertificate(dir);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const server = await startWebhookServer({
    kubeVersion: undefined,
    metrics: createWebhookMetrics({ defaultMetrics: false }),
    ...options,
    sidecarSets: options.sidecarSets ?? staticSidecarSetSource(options.sets ?? []),
    namespaces: options.namespaces ?? staticNamespaceSource({}),
    listen: { host: '127.0.0.1', port: 0 },
    certificate,
    logger: createLogger({ level: 'debug', destination }),
  });
  return { server, port: server.address.port, certificate, dir, logs };
}

/** Value of a counter series, 0 when absent. */
export async function counterValue(
  server: WebhookServer,
  name: 'admissions' | 'injections' | 'invalidRequests' | 'certificateReloads',
  labels: Record<string, string>,
): Promise<number> {
  const metric = await server.metrics[name].get();
  const match = metric.values.find((value) =>
    Object.entries(labels).every(([key, expected]) => (value.labels as Record<string, unknown>)[key] === expected),
  );
  return match?.value ?? 0;
}

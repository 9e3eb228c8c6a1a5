// `tandem webhook` as a local child process (the apiserver calls it by URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '../../support/wait.ts';
import type { TestPki } from '../../support/test-certificate.ts';
import { repoRoot } from '../cluster-env.ts';
import { httpsGet, parseMetrics, spawnLogged } from './logged-process.ts';

export interface WebhookProcess {
  readonly pid: number;
  readonly port: number;
  /** https://127.0.0.1:PORT/mutate-pods */
  readonly url: string;
  readonly logFile: string;
  /** The JSON log lines written so far (buffered by the webhook for at most 0.5 s). */
  logLines(): Record<string, unknown>[];
  /** GET /metrics, parsed into `name{labels}` -> value. */
  metrics(): Promise<Map<string, number>>;
  /** SIGTERM by PID, SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node operator/cli/main.ts webhook --listen 127.0.0.1:0 ...` with the
 * test certificate and `args` (e.g. --kubeconfig or --sidecarsets), and waits
 * until it listens and /readyz answers 200 (informers synced).
 */
export async function startWebhookProcess(pki: TestPki, args: readonly string[], logFile: string): Promise<WebhookProcess> {
  const child = spawnLogged(
    [join(repoRoot, 'operator/cli/main.ts'), 'webhook', '--listen', '127.0.0.1:0', '--tls-cert-file', pki.certFile, '--tls-key-file', pki.keyFile, ...args],
    logFile,
  );
  const listening = await child.untilLine((line) => line.msg === 'webhook server listening', 60_000);
  const port = Number(/:(\d+)$/.exec(String(listening.address))?.[1]);
  const base = `https://127.0.0.1:${port}`;
  const ready = await eventually(() => httpsGet(`${base}/readyz`, pki.caPem).catch(() => ({ status: 0, body: '' })), (r) => r.status === 200, 60_000);
  if (ready.status !== 200) {
    await child.stop();
    throw new Error(`tandem webhook never became ready (${ready.status} ${ready.body}):\n${readFileSync(logFile, 'utf8')}`);
  }
  return {
    pid: child.pid,
    port,
    url: `${base}/mutate-pods`,
    logFile,
    logLines: child.lines,
    metrics: async () => parseMetrics((await httpsGet(`${base}/metrics`, pki.caPem)).body),
    stop: child.stop,
  };
}


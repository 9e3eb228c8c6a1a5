// One run's set-up for admission under load: an operator namespace (Lease,
// certificate Secret), a pod namespace, a SidecarSet, two `tandem operator`
// replicas behind the readiness-aware balancer, and the chart's registration
// with failurePolicy Fail. Shared by the bounded integration test and the
// long run (npm run bench:load).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectl } from '../cluster-env.ts';
import { RUN_LABEL } from './cluster-objects.ts';
import type { LoadTarget } from './admission-load.ts';
import { untilInjecting } from './admission-load.ts';
import {
  applyConfiguration,
  operatorLauncher,
  readyRoundRobin,
  renderSelfManagedConfiguration,
  replicaPorts,
  startReplica,
  untilReady,
  type Balancer,
  type Replica,
} from './operator-replicas.ts';

export interface LoadEnvironment {
  readonly target: LoadTarget;
  /** Where the Lease and the certificate Secret live. */
  readonly operatorNamespace: string;
  readonly replicas: () => readonly Replica[];
  /** SIGTERM replica `index` after `afterMs`, start it again `downMs` later, resolve once it is ready. */
  readonly restart: (index: number, afterMs: number, downMs: number) => Promise<void>;
  readonly tearDown: () => Promise<void>;
}

/** Seconds a stopping replica keeps serving while /readyz says 503: longer than the balancer's 250 ms check, as a pod's should be longer than endpoint propagation. */
const SHUTDOWN_DELAY_S = 2;

function must(result: ReturnType<typeof kubectl>, what: string): void {
  if (result.code !== 0) throw new Error(`${what}: ${result.stderr}`);
}

export interface LoadEnvironmentOptions {
  /** Extra `tandem operator` flags, e.g. short certificate lifetimes. */
  readonly replicaFlags?: readonly string[];
  /** node's arguments before `operator` (default: the fast CLI's launcher, operatorLauncher()). */
  readonly nodeArgv?: readonly string[];
}

export async function setUpLoadEnvironment(runId: string, options: LoadEnvironmentOptions = {}): Promise<LoadEnvironment> {
  const operatorNamespace = `tandem-load-${runId}`;
  const namespace = `load-pods-${runId}`;
  const release = `tandem-load-${runId}`;
  const setName = `load-${runId}`;
  const logDir = mkdtempSync(join(tmpdir(), 'tandem-load-'));
  const target: LoadTarget = { namespace, runId, app: 'admission-load', sidecar: 'load-proxy' };
  must(kubectl(['create', 'namespace', operatorNamespace]), 'create the operator namespace');
  must(kubectl(['create', 'namespace', namespace]), 'create the pod namespace');
  must(
    kubectl(['apply', '--server-side', '--field-manager=tandem-tests', '-f', '-'], JSON.stringify({
      apiVersion: 'tandem.dev/v1alpha1',
      kind: 'SidecarSet',
      metadata: { name: setName, labels: { [RUN_LABEL]: runId } },
      spec: { selector: { matchLabels: { app: target.app, [RUN_LABEL]: runId } }, containers: [{ name: target.sidecar, image: 'registry.example/proxy:1' }] },
    })),
    'apply the SidecarSet',
  );
  const launcher = options.nodeArgv ?? operatorLauncher();
  const ports = await replicaPorts(2);
  const flags = ['--shutdown-delay', String(SHUTDOWN_DELAY_S), ...(options.replicaFlags ?? [])];
  const start = (index: number): Replica =>
    startReplica(launcher, { name: `replica-${index}`, port: ports[index] ?? 0, namespace: operatorNamespace, release, logDir, flags });
  const replicas = ports.map((_port, index) => start(index));
  let balancer: Balancer | undefined;
  const tearDown = async (): Promise<void> => {
    // The registration goes first, so nothing is left calling stopped processes.
    kubectl(['delete', 'mutatingwebhookconfiguration', release, '--ignore-not-found']);
    await Promise.all(replicas.map((replica) => replica.stop()));
    balancer?.close();
    kubectl(['delete', 'sidecarset', setName, '--ignore-not-found']);
    kubectl(['delete', 'namespace', namespace, operatorNamespace, '--wait=false']);
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    balancer = await readyRoundRobin(ports);
    // Registered without a caBundle: the operators publish it.
    applyConfiguration(renderSelfManagedConfiguration(release, operatorNamespace, `https://127.0.0.1:${balancer.port}/mutate-pods`, runId));
    await untilReady(ports, 60_000, logDir);
    await untilInjecting(target, 45_000);
  } catch (error) {
    const logs = replicas.map((replica) => `${replica.name}:\n${replica.logTail()}`).join('\n');
    await tearDown();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
  return {
    target,
    operatorNamespace,
    replicas: () => replicas,
    restart: async (index, afterMs, downMs) => {
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      await replicas[index]?.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      replicas[index] = start(index);
      await untilReady([ports[index] ?? 0], 60_000, logDir);
    },
    tearDown,
  };
}

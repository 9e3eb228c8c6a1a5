// Two (or more) `tandem operator` replicas as local processes behind one URL,
// as the chart's Service puts them: a TCP passthrough that, like endpoints
// and kube-proxy, sends new connections only to replicas whose /readyz says
// 200. Self-managed certificates (the operators publish the caBundle); the
// registration is the chart's, narrowed to one run. Used where the apiserver
// must call several replicas: certificate rotation, sustained load, a replica
// stopped and started under load.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createServer, connect as netConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { parseAllDocuments } from 'yaml';
import { clusterTools, kubeconfigPath, kubectl, repoRoot } from '../cluster-env.ts';
import { freePort } from '../../support/free-port.ts';
import { narrowToRun } from './webhook-registration.ts';

export interface ReplicaOptions {
  readonly name: string;
  readonly port: number;
  /** Where the Lease and the certificate Secret live. */
  readonly namespace: string;
  /** The MutatingWebhookConfiguration the replicas publish the caBundle into. */
  readonly release: string;
  readonly logDir: string;
  /** Extra flags, e.g. short certificate lifetimes. */
  readonly flags?: readonly string[];
}

export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** Resident set size now, in MiB (VmRSS), or undefined when the process is gone. */
  readonly rssMiB: () => number | undefined;
  /** Admissions this process has logged (its log is flushed within 0.5 s). */
  readonly admissions: () => number;
  /** The last lines of the replica's log (all its processes), for an error message. */
  readonly logTail: () => string;
  /** SIGTERM; resolves when the process has exited. */
  readonly stop: () => Promise<void>;
}

/**
 * node's arguments before `operator`: the fast CLI's launcher (the bundle, as
 * the image's entry point runs it), built first so it never rebuilds in a
 * child. The benchmarks pass the chart's command instead (V8 flags and the
 * built entry point: test/bench/support/what-users-run.ts).
 */
export function operatorLauncher(): readonly string[] {
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/bundle.ts'), '--checkout'], { encoding: 'utf8', timeout: 300_000 });
  if (built.status !== 0) throw new Error(`scripts/bundle.ts --checkout failed: ${built.stderr}`);
  return [join(repoRoot, 'node_modules/.cache/tandem-cli/launch.cjs')];
}

export function startReplica(nodeArgv: readonly string[], options: ReplicaOptions): Replica {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeArgv,
      'operator',
      '--kubeconfig', kubeconfigPath(),
      '--listen', `127.0.0.1:${options.port}`,
      '--kube-version', '1.36',
      '--lease-namespace', options.namespace,
      '--identity', options.name,
      '--lease-duration', '4', '--renew-deadline', '3', '--retry-period', '1',
      '--webhook-configuration', options.release,
      '--certificate-names', '127.0.0.1',
      ...(options.flags ?? []),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid ?? -1;
  return {
    name: options.name,
    port: options.port,
    pid,
    rssMiB: () => rssMiB(pid),
    admissions: () => countAdmissions(logFile, pid),
    logTail: () => readLog(logFile).split('\n').slice(-20).join('\n'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function readLog(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

function countAdmissions(logFile: string, pid: number): number {
  return readLog(logFile).split('\n').filter((line) => line.includes('"msg":"admitted pod"') && line.includes(`"pid":${pid},`)).length;
}

function rssMiB(pid: number): number | undefined {
  try {
    const kib = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Math.round((Number(kib) / 1024) * 10) / 10;
  } catch {
    return undefined;
  }
}

/** The replica's /readyz over HTTPS (the self-managed CA is not the test's to verify against). */
export function isReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = httpsRequest({ host: '127.0.0.1', port, path: '/readyz', rejectUnauthorized: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => {
      resolve(false);
    });
    request.on('timeout', () => {
      request.destroy();
    });
    request.end();
  });
}

export async function untilReady(ports: readonly number[], timeoutMs: number, logDir: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.all(ports.map(isReady))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error(`the replicas did not become ready; logs in ${logDir}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * How many different serving certificates each replica (by name) served
 * while `until` was pending, sampled every 500 ms: more than one means it
 * rotated in memory, without a restart.
 */
export async function certificatesServed(replicas: () => readonly Pick<Replica, 'name' | 'port'>[], until: Promise<unknown>): Promise<Record<string, number>> {
  const seen = new Map<string, Set<string>>();
  const state = { done: false };
  void until.finally(() => {
    state.done = true;
  });
  while (!state.done) {
    for (const replica of replicas()) {
      const fingerprint = await servedFingerprint(replica.port);
      if (fingerprint !== undefined) seen.set(replica.name, (seen.get(replica.name) ?? new Set()).add(fingerprint));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return Object.fromEntries([...seen].map(([name, fingerprints]) => [name, fingerprints.size]));
}

/** SHA-256 fingerprint of the certificate a replica serves right now. */
export function servedFingerprint(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve(fingerprint);
    });
    socket.on('error', () => {
      resolve(undefined);
    });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

export interface Balancer {
  readonly port: number;
  readonly close: () => void;
}

/**
 * TLS passthrough on one port, new connections round-robin over the replicas
 * that answered /readyz 200 at the last check (every 250 ms): what a Service's
 * endpoints do for a replica that stops (its shutdown delay keeps it serving
 * the connections it has) or starts. Connections already open stay where they are.
 */
export async function readyRoundRobin(ports: readonly number[]): Promise<Balancer> {
  let ready: readonly number[] = [];
  let next = 0;
  let closed = false;
  const sockets = new Set<Socket>();
  const check = async (): Promise<void> => {
    while (!closed) {
      const answers = await Promise.all(ports.map(isReady));
      ready = ports.filter((_port, index) => answers[index]);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  void check();
  const server: Server = createServer((client) => {
    const port = ready.length > 0 ? ready[next++ % ready.length] : undefined;
    if (port === undefined) {
      client.destroy();
      return;
    }
    const upstream = netConnect(port, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      closed = true;
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** The chart's MutatingWebhookConfiguration for self-managed certificates, calling `url`, failurePolicy Fail, narrowed to `runId`. */
export function renderSelfManagedConfiguration(release: string, namespace: string, url: string, runId: string): Record<string, unknown> {
  const result = spawnSync(
    clusterTools().helm,
    [
      'template', release, join(repoRoot, 'charts/tandem'), '--namespace', namespace,
      '--set', `webhook.url=${url}`, '--set', 'webhook.failurePolicy=Fail', '--set', 'certificates.mode=self-managed',
      '--show-only', 'templates/mutating-webhook-configuration.yaml',
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const configuration = parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as Record<string, unknown> | null)
    .find((document) => document?.kind === 'MutatingWebhookConfiguration');
  if (configuration === undefined || configuration === null) throw new Error('no MutatingWebhookConfiguration rendered');
  return narrowToRun(configuration, runId);
}

/** Free ports for `count` replicas. */
export async function replicaPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < count; i += 1) ports.push(await freePort());
  return ports;
}

/** Applies the registration (server-side, the tests' field manager). */
export function applyConfiguration(configuration: Record<string, unknown>): void {
  const applied = kubectl(['apply', '--server-side', '--field-manager=tandem-tests', '-f', '-'], JSON.stringify(configuration));
  if (applied.code !== 0) throw new Error(`apply webhook configuration: ${applied.stderr}`);
}

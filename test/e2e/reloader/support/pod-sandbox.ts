// A pod without a container runtime, from the same kernel features a runtime
// uses: a PID namespace whose PID 1 is a pause-like process (as with
// shareProcessNamespace: true), processes joined to it with nsenter, and a
// network namespace on a veth pair for backends the EndpointSlices can name
// (the API refuses loopback addresses in EndpointSlices).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { freePort } from '../../../support/free-port.ts';
import { waitFor } from '../../../support/wait.ts';

export function missingPrerequisite(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux namespaces';
  if (process.getuid?.() !== 0) return 'needs root to create PID and network namespaces (unshare, nsenter, ip)';
  for (const tool of ['unshare', 'nsenter', 'ip']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `needs ${tool} (util-linux, iproute2)`;
  }
  const nginx = spawnSync('bash', [new URL('./ensure-nginx.sh', import.meta.url).pathname], { encoding: 'utf8' });
  if (nginx.status !== 0) return `cannot install nginx: ${nginx.stderr}`;
  return undefined;
}

/** Host PID of the first child of `pid` (what unshare --fork runs). */
export function childOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ');
    const child = Number(children[0]);
    return Number.isInteger(child) && child > 0 ? child : undefined;
  } catch {
    return undefined;
  }
}

export interface Pod {
  /** Host PID of the pod's PID 1. */
  readonly pausePid: number;
  /** Runs argv inside the pod's PID and mount namespaces (network: the host's, like hostNetwork). */
  exec(argv: readonly string[], options?: { env?: NodeJS.ProcessEnv }): ChildProcess;
  /** Kills PID 1, which kills every process of the namespace. */
  destroy(): void;
}

export async function startPod(): Promise<Pod> {
  // `sleep infinity` plays the pause container: PID 1, never a reload target.
  const unshare = spawn('unshare', ['--pid', '--fork', '--mount-proc', 'sleep', 'infinity'], { stdio: 'ignore' });
  const pausePid = await waitFor('the pod PID 1', () => childOf(unshare.pid ?? -1), 5_000);
  return {
    pausePid,
    exec: (argv, options) =>
      spawn('nsenter', ['--target', String(pausePid), '--pid', '--mount', '--', ...argv], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: options?.env ?? process.env,
      }),
    destroy: () => {
      try {
        process.kill(pausePid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      unshare.kill('SIGKILL');
    },
  };
}

export interface BackendNetwork {
  /** Addresses inside the namespace, for EndpointSlices. */
  readonly addresses: readonly [string, string];
  readonly port: number;
  destroy(): void;
}

/**
 * A network namespace reachable from the host over a veth pair, with one
 * HTTP backend on each of its two addresses answering `backend <address>`.
 * Removing the namespace (killing its holder) removes the veth pair too.
 */
export async function startBackendNetwork(): Promise<BackendNetwork> {
  const id = Math.floor(Math.random() * 200) + 20;
  const prefix = `10.213.${id}`;
  const hostIf = `tdrl${id}h`;
  const nsIf = `tdrl${id}n`;
  const holder = spawn('unshare', ['--net', '--fork', 'sleep', 'infinity'], { stdio: 'ignore' });
  const nsPid = await waitFor('the backend network namespace', () => childOf(holder.pid ?? -1), 5_000);
  const netns = `/proc/${nsPid}/ns/net`;
  const run = (argv: string[]): void => {
    const result = spawnSync(argv[0] ?? '', argv.slice(1), { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${argv.join(' ')}: ${result.stderr}`);
  };
  const inNs = (argv: string[]): string[] => ['nsenter', `--net=${netns}`, '--', ...argv];
  run(['ip', 'link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
  run(['ip', 'link', 'set', nsIf, 'netns', String(nsPid)]);
  run(['ip', 'addr', 'add', `${prefix}.1/29`, 'dev', hostIf]);
  run(['ip', 'link', 'set', hostIf, 'up']);
  run(inNs(['ip', 'link', 'set', 'lo', 'up']));
  run(inNs(['ip', 'addr', 'add', `${prefix}.2/29`, 'dev', nsIf]));
  run(inNs(['ip', 'addr', 'add', `${prefix}.3/29`, 'dev', nsIf]));
  run(inNs(['ip', 'link', 'set', nsIf, 'up']));
  const addresses: [string, string] = [`${prefix}.2`, `${prefix}.3`];
  const port = 18080;
  const script = `const http=require('node:http');for(const a of ${JSON.stringify(addresses)})http.createServer((q,r)=>r.end('backend '+a)).listen(${port},a);`;
  const backends = spawn('nsenter', [`--net=${netns}`, '--', process.execPath, '-e', script], { stdio: 'ignore' });
  await waitFor('the backends', async () => ((await httpGet(`http://${addresses[1]}:${port}/`)).body.startsWith('backend') ? true : undefined), 10_000);
  return {
    addresses,
    port,
    destroy: () => {
      backends.kill('SIGKILL');
      try {
        process.kill(nsPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      holder.kill('SIGKILL');
      spawnSync('ip', ['link', 'del', hostIf]);
    },
  };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
  readonly error?: string;
}

/** One GET on a fresh connection (no keep-alive: a reused socket closed by a reload is a client artefact, not a failure). */
export function httpGet(url: string, timeoutMs = 2_000): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on('error', (error) => {
        resolve({ status: 0, body, error: error.message });
      });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => {
      resolve({ status: 0, body: '', error: error.message });
    });
  });
}

export interface RequestLoop {
  /** Stops the loop and returns what it saw. */
  stop(): Promise<{ readonly requests: number; readonly failures: readonly string[]; readonly bodies: ReadonlySet<string> }>;
}

/** Sequential GETs until stopped or maxRequests (bounded), recording every non-200. */
export function startRequestLoop(url: string, maxRequests = 20_000): RequestLoop {
  let running = true;
  let requests = 0;
  const failures: string[] = [];
  const bodies = new Set<string>();
  const loop = (async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() flips it
    while (running && requests < maxRequests) {
      const answer = await httpGet(url);
      requests += 1;
      if (answer.status === 200) bodies.add(answer.body);
      else failures.push(`${answer.status} ${answer.error ?? answer.body}`);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { requests, failures, bodies };
    },
  };
}

export interface EtcdServer {
  readonly endpoint: string;
  stop(): void;
}

/** A real etcd v3 (the cached test-cluster binary on PATH from test/cluster/env.sh, or Debian's etcd-server). */
export async function startEtcd(dataDir: string, binary: string): Promise<EtcdServer> {
  const [client, peer] = [await freePort(), await freePort()];
  const endpoint = `http://127.0.0.1:${client}`;
  const etcd = spawn(binary, [
    '--name', 'reloader-e2e', '--data-dir', dataDir, '--unsafe-no-fsync',
    '--listen-client-urls', endpoint, '--advertise-client-urls', endpoint,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `reloader-e2e=http://127.0.0.1:${peer}`, '--log-level', 'error',
  ], { stdio: 'ignore' });
  await waitFor('etcd', async () => ((await httpGet(`${endpoint}/health`)).body.includes('"health":"true"') ? true : undefined), 20_000);
  return {
    endpoint,
    stop: () => {
      etcd.kill('SIGKILL');
    },
  };
}

/** etcd binary: $TANDEM_ETCD, the test cluster's cached build, or one on PATH. */
export function findEtcd(repoRoot: string): string | undefined {
  if (process.env.TANDEM_ETCD !== undefined) return process.env.TANDEM_ETCD;
  const result = spawnSync('bash', ['-c', 'source test/cluster/env.sh >/dev/null 2>&1; command -v etcd'], { cwd: repoRoot, encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path !== '' ? path : undefined;
}

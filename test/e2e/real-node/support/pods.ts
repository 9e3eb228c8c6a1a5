// Pods as the kubelet runs them: where they run, their containers' state,
// and plain HTTP to their IPs (routed by the host to the real node's bridge).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { clusterTools, eventually, kubeconfigPath, kubectl, type CommandResult } from '../../../integration/cluster-env.ts';
import { mustSucceed } from './real-node.ts';

export interface PodContainer {
  readonly name: string;
  readonly image: string;
  readonly restartPolicy?: string;
  readonly command?: string[];
}

export interface ContainerStatus {
  readonly name: string;
  readonly restartCount: number;
  readonly image: string;
  readonly imageID: string;
  readonly ready?: boolean;
  readonly state?: { running?: { startedAt: string }; terminated?: { startedAt: string; finishedAt: string; exitCode: number } };
}

export interface PodObject {
  readonly metadata: { name: string; namespace: string; uid: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: { nodeName?: string; shareProcessNamespace?: boolean; containers: PodContainer[]; initContainers?: PodContainer[] };
  readonly status: {
    phase?: string;
    podIP?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface RunningPod {
  readonly name: string;
  readonly ip: string;
  readonly nodeName: string;
  readonly spec: PodObject['spec'];
  readonly object: PodObject;
  /** When the container's current run started (running or terminated). */
  startedAt(container: string): string;
  /** restartCount per container, init containers included, read afresh. */
  restartCounts(): Record<string, number>;
}

export function getPod(namespace: string, name: string): PodObject {
  const result = kubectl(['get', 'pod', '-n', namespace, name, '-o', 'json']);
  mustSucceed(result, `get pod ${namespace}/${name}`);
  return JSON.parse(result.stdout) as PodObject;
}

export function listPods(namespace: string, selector: string): PodObject[] {
  const result = kubectl(['get', 'pods', '-n', namespace, '-l', selector, '-o', 'json']);
  mustSucceed(result, `get pods -l ${selector}`);
  return (JSON.parse(result.stdout) as { items: PodObject[] }).items;
}

export function statuses(pod: PodObject): ContainerStatus[] {
  return [...(pod.status.initContainerStatuses ?? []), ...(pod.status.containerStatuses ?? [])];
}

/** The one pod matching `selector` (the newest when a rollout left more). */
export function podOf(namespace: string, selector: string): RunningPod {
  const pods = listPods(namespace, selector).filter((pod) => pod.status.phase === 'Running');
  const object = pods.at(-1);
  if (object === undefined) throw new Error(`no Running pod ${selector} in ${namespace}`);
  const name = object.metadata.name;
  return {
    name,
    ip: object.status.podIP ?? '',
    nodeName: object.spec.nodeName ?? '',
    spec: object.spec,
    object,
    startedAt: (container) => {
      const state = statuses(object).find((status) => status.name === container)?.state;
      const started = state?.running?.startedAt ?? state?.terminated?.startedAt;
      if (started === undefined) throw new Error(`container ${container} of ${name} has not started`);
      return started;
    },
    restartCounts: () => Object.fromEntries(statuses(getPod(namespace, name)).map((status) => [status.name, status.restartCount])),
  };
}

export async function untilDeploymentReady(namespace: string, name: string, timeoutMs: number): Promise<void> {
  const result = await eventually(
    () => kubectl(['rollout', 'status', `deployment/${name}`, '-n', namespace, '--timeout=5s']),
    (r) => r.code === 0,
    timeoutMs,
  );
  if (result.code !== 0) {
    const pods = kubectl(['get', 'pods', '-n', namespace, '-o', 'wide']).stdout;
    const events = kubectl(['get', 'events', '-n', namespace, '--sort-by=.lastTimestamp']).stdout;
    throw new Error(`deployment ${namespace}/${name} not ready: ${result.stderr}\n${pods}\n${events}`);
  }
}

/** GET over plain HTTP; resolves with the body of a 200, rejects otherwise. */
export function httpGetText(url: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${url}: ${response.statusCode} ${body}`));
      });
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** kubectl without blocking the event loop, for work that must go on while a test waits (continuous creations). */
export function kubectlAsync(args: readonly string[], input?: string): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(clusterTools().kubectl, ['--kubeconfig', kubeconfigPath(), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

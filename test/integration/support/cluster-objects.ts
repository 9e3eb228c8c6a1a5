// Pods, namespaces and SidecarSets on the test cluster, through the pinned kubectl.
import { rmSync } from 'node:fs';
import { eventually } from '../../support/wait.ts';
import { kubectl, type CommandResult } from '../cluster-env.ts';

/** The pod label every test pod carries; registrations select on it. */
export const RUN_LABEL = 'tandem.test/run';
/** Marks the suite's registrations, with the PID of the jest worker that made them. */
export const OWNER_PID_LABEL = 'tandem.test/owner-pid';
export const INJECTED_LABEL = 'tandem.dev/injected';
export const RECORD_ANNOTATION = 'tandem.dev/injection-record';
export const INJECT_ANNOTATION = 'tandem.dev/inject';
/** The namespace the chart is rendered for, excluded by its namespaceSelector. */
export const RELEASE_NAMESPACE = 'tandem-system';

export function newRunId(): string {
  return `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 6)}`;
}


export interface CreateResult extends CommandResult {
  /** The object as stored (or as it would be, with dryRun). */
  readonly object?: KubeObject;
  /** Admission warnings kubectl printed (`Warning: ...` lines). */
  readonly warnings: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface Container {
  name: string;
  image: string;
  restartPolicy?: string;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  shareProcessNamespace?: boolean;
  nodeName?: string;
}

export function create(namespace: string, object: KubeObject, options: { dryRun?: boolean } = {}): CreateResult {
  const args = ['create', '-n', namespace, '-o', 'json', '-f', '-'];
  if (options.dryRun === true) args.push('--dry-run=server');
  const result = kubectl(args, JSON.stringify(object));
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('Warning: '));
  return { ...result, warnings, ...(result.code === 0 ? { object: JSON.parse(result.stdout) as KubeObject } : {}) };
}

export interface PodOptions {
  readonly name: string;
  readonly runId: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly initContainers?: Container[];
  readonly restartPolicy?: string;
}

/** A minimal pod (one app container) carrying the run label. */
export function pod(options: PodOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: options.name, labels: podLabels(options), ...(options.annotations !== undefined ? { annotations: options.annotations } : {}) },
    spec: podSpec(options),
  };
}

export function podLabels(options: Pick<PodOptions, 'runId' | 'labels'>): Record<string, string> {
  return { [RUN_LABEL]: options.runId, ...options.labels };
}

export function podSpec(options: Pick<PodOptions, 'initContainers' | 'restartPolicy'>): Record<string, unknown> {
  return {
    containers: [{ name: 'app', image: 'registry.example/app:1' }],
    ...(options.initContainers !== undefined ? { initContainers: options.initContainers } : {}),
    ...(options.restartPolicy !== undefined ? { restartPolicy: options.restartPolicy } : {}),
    terminationGracePeriodSeconds: 0,
  };
}

export function podsOf(namespace: string, selector: string): (KubeObject & { spec: PodSpec })[] {
  const result = kubectl(['get', 'pods', '-o', 'json', '-n', namespace, '-l', selector]);
  mustSucceed(result, `get pods -l ${selector}`);
  return (JSON.parse(result.stdout) as { items: (KubeObject & { spec: PodSpec })[] }).items;
}

/** Creates a namespace with labels (deleted by deleteNamespaces) and waits for its default ServiceAccount. */
export async function createNamespace(name: string, labels: Record<string, string> = {}): Promise<void> {
  const object = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
  mustSucceed(kubectl(['create', '-f', '-'], JSON.stringify(object)), `create namespace ${name}`);
  await waitForDefaultServiceAccount(name);
}

export async function waitForDefaultServiceAccount(namespace: string): Promise<void> {
  const found = await eventually(() => kubectl(['get', 'serviceaccount', 'default', '-n', namespace, '-o', 'name']), (r) => r.code === 0, 30_000);
  mustSucceed(found, `default ServiceAccount of ${namespace}`);
}

/** Deletes namespaces without waiting for their pods to go. */
export function deleteNamespaces(names: readonly string[]): void {
  if (names.length === 0) return;
  kubectl(['delete', 'namespace', '--ignore-not-found', '--wait=false', ...names]);
}

export function sidecarSet(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'tandem.dev/v1alpha1', kind: 'SidecarSet', metadata: { name }, spec };
}

/** Waits until every pod matching `selector` in `namespace` (at least `count`) is Ready. */
export async function untilPodsReady(namespace: string, selector: string, count: number, timeoutMs = 60_000): Promise<(KubeObject & { spec: PodSpec })[]> {
  const ready = (pods: (KubeObject & { spec: PodSpec })[]): boolean =>
    pods.length >= count && pods.every((p) => isReady(p));
  const pods = await eventually(() => podsOf(namespace, selector), ready, timeoutMs);
  if (!ready(pods)) throw new Error(`pods ${selector} in ${namespace} not Ready: ${JSON.stringify(pods.map((p) => [p.metadata.name, p.status?.phase, p.spec.nodeName]))}`);
  return pods;
}

export function isReady(object: KubeObject): boolean {
  const status = object.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return status?.phase === 'Running' && (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function containerNames(spec: PodSpec): { containers: string[]; initContainers: string[] } {
  return { containers: spec.containers.map((c) => c.name), initContainers: (spec.initContainers ?? []).map((c) => c.name) };
}

export function mustSucceed(result: CommandResult, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.stderr || result.stdout}`);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}


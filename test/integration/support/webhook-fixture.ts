// The webhook suites' fixture: a test CA and serving certificate for
// 127.0.0.1, `tandem webhook` as a local child process (the apiserver calls
// it by URL), the MutatingWebhookConfiguration rendered from the chart, and
// small kubectl helpers for namespaces, pods and SidecarSets.
//
// Isolation. Every registration the suite installs is the chart's template
// rendered with webhook.url/caBundle, plus two additions that only narrow it:
// an objectSelector on the pod label `tandem.test/run=<run id>` (so the
// webhook under test only ever sees this run's pods, never the pods of
// whoever else shares the cluster, and a failurePolicy=Fail registration
// cannot block them) and labels that mark it as the suite's. Rules,
// namespaceSelector, matchConditions, failurePolicy, reinvocationPolicy,
// sideEffects and timeout are the chart's, unchanged.
import { afterAll, beforeAll } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { clusterTools, eventually, kubeconfigPath, kubectl, repoRoot, type CommandResult } from '../cluster-env.ts';

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

// ---------------------------------------------------------------------------
// Certificates

export interface TestPki {
  readonly dir: string;
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly caPem: string;
}

/** A throw-away CA and a serving certificate for IP:127.0.0.1 it signed (P-256, 1 day). */
export function createTestPki(dir = mkdtempSync(join(tmpdir(), 'tandem-webhook-it-'))): TestPki {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const certFile = join(dir, 'tls.crt');
  const keyFile = join(dir, 'tls.key');
  const csr = join(dir, 'tls.csr');
  const ext = join(dir, 'tls.ext');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', caKey, '-out', caFile, '-days', '1', '-subj', '/CN=tandem-test-ca']);
  openssl(['req', '-new', ...ec, '-keyout', keyFile, '-out', csr, '-subj', '/CN=tandem-webhook-test']);
  spawnSync('bash', ['-c', `printf '%s\\n' 'subjectAltName=IP:127.0.0.1' 'extendedKeyUsage=serverAuth' > "$1"`, '_', ext]);
  openssl(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile, '-days', '1', '-extfile', ext]);
  return { dir, caFile, certFile, keyFile, caPem: readFileSync(caFile, 'utf8') };
}

function openssl(args: readonly string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

// ---------------------------------------------------------------------------
// `tandem webhook` as a child process

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
  const ready = await eventuallyAsync(() => httpsGet(`${base}/readyz`, pki.caPem).catch(() => ({ status: 0, body: '' })), (r) => r.status === 200, 60_000);
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

export interface LoggedProcess {
  readonly pid: number;
  /** The JSON lines it wrote to stdout/stderr so far. */
  readonly lines: () => Record<string, unknown>[];
  /** Resolves with the first line `match` accepts; throws if the process exits first or time is up. */
  readonly untilLine: (match: (line: Record<string, unknown>) => boolean, timeoutMs: number) => Promise<Record<string, unknown>>;
  /** SIGTERM by PID, SIGKILL after 10 s; resolves when the process has exited. */
  readonly stop: () => Promise<void>;
}

/** `node ARGS...` in the repository, stdout and stderr to `logFile`. */
export function spawnLogged(args: readonly string[], logFile: string): LoggedProcess {
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', out, out], env: { ...process.env, NODE_OPTIONS: '' } });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start node ${args.join(' ')}`);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal === null ? null : -1);
      resolve();
    });
  });
  const lines = (): Record<string, unknown>[] => parseLogLines(readFileSync(logFile, 'utf8'));
  const stop = async (): Promise<void> => {
    if (exitCode !== undefined) return;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (exitCode === undefined) process.kill(pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const untilLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> =>
    untilLogLine({ describe: `node ${args.join(' ')}`, logFile, exitCode: () => exitCode, stop }, match, timeoutMs);
  return { pid, lines, untilLine, stop };
}

/** A process writing JSON lines to a log file, as untilLogLine watches it. */
export interface WatchedProcess {
  /** For the error: what was started. */
  readonly describe: string;
  readonly logFile: string;
  /** Undefined while it runs. */
  readonly exitCode: () => number | null | undefined;
  readonly stop: () => Promise<unknown>;
}

/** The first JSON line of the log `match` accepts; when the process exits first or time is up, stops it and throws with its log. */
export async function untilLogLine(watched: WatchedProcess, match: (line: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = parseLogLines(readFileSync(watched.logFile, 'utf8')).find(match);
    if (found !== undefined) return found;
    const code = watched.exitCode();
    if (code !== undefined || Date.now() > deadline) {
      await watched.stop();
      throw new Error(`${watched.describe} ${code !== undefined ? `exited (${code})` : `gave no expected line in ${timeoutMs} ms`}:\n${readFileSync(watched.logFile, 'utf8')}`);
    }
    await sleep(100);
  }
}

/** The JSON lines of a process's log (pino), skipping anything else it printed. */
export function parseLogLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

export function httpsGet(url: string, caPem: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, timeout: 5_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Prometheus text format, good enough for counters: `name{a="b"} 3` -> key `name{a="b"}`. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

/** Sum of every series of one metric, whatever its labels. */
export function metricTotal(metrics: Map<string, number>, name: string): number {
  let total = 0;
  for (const [key, value] of metrics) if (key === name || key.startsWith(`${name}{`)) total += value;
  return total;
}

// ---------------------------------------------------------------------------
// The webhook registration, rendered from the chart

export interface RenderOptions {
  /** Helm release name = the configuration's name. */
  readonly release: string;
  readonly url: string;
  readonly caPem: string;
  readonly runId: string;
  readonly failurePolicy?: 'Ignore' | 'Fail';
}

/** The chart's MutatingWebhookConfiguration in url mode, narrowed to this run's pods (see the file comment). */
export function renderWebhookConfiguration(options: RenderOptions): Record<string, unknown> {
  const args = [
    'template', options.release, join(repoRoot, 'charts/tandem'),
    '--namespace', RELEASE_NAMESPACE,
    '--set', `webhook.url=${options.url}`,
    '--set', `webhook.caBundle=${Buffer.from(options.caPem).toString('base64')}`,
    // The chart's own value narrows the registration to this run's pods.
    '--set-json', `webhook.objectSelector=${JSON.stringify(runSelector(options.runId))}`,
    '--show-only', 'templates/mutating-webhook-configuration.yaml',
  ];
  if (options.failurePolicy !== undefined) args.push('--set', `webhook.failurePolicy=${options.failurePolicy}`);
  const result = spawnSync(clusterTools().helm, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const documents = parseAllDocuments(result.stdout).map((document) => document.toJS() as Record<string, unknown> | null);
  const configuration = documents.find((document) => document?.kind === 'MutatingWebhookConfiguration');
  if (configuration === undefined || configuration === null) throw new Error(`helm template gave no MutatingWebhookConfiguration:\n${result.stdout}`);
  for (const webhook of configuration.webhooks as Record<string, unknown>[]) {
    if (JSON.stringify(webhook.objectSelector) !== JSON.stringify(runSelector(options.runId))) {
      throw new Error(`the chart did not render webhook.objectSelector as given: ${JSON.stringify(webhook.objectSelector)}`);
    }
  }
  return labelForRun(configuration, options.runId);
}

function runSelector(runId: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { [RUN_LABEL]: runId } };
}

/** The suite's ownership labels on the configuration itself (for clean-up). */
function labelForRun(configuration: Record<string, unknown>, runId: string): Record<string, unknown> {
  const metadata = configuration.metadata as { labels?: Record<string, string> };
  metadata.labels = { ...metadata.labels, [RUN_LABEL]: runId, [OWNER_PID_LABEL]: String(process.pid) };
  return configuration;
}

/** For configurations not rendered here (deploy/): adds the objectSelector on the run label and the ownership labels. */
export function narrowToRun(configuration: Record<string, unknown>, runId: string): Record<string, unknown> {
  for (const webhook of configuration.webhooks as Record<string, unknown>[]) {
    if (webhook.objectSelector !== undefined) throw new Error('deploy/ now sets an objectSelector: merge the run label into it');
    webhook.objectSelector = runSelector(runId);
  }
  return labelForRun(configuration, runId);
}

/** Server-side apply of one object (JSON), throwing with kubectl's message on failure. */
export function apply(object: Record<string, unknown>): void {
  mustSucceed(kubectl(['apply', '--server-side', '--force-conflicts', '--field-manager=tandem-tests', '-f', '-'], JSON.stringify(object)), 'apply');
}

/**
 * Fails fast, with the fix, when another Tandem webhook is registered on the
 * cluster (the demo's, or a real install): it would inject this suite's pods
 * too, so "the webhook is stopped" and "not called" could not be observed.
 * Leftovers of this suite whose jest process is gone are deleted.
 */
export function ensureNoOtherTandemWebhook(): void {
  const listed = kubectl(['get', 'mutatingwebhookconfigurations', '-o', 'json']);
  mustSucceed(listed, 'list MutatingWebhookConfigurations');
  const items = (JSON.parse(listed.stdout) as { items: { metadata: { name: string; labels?: Record<string, string> }; webhooks?: ListedWebhook[] }[] }).items;
  for (const item of items) {
    const ownerPid = item.metadata.labels?.[OWNER_PID_LABEL];
    if (ownerPid !== undefined) {
      if (!existsSync(`/proc/${ownerPid}`)) kubectl(['delete', 'mutatingwebhookconfiguration', item.metadata.name, '--ignore-not-found']);
      continue;
    }
    if ((item.webhooks ?? []).some((webhook) => webhook.name === 'inject.tandem.dev' && !leavesTestPodsAlone(webhook))) {
      throw new Error(
        `another Tandem webhook is registered on this cluster (mutatingwebhookconfiguration/${item.metadata.name}); ` +
          'it would inject the test pods too. Stop it first: `make demo-down` for the demo, ' +
          `or \`kubectl --kubeconfig ${kubeconfigPath()} delete mutatingwebhookconfiguration ${item.metadata.name}\`.`,
      );
    }
  }
}

interface ListedWebhook {
  name: string;
  objectSelector?: { matchExpressions?: { key: string; operator: string }[] };
}

/** The demo's registration (scripts/demo-cluster.sh) skips pods labelled with RUN_LABEL. */
function leavesTestPodsAlone(webhook: ListedWebhook): boolean {
  return (webhook.objectSelector?.matchExpressions ?? []).some((expression) => expression.key === RUN_LABEL && expression.operator === 'DoesNotExist');
}

/**
 * Waits until the apiserver calls the registration (it picks configurations
 * up asynchronously): dry-run creates an opted-in pod in `namespace` until
 * `accept` likes the answer.
 */
export async function untilRegistrationActive(
  namespace: string,
  runId: string,
  accept: (result: CreateResult) => boolean,
  volumes: readonly string[] = [],
): Promise<CreateResult> {
  const probe = pod({ name: 'registration-probe', runId, annotations: { [INJECT_ANNOTATION]: 'true' } });
  if (volumes.length > 0) (probe.spec as { volumes?: unknown[] }).volumes = volumes.map((name) => ({ name, emptyDir: {} }));
  const result = await eventually(() => create(namespace, probe, { dryRun: true }), accept, 30_000);
  if (!accept(result)) throw new Error(`the webhook registration did not take effect: ${result.stderr}`);
  return result;
}

// ---------------------------------------------------------------------------
// Objects

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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** eventually() for async checks. */
export async function eventuallyAsync<T>(check: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await check();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(250);
    value = await check();
  }
  return value;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------
// One file's set-up: SidecarSets, the webhook in cluster mode, its registration

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
  for (const set of sets) apply(set as unknown as Record<string, unknown>);
  const pki = createTestPki();
  const release = `tandem-it-${runId}`;
  const namespace = release;
  const webhook = await startWebhookProcess(pki, ['--kubeconfig', kubeconfigPath()], join(pki.dir, 'webhook.log'));
  const register = (failurePolicy?: 'Ignore' | 'Fail'): void => {
    apply(renderWebhookConfiguration({ release, url: webhook.url, caPem: pki.caPem, runId, ...(failurePolicy !== undefined ? { failurePolicy } : {}) }));
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

// The shipped mesh-proxy SidecarSets (deploy/examples/proxy-sidecarset.yaml)
// and bootstrap (deploy/examples/proxy-bootstrap.yaml), on the real node,
// through the real apiserver and Tandem's webhook. Everything is as shipped
// except the two images, which cannot be had here: Envoy's is replaced by the
// proxy stand-in (test/images/proxy-stand-in, NOT Envoy: it takes Envoy's
// command line and serves what the bootstrap declares) and Istio's by
// istio-iptables built from Istio's module with Debian's iptables
// (test/images/proxy-capture). docs/proxy.md says what this proves and what
// the stand-in cannot.
//
// Explicit mode, in a namespace enforcing the restricted profile: the app's
// first container starts only once the proxy's startup probe passed; a
// request to the pod's port 15080 reaches nginx through the proxy; a Job's
// pod completes with the proxy in it; deleting the pod runs the preStop drain
// (bash, /dev/tcp, the admin port) before the kubelet's SIGTERM.
// Transparent mode, in a privileged namespace: istio-iptables runs in the
// pod's own network namespace, and the app's outbound and inbound TCP
// connections are redirected to the proxy (it reads their original
// destination from the kernel's NAT, which only a real REDIRECT sets).
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubectl, repoRoot } from '../../integration/cluster-env.ts';
import { mustSucceed, newRunId, RUN_LABEL, type KubeObject } from '../../integration/support/cluster-objects.ts';
import { setUpWebhookSuite, type WebhookSuite } from '../../integration/support/webhook-fixture.ts';
import { eventually } from '../../support/wait.ts';
import { describeOnRealNode } from './support/describe-on-real-node.ts';
import { execIn, loadImage, onRealNode, type ProjectImage, type RealNode } from './support/real-node.ts';
import { completedJobPod, getPod, httpGetText, kubectlAsync, statuses, type ContainerStatus, type PodObject } from './support/pods.ts';
import { eventMs, firstEvent, proxyEvents, type ProxyEvent } from './support/proxy-events.ts';

const runId = newRunId();
const explicitNs = `mesh-${runId}`;
const capturedNs = `mesh-capture-${runId}`;
const PROXY = 'tandem-proxy';
const CAPTURE = 'tandem-proxy-capture';

interface ShippedContainer {
  name: string;
  image: string;
  [field: string]: unknown;
}
interface ShippedSet extends KubeObject {
  spec: { containers?: ShippedContainer[]; initContainers?: ShippedContainer[]; [field: string]: unknown };
}

function shippedDocuments(file: string): KubeObject[] {
  return parseAllDocuments(readFileSync(join(repoRoot, 'deploy/examples', file), 'utf8')).map((document) => document.toJSON() as KubeObject);
}

/** The shipped set named `name`, with its one container's image replaced by `image` and nothing else changed. */
function shippedSet(name: string, image: string): { set: ShippedSet; shipped: ShippedContainer } {
  const set = shippedDocuments('proxy-sidecarset.yaml').find((document) => document.metadata.name === name) as ShippedSet | undefined;
  const container = set?.spec.containers?.[0] ?? set?.spec.initContainers?.[0];
  if (set === undefined || container === undefined) throw new Error(`no SidecarSet ${name} with a container in deploy/examples/proxy-sidecarset.yaml`);
  const shipped = structuredClone(container);
  container.image = image;
  return { set, shipped };
}

/** The shipped bootstrap ConfigMap, in `namespace`. */
function bootstrap(namespace: string): KubeObject {
  const configMap = shippedDocuments('proxy-bootstrap.yaml')[0];
  if (configMap === undefined) throw new Error('no ConfigMap in deploy/examples/proxy-bootstrap.yaml');
  configMap.metadata.namespace = namespace;
  return configMap;
}

/** What the restricted profile asks of every container (the proxy's set sets its own). */
const RESTRICTED = { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };

function container(name: string, image: ProjectImage, command?: string[]): Record<string, unknown> {
  return { name, image: image.ref, imagePullPolicy: 'Never', ...(command !== undefined ? { command } : {}), securityContext: RESTRICTED };
}

interface PodName {
  readonly namespace: string;
  readonly name: string;
  /** The sets the pod opts into (tandem.dev/inject); none when absent. */
  readonly inject?: string;
}

/** A pod on the real node. */
function podManifest(node: RealNode, { namespace, name, inject }: PodName, spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { [RUN_LABEL]: runId, app: name }, ...(inject !== undefined ? { annotations: { 'tandem.dev/inject': inject } } : {}) },
    spec: { ...onRealNode(node), terminationGracePeriodSeconds: 30, ...spec },
  };
}

async function createNamespace(name: string, level: 'restricted' | 'privileged', suite: WebhookSuite): Promise<void> {
  mustSucceed(kubectl(['create', 'namespace', name]), `create namespace ${name}`);
  suite.namespaces.push(name);
  mustSucceed(kubectl(['label', 'namespace', name, `pod-security.kubernetes.io/enforce=${level}`]), `label namespace ${name}`);
  mustSucceed(kubectl(['apply', '-f', '-'], JSON.stringify(bootstrap(name))), `the proxy's bootstrap in ${name}`);
  await eventually(() => kubectl(['get', 'serviceaccount', 'default', '-n', name]), (result) => result.code === 0, 30_000);
}

function runningPod(namespace: string, manifest: Record<string, unknown>): PodObject {
  mustSucceed(kubectl(['apply', '-f', '-'], JSON.stringify(manifest)), `create pod ${JSON.stringify((manifest.metadata as { name: string }).name)}`);
  const name = (manifest.metadata as { name: string }).name;
  const wait = kubectl(['wait', '--for=condition=Ready', '--timeout=180s', `pod/${name}`, '-n', namespace]);
  const described = wait.code === 0 ? '' : kubectl(['describe', 'pod', name, '-n', namespace]).stdout;
  mustSucceed(wait, `pod ${namespace}/${name} Ready\n${described}`);
  return getPod(namespace, name);
}

function proxyLog(namespace: string, pod: string): ProxyEvent[] {
  return proxyEvents(kubectl(['logs', '-n', namespace, pod, '-c', PROXY]).stdout);
}

function status(pod: PodObject, name: string): ContainerStatus {
  const found = statuses(pod).find((s) => s.name === name);
  if (found === undefined) throw new Error(`no status for container ${name}: ${JSON.stringify(statuses(pod))}`);
  return found;
}

function startedAtMs(pod: PodObject, name: string): number {
  const state = status(pod, name).state;
  const started = state?.running?.startedAt ?? state?.terminated?.startedAt;
  if (started === undefined) throw new Error(`container ${name} has not started`);
  return Date.parse(started);
}

/**
 * A shipped container as the apiserver stores it in a pod: an env value ""
 * is omitted (the same thing to the kubelet). Defaults the apiserver adds
 * (a port's protocol) are left to toMatchObject, which ignores extra fields;
 * volumeMounts are left out (the pod adds its service account's): compare
 * them with arrayContaining.
 */
function asStored(shipped: ShippedContainer): ShippedContainer {
  const { volumeMounts: _mounts, ...stored } = shipped;
  const env = shipped.env as { name: string; value?: string }[] | undefined;
  if (env === undefined) return stored;
  return { ...stored, env: env.map((variable) => (variable.value === '' ? { name: variable.name } : variable)) };
}

/** The kubelet reports times in whole seconds: an event's time as the kubelet would write it. */
function toKubeletSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

describeOnRealNode('the shipped mesh-proxy SidecarSets on the real node (Envoy replaced by a stand-in)', (node) => {
  let suite: WebhookSuite | undefined;
  let standIn: ProjectImage;
  let capture: ProjectImage;
  let nginx: ProjectImage;
  let toolbox: ProjectImage;
  let proxyShipped: ShippedContainer;
  let captureShipped: ShippedContainer;
  let web: PodObject;

  beforeAll(async () => {
    standIn = loadImage(node, 'proxy-stand-in');
    capture = loadImage(node, 'proxy-capture');
    nginx = loadImage(node, 'nginx');
    toolbox = loadImage(node, 'toolbox');
    const proxySet = shippedSet(PROXY, standIn.ref);
    const captureSet = shippedSet(CAPTURE, capture.ref);
    proxyShipped = proxySet.shipped;
    captureShipped = captureSet.shipped;
    suite = await setUpWebhookSuite(runId, [proxySet.set, captureSet.set]);
    await createNamespace(explicitNs, 'restricted', suite);
    web = runningPod(
      explicitNs,
      podManifest(node, { namespace: explicitNs, name: 'web', inject: PROXY }, {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
        // The app's first container calls the proxy once, and fails (the pod restarts it) if the proxy is not live yet.
        initContainers: [container('first-call', toolbox, ['wget', '-q', '-O-', 'http://127.0.0.1:15021/ready'])],
        containers: [container('nginx', nginx)],
      }),
    );
  }, 1_500_000);

  afterAll(async () => {
    await suite?.tearDown();
  }, 120_000);

  it('injects the shipped proxy, changed in nothing but its image, as a native sidecar ahead of the app', () => {
    expect(web.spec.nodeName).toBe(node.name);
    expect(web.spec.initContainers?.map((c) => [c.name, c.restartPolicy ?? ''])).toEqual([
      [PROXY, 'Always'],
      ['first-call', ''],
    ]);
    const injected = web.spec.initContainers?.[0];
    expect(injected).toMatchObject(asStored({ ...proxyShipped, image: standIn.ref }));
    expect(injected?.volumeMounts).toEqual(expect.arrayContaining(proxyShipped.volumeMounts as unknown[]));
    // What the kubelet ran is the stand-in, by digest: nothing here pretends to be Envoy.
    expect(status(web, PROXY).imageID).toBe(standIn.config);
    expect(firstEvent(proxyLog(explicitNs, web.metadata.name), 'start').stand_in_for).toBe('envoy');
  });

  it("starts the app's first container only after the proxy's startup probe passed", () => {
    const events = proxyLog(explicitNs, web.metadata.name);
    const probes = events.filter((event) => event.event === 'ready' && String(event.user_agent).startsWith('kube-probe/'));
    const firstPass = probes.find((event) => event.status === 200);
    if (firstPass === undefined) throw new Error(`the kubelet's probe never passed: ${JSON.stringify(probes)}`);
    // The probe failed first (the stand-in answers INITIALIZING for its ready delay, as Envoy does while it initializes)...
    expect(probes.slice(0, probes.indexOf(firstPass)).map((event) => [event.status, event.state])).toContainEqual([503, 'INITIALIZING']);
    // ...and the app's container started only in or after the second the probe passed.
    expect(startedAtMs(web, 'first-call')).toBeGreaterThanOrEqual(toKubeletSecond(eventMs(firstPass)));
    // Its one call found the proxy live: no restart, and the stand-in answered it after the probe had passed.
    expect(status(web, 'first-call').restartCount).toBe(0);
    expect(kubectl(['logs', '-n', explicitNs, web.metadata.name, '-c', 'first-call']).stdout).toBe('LIVE\n');
    const appCall = firstEvent(events, 'ready', (event) => String(event.user_agent).startsWith('Wget'));
    expect([appCall.status, eventMs(appCall) >= eventMs(firstPass)]).toEqual([200, true]);
  });

  it("serves the pod's port 15080 through the proxy to the app", async () => {
    const body = await httpGetText(`http://${web.status.podIP ?? ''}:15080/`);
    expect(body).toContain('Welcome to nginx!');
    const request = firstEvent(proxyLog(explicitNs, web.metadata.name), 'request', (event) => event.listener === 'inbound-explicit');
    expect([request.cluster, request.status, request.path]).toEqual(['app', 200, '/']);
    // nginx got it from the proxy, on loopback (the bootstrap's app cluster is 127.0.0.1:8080).
    expect(kubectl(['logs', '-n', explicitNs, web.metadata.name, '-c', 'nginx']).stdout).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 /m);
  });

  it('lets a Job with the proxy complete: the sidecar does not keep its pod alive', async () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'report', namespace: explicitNs },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: { labels: { [RUN_LABEL]: runId, app: 'report' }, annotations: { 'tandem.dev/inject': PROXY } },
          spec: {
            ...onRealNode(node),
            restartPolicy: 'Never',
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [container('report', toolbox, ['wget', '-q', '-O-', 'http://127.0.0.1:15021/ready'])],
          },
        },
      },
    };
    const pod = await completedJobPod(explicitNs, job, 'app=report');
    expect(pod.spec.initContainers?.map((c) => [c.name, c.restartPolicy])).toEqual([[PROXY, 'Always']]);
    expect(status(pod, 'report').state?.terminated?.exitCode).toBe(0);
    // The kubelet stopped the proxy once the app had exited.
    const proxy = status(pod, PROXY).state?.terminated;
    const report = status(pod, 'report').state?.terminated;
    if (proxy === undefined || report === undefined) throw new Error(`not both terminated: ${JSON.stringify(statuses(pod))}`);
    expect(Date.parse(proxy.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.finishedAt));
    expect(kubectl(['logs', '-n', explicitNs, pod.metadata.name, '-c', 'report']).stdout).toBe('LIVE\n');
  });

  it('runs the preStop drain (bash, /dev/tcp, the admin port) before the proxy gets SIGTERM when the pod is deleted', async () => {
    const name = web.metadata.name;
    // The logs of a pod being deleted are gone once it is: follow them from now on. The app's
    // with the runtime's timestamps (nanoseconds, the same clock as the stand-in's).
    const followed = kubectlAsync(['logs', '-f', '-n', explicitNs, name, '-c', PROXY]);
    const appFollowed = kubectlAsync(['logs', '-f', '--timestamps', '-n', explicitNs, name, '-c', 'nginx']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    mustSucceed(kubectl(['delete', 'pod', name, '-n', explicitNs, '--wait=false']), `delete pod ${name}`);
    const events = proxyEvents((await followed).stdout);
    const drain = firstEvent(events, 'drain_listeners');
    const signal = firstEvent(events, 'signal');
    // The shipped hook's request, as Envoy's admin API reads it: graceful, inbound listeners only.
    expect([drain.graceful, drain.inbound_only, drain.stops]).toEqual([true, true, ['inbound-explicit', 'inbound-capture']]);
    expect([signal.signal, signal.action]).toEqual(['SIGTERM', 'exit']);
    // SIGTERM came after the drain and the hook's 5 s wait.
    expect(eventMs(signal) - eventMs(drain)).toBeGreaterThanOrEqual(5_000);
    // The kubelet ran the proxy's hook only after the app had stopped (native sidecars stop after the app):
    // nginx's last line, on SIGQUIT (its stop signal), came before the drain.
    const appLog = (await appFollowed).stdout;
    const appExit = /^(\S+) \S+ \S+ \[notice\] \d+#\d+: exit$/m.exec(appLog)?.[1];
    if (appExit === undefined) throw new Error(`nginx did not log its exit:\n${appLog}`);
    expect(appLog).toMatch(/signal 3 \(SIGQUIT\) received/);
    expect(Date.parse(appExit)).toBeLessThanOrEqual(eventMs(drain));
  }, 120_000);

  it('captures the TCP traffic of a pod in transparent mode: istio-iptables in its own network namespace', async () => {
    if (suite === undefined) throw new Error('no suite');
    await createNamespace(capturedNs, 'privileged', suite);
    const upstream = runningPod(capturedNs, podManifest(node, { namespace: capturedNs, name: 'upstream' }, { containers: [container('nginx', nginx)] }));
    const captured = runningPod(
      capturedNs,
      podManifest(node, { namespace: capturedNs, name: 'captured', inject: `${PROXY},${CAPTURE}` }, {
        containers: [container('nginx', nginx), container('client', toolbox, ['sleep', '100000'])],
      }),
    );
    expect(upstream.spec.initContainers ?? []).toEqual([]);
    expect(captured.spec.initContainers?.map((c) => [c.name, c.restartPolicy ?? ''])).toEqual([
      [PROXY, 'Always'],
      [CAPTURE, ''],
    ]);
    expect(captured.spec.initContainers?.[1]).toMatchObject(asStored({ ...captureShipped, image: capture.ref }));
    expect(status(captured, CAPTURE).state?.terminated?.exitCode).toBe(0);
    const rules = kubectl(['logs', '-n', capturedNs, captured.metadata.name, '-c', CAPTURE]).stdout;
    expect(rules).toMatch(/-A ISTIO_REDIRECT -p tcp -j REDIRECT --to-ports 15001/);
    const upstreamIp = upstream.status.podIP ?? '';
    const capturedIp = captured.status.podIP ?? '';

    // Outbound: the client dials the upstream pod; the kernel hands the connection to the proxy's 15001.
    const answer = execIn(capturedNs, captured.metadata.name, 'client', ['wget', '-q', '-O-', `http://${upstreamIp}:8080/`]);
    expect(answer).toContain('Welcome to nginx!');
    const outbound = firstEvent(proxyLog(capturedNs, captured.metadata.name), 'connection', (event) => event.listener === 'outbound-capture');
    expect([outbound.original_dst, outbound.upstream, outbound.error]).toEqual([`${upstreamIp}:8080`, `${upstreamIp}:8080`, undefined]);
    // The upstream saw the captured pod's address (the proxy's own connection, not redirected: UID 1337).
    expect(kubectl(['logs', '-n', capturedNs, 'upstream', '-c', 'nginx']).stdout).toContain(`${capturedIp} - - [`);

    // Inbound: a request to the pod's port 8080 goes to the proxy's 15006, which connects to the app from 127.0.0.6.
    expect(await httpGetText(`http://${capturedIp}:8080/`)).toContain('Welcome to nginx!');
    // (The kubelet's probes of 15021 are captured too: the set excludes no inbound port unless the pod asks.)
    const inbound = firstEvent(proxyLog(capturedNs, captured.metadata.name), 'connection', (event) => event.listener === 'inbound-capture' && event.original_dst === `${capturedIp}:8080`);
    expect([inbound.upstream, inbound.source, inbound.error]).toEqual([`${capturedIp}:8080`, '127.0.0.6', undefined]);
    expect(kubectl(['logs', '-n', capturedNs, captured.metadata.name, '-c', 'nginx']).stdout).toMatch(/^127\.0\.0\.6 - - \[/m);
  }, 600_000);
});

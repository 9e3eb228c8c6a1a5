// The seed's pod, for real: a Deployment of nginx opts into the reloader
// SidecarSet exactly as deploy/examples/ ships it (its image, command, V8
// flags), through the real apiserver and Tandem's webhook, and runs on the
// local cluster's real node (kubelet, containerd, runc). The two containers
// share one PID namespace; a ConfigMap edit reaches nginx's answers, reloaded
// by SIGHUP from the sidecar and verified over HTTP (the check the shipped
// `node --lite-mode` could not make with fetch); a template nginx rejects is
// rolled back while nginx keeps serving the last good config.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { eventually, kubectl, repoRoot } from '../../integration/cluster-env.ts';
import { apply, mustSucceed, newRunId, RUN_LABEL, setUpWebhookSuite, type KubeObject, type WebhookSuite } from '../../integration/support/webhook-fixture.ts';
import { describeOnRealNode } from './support/describe-on-real-node.ts';
import { execIn, loadImage } from './support/real-node.ts';
import { httpGetText, podOf, untilDeploymentReady, type RunningPod } from './support/pods.ts';

const runId = newRunId();
const namespace = `seed-${runId}`;

function shipped(file: string, kind: string): KubeObject {
  const documents = parseAllDocuments(readFileSync(join(repoRoot, 'deploy/examples', file), 'utf8')).map((d) => d.toJSON() as KubeObject);
  const found = documents.find((document) => document.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} in deploy/examples/${file}`);
  return found;
}

/**
 * The demo's seed pod (scripts/demo/seed-pod.yaml), in this run's namespace,
 * with this run's nginx image and the run label the webhook registration
 * selects.
 */
function workload(nginxImage: string): KubeObject[] {
  const text = readFileSync(join(repoRoot, 'scripts/demo/seed-pod.yaml'), 'utf8').replaceAll('NGINX_IMAGE', nginxImage);
  return parseAllDocuments(text).map((document) => {
    const object = document.toJSON() as KubeObject & { subjects?: { namespace?: string }[]; spec?: { template?: { metadata: { labels: Record<string, string> } } } };
    object.metadata.namespace = namespace;
    for (const subject of object.subjects ?? []) subject.namespace = namespace;
    const template = object.spec?.template;
    if (template !== undefined) template.metadata.labels[RUN_LABEL] = runId;
    return object;
  });
}

/** The seed's nginx.conf template with `extra` in its server block. */
function nginxConf(extra: string): string {
  const configMap = workload('unused').find((object) => object.metadata.name === 'seed-reloader') as unknown as { data: Record<string, string> };
  const template = configMap.data['nginx.conf'] ?? '';
  return template.replace('listen 8080;', `listen 8080;\n    ${extra}`);
}

describeOnRealNode('the seed pod: nginx and the shipped tandem reloader on the real node', (node) => {
  let suite: WebhookSuite | undefined;
  let seed: RunningPod;
  const sidecarSet = shipped('reloader-sidecarset.yaml', 'SidecarSet');
  const shippedImage = (sidecarSet.spec as { containers: { image: string }[] }).containers[0]?.image;

  beforeAll(async () => {
    const tandem = loadImage(node, 'tandem');
    expect(tandem.ref).toBe(shippedImage);
    const nginx = loadImage(node, 'nginx');
    suite = await setUpWebhookSuite(runId, [sidecarSet]);
    apply(shipped('reloader-rbac.yaml', 'ClusterRole') as unknown as Record<string, unknown>);
    const created = kubectl(['create', 'namespace', namespace]);
    mustSucceed(created, `create namespace ${namespace}`);
    mustSucceed(kubectl(['label', 'namespace', namespace, 'pod-security.kubernetes.io/enforce=restricted']), 'label namespace');
    suite.namespaces.push(namespace);
    for (const object of workload(nginx.ref)) mustSucceed(kubectl(['apply', '-f', '-'], JSON.stringify(object)), `apply ${object.kind}`);
    await untilDeploymentReady(namespace, 'seed', 180_000);
    seed = podOf(namespace, 'app=seed');
  }, 1_500_000);

  afterAll(async () => {
    await suite?.tearDown();
  }, 120_000);

  it('runs on the real node with the reloader as a native sidecar before nginx', () => {
    expect(seed.nodeName).toBe(node.name);
    expect(seed.spec.shareProcessNamespace).toBe(true);
    expect(seed.spec.initContainers?.map((c) => [c.name, c.restartPolicy, c.image])).toEqual([['tandem-reloader', 'Always', shippedImage]]);
    expect(seed.spec.initContainers?.[0]?.command).toEqual(['node', '--lite-mode', '--max-semi-space-size=1', '/app/dist/bundle/main.js']);
    const reloaderStarted = Date.parse(seed.startedAt('tandem-reloader'));
    const nginxStarted = Date.parse(seed.startedAt('nginx'));
    expect(reloaderStarted).toBeLessThanOrEqual(nginxStarted);
  });

  it('shares one PID namespace: the reloader sees nginx, and PID 1 is the pod sandbox', () => {
    const processes = execIn(namespace, seed.name, 'tandem-reloader', [
      'node',
      '-e',
      "for (const p of require('fs').readdirSync('/proc').filter((d) => /^\\d+$/.test(d))) { try { console.log(p, require('fs').readFileSync('/proc/' + p + '/cmdline', 'utf8').split('\\0').join(' ').trim()); } catch {} }",
    ]);
    expect(processes).toMatch(/^1 \/pause/m);
    expect(processes).toMatch(/^\d+ nginx: master process nginx -c \/etc\/tandem-reloader\/nginx\.conf/m);
    expect(processes).toMatch(/^\d+ node --lite-mode --max-semi-space-size=1 \/app\/dist\/bundle\/main\.js reloader/m);
  });

  it('serves the rendered config, and a ConfigMap edit reaches nginx by SIGHUP, verified over HTTP', async () => {
    expect(await httpGetText(`http://${seed.ip}:8080/`)).toBe('hello\n');
    mustSucceed(kubectl(['patch', 'configmap', 'seed-settings', '-n', namespace, '--type=merge', '-p', '{"data":{"greeting":"bonjour"}}']), 'patch settings');
    expect(await untilServed(seed, 'bonjour\n')).toBe('bonjour\n');
    const logs = kubectl(['logs', '-n', namespace, seed.name, '-c', 'tandem-reloader']).stdout;
    expect(logs).toMatch(/"reload":"SIGHUP sent to pid [0-9]+ \(nginx: master process/);
    expect(logs).not.toMatch(/WebAssembly|verify-failed/);
    expect(kubectl(['logs', '-n', namespace, seed.name, '-c', 'nginx']).stdout).toMatch(/signal 1 \(SIGHUP\) received/);
    expect(seed.restartCounts()).toEqual({ 'tandem-reloader': 0, nginx: 0 });
  });

  it('rolls back a template nginx rejects, and nginx keeps serving the last good config', async () => {
    const broken = JSON.stringify({ data: { 'nginx.conf': nginxConf('bogus_directive on;') } });
    mustSucceed(kubectl(['patch', 'configmap', 'seed-reloader', '-n', namespace, '--type=merge', '-p', broken]), 'patch template');
    const logs = await eventually(
      () => kubectl(['logs', '-n', namespace, seed.name, '-c', 'tandem-reloader']).stdout,
      (text) => text.includes('verify-failed'),
      60_000,
    );
    expect(logs).toContain('verify-failed: previous files restored');
    expect(await httpGetText(`http://${seed.ip}:8080/`)).toBe('bonjour\n');
    const conf = execIn(namespace, seed.name, 'tandem-reloader', ['node', '-e', "process.stdout.write(require('fs').readFileSync('/etc/tandem-reloader/nginx.conf', 'utf8'))"]);
    expect(conf).not.toContain('bogus_directive');
  });
});

async function untilServed(pod: RunningPod, body: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await httpGetText(`http://${pod.ip}:8080/`).catch((error: unknown) => String(error));
    if (last === body) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return last;
}

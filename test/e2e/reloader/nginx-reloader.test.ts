// The seed's scenario for real: nginx and the reloader in one "pod" (a PID
// namespace whose PID 1 is a pause process, the reloader joined to it with
// nsenter), nginx's config rendered from a ConfigMap and the EndpointSlices of
// a Service on the local control plane and from a key on a real etcd server,
// reloaded by SIGHUP through the shared process namespace, while a request
// loop sees no failed request. Bad configs are refused by the check or rolled
// back after nginx rejects the reload. The reloader's own configuration lives
// in a ConfigMap: an edited template is applied live, an invalid
// configuration is refused while the last good one keeps running.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';
import { stringify } from 'yaml';
import { kubeconfigPath, kubectl, repoRoot } from '../../integration/cluster-env.ts';
import {
  findEtcd,
  freePort,
  httpGet,
  missingPrerequisite,
  startBackendNetwork,
  startEtcd,
  startPod,
  startRequestLoop,
  until,
  type BackendNetwork,
  type EtcdServer,
  type Pod,
} from './support/pod-sandbox.ts';

const missing = missingPrerequisite();
const etcdBinary = findEtcd(repoRoot);
if (missing !== undefined) {
  process.stderr.write(`SKIPPING reloader e2e: ${missing}\n`);
}
const describeE2e = missing === undefined ? describe : describe.skip;

const namespace = `reloader-e2e-${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'tandem-reloader-e2e-'));
let pod: Pod;
let network: BackendNetwork;
let etcd: EtcdServer;
let etcdClient: Etcd3;
let reloader: ChildProcess;
let nginx: ChildProcess;
let port = 0;
let metricsPort = 0;
let logs = '';
let busy: Server;
let reloaderYaml = '';
const template = readFileSync(join(import.meta.dirname, 'nginx.conf.liquid'), 'utf8');
/** Run in reverse at the end: whatever beforeAll got to start. */
const cleanups: (() => void)[] = [];

const base = (): string => `http://127.0.0.1:${port}`;
const body = async (path: string): Promise<string> => (await httpGet(`${base()}${path}`)).body;

function apply(manifest: string): void {
  const result = kubectl(['apply', '-n', namespace, '-f', '-'], manifest);
  if (result.code !== 0) throw new Error(`kubectl apply: ${result.stderr}`);
}

function settings(greeting: string, extra = ''): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web-settings }\ndata:\n  greeting: ${JSON.stringify(greeting)}\n  extra: ${JSON.stringify(extra)}\n`;
}

function slice(ready: readonly [boolean, boolean]): string {
  const [a, b] = network.addresses;
  return `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: { name: web-manual, labels: { kubernetes.io/service-name: web } }
addressType: IPv4
ports: [{ name: http, port: ${network.port}, protocol: TCP }]
endpoints:
  - { addresses: ["${a}"], conditions: { ready: ${ready[0]} } }
  - { addresses: ["${b}"], conditions: { ready: ${ready[1]} } }
`;
}

/** The reloader's configuration ConfigMap, as the pod annotation tandem.dev/reloader-config names it. */
function reloaderConfigMap(config: string, nginxTemplate: string): string {
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-reloader' }, data: { 'reloader.yaml': config, 'nginx.conf.liquid': nginxTemplate } });
}

async function statusz(): Promise<{ config: { valid: boolean; revision: string; rejected?: { problems: string[] } } }> {
  return (await (await fetch(`http://127.0.0.1:${metricsPort}/statusz`)).json()) as { config: { valid: boolean; revision: string; rejected?: { problems: string[] } } };
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(name));
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function readyz(): Promise<{ status: number; body: { ready: boolean; reasons: string[] } }> {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/readyz`);
  return { status: response.status, body: (await response.json()) as { ready: boolean; reasons: string[] } };
}

/** Log lines reach the test through a pipe, a little after the metrics change. */
async function logged(text: string): Promise<void> {
  await until(`the log line "${text}"`, () => (logs.includes(text) ? true : undefined), 5_000);
}

/** Runs change() while a request loop hits path; waits until path serves expected; asserts no request failed. */
async function changeUnderLoad(path: string, change: () => Promise<void> | void, expected: string): Promise<void> {
  const loop = startRequestLoop(`${base()}${path}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await change();
  await until(`${path} to serve ${expected}`, async () => ((await body(path)) === expected ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const seen = await loop.stop();
  expect(seen.failures).toEqual([]);
  expect(seen.requests).toBeGreaterThan(10);
  expect(seen.bodies.has(expected)).toBe(true);
}

describeE2e('tandem reloader with real nginx in a shared PID namespace', () => {
  beforeAll(async () => {
    if (etcdBinary === undefined) throw new Error('no etcd binary: run test/cluster/build.sh, or apt-get install etcd-server and set TANDEM_ETCD');
    [port, metricsPort] = [await freePort(), await freePort()];
    mkdirSync(join(dir, 'conf'));
    mkdirSync(join(dir, 'tmp'));
    mkdirSync(join(dir, 'paths'));
    // Values the template needs about this run, through a file source.
    writeFileSync(join(dir, 'paths', 'dir'), dir);
    writeFileSync(join(dir, 'paths', 'port'), String(port));

    network = await startBackendNetwork();
    cleanups.push(() => {
      network.destroy();
    });
    etcd = await startEtcd(join(dir, 'etcd'), etcdBinary);
    cleanups.push(() => {
      etcd.stop();
    });
    etcdClient = new Etcd3({ hosts: etcd.endpoint });
    cleanups.push(() => {
      etcdClient.close();
    });
    await etcdClient.put('/app/route').value('route-1');

    expect(kubectl(['create', 'namespace', namespace]).code).toBe(0);
    cleanups.push(() => kubectl(['delete', 'namespace', namespace, '--wait=false']));
    apply(settings('hello-1'));
    apply(`apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ name: http, port: 80 }] }\n`);
    apply(slice([true, false]));

    reloaderYaml = `sources:
  settings: { configMap: { name: web-settings } }
  backends: { endpointSlices: { service: web, port: http } }
  routes: { etcd: { endpoints: ["${etcd.endpoint}"], prefix: /app/ } }
  paths: { file: { path: ${dir}/paths } }
groups:
  nginx:
    wait: { min: 50ms, max: 500ms }
    reload: { process: { name: nginx } }
    verify:
      http: { url: "http://127.0.0.1:${port}/-/revision", bodyContains: "{{ revision }}" }
      timeout: 3s
templates:
  - src: nginx.conf.liquid
    dest: ${dir}/conf/nginx.conf
    group: nginx
    check: [nginx, -t, -q, -c, "{{ src }}"]
`;
    apply(reloaderConfigMap(reloaderYaml, template));

    pod = await startPod();
    cleanups.push(() => {
      pod.destroy();
    });
    // The reloader starts first, as a native sidecar: nginx starts after its startup probe passes.
    reloader = pod.exec([
      'env', 'TANDEM_LOG_LEVEL=debug',
      process.execPath,
      join(import.meta.dirname, '../../../operator/cli/main.ts'),
      'reloader',
      '--config-map', 'web-reloader',
      '--kubeconfig', kubeconfigPath(),
      '--namespace', namespace,
      '--listen', `127.0.0.1:${metricsPort}`,
    ]);
    reloader.stdout?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    reloader.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    await until('the first render (/startupz)', async () => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}/startupz`).catch(() => undefined);
      return response?.status === 200 ? true : undefined;
    }, 30_000);
    nginx = pod.exec(['nginx', '-c', join(dir, 'conf/nginx.conf'), '-g', 'daemon off;']);
    await until('nginx', async () => ((await body('/greeting')) === 'hello-1' ? true : undefined));
  }, 120_000);

  afterAll(() => {
    for (const cleanup of cleanups.reverse()) cleanup();
    if (process.env.TANDEM_E2E_LOGS !== undefined) process.stderr.write(logs);
  });

  it('rendered before nginx started, and did not reload it for its own start', async () => {
    expect(await body('/route')).toBe('route-1');
    expect(await body('/backend')).toBe(`backend ${network.addresses[0]}`);
    await logged('no target process to reload yet');
    await logged('target process started after the files were written: no reload needed');
    expect(await metric('tandem_reloader_reloads_total{group="nginx",result="success"}')).toBe(0);
    expect((await readyz()).status).toBe(200);
    expect(nginx.exitCode).toBeNull();
  });

  it('(a) follows a ConfigMap with no failed request', async () => {
    await changeUnderLoad('/greeting', () => { apply(settings('hello-2')); }, 'hello-2');
    await until('the reload to count', async () => ((await metric('tandem_reloader_reloads_total{group="nginx",result="success"}')) >= 1 ? true : undefined));
  });

  it('(b) follows the Ready endpoints of a Service with no failed request', async () => {
    await changeUnderLoad('/backend', () => { apply(slice([false, true])); }, `backend ${network.addresses[1]}`);
    const conf = readFileSync(join(dir, 'conf/nginx.conf'), 'utf8');
    expect(conf).toContain(`server ${network.addresses[1]}:${network.port};`);
    expect(conf).not.toContain(`server ${network.addresses[0]}:`);
  });

  it('(c) follows an etcd key with no failed request', async () => {
    await changeUnderLoad('/route', async () => {
      await etcdClient.put('/app/route').value('route-2');
    }, 'route-2');
  });

  it('coalesces a burst of changes into one reload', async () => {
    const before = await metric('tandem_reloader_reloads_total{group="nginx",result="success"}');
    for (let i = 0; i < 10; i += 1) await etcdClient.put('/app/route').value(`burst-${i}`);
    await until('the last value', async () => ((await body('/route')) === 'burst-9' ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await metric('tandem_reloader_reloads_total{group="nginx",result="success"}')).toBe(before + 1);
  });

  it('follows an edited template in its own configuration ConfigMap with no failed request', async () => {
    const reloads = await metric('tandem_reloader_reloads_total{group="nginx",result="success"}');
    const before = (await statusz()).config.revision;
    await changeUnderLoad('/template', () => { apply(reloaderConfigMap(reloaderYaml, template.replace('template-1', 'template-2'))); }, 'template-2');
    expect(await metric('tandem_reloader_config_reloads_total{result="success"}')).toBe(1);
    expect(await metric('tandem_reloader_reloads_total{group="nginx",result="success"}')).toBe(reloads + 1);
    expect((await statusz()).config).toMatchObject({ valid: true });
    expect((await statusz()).config.revision).not.toBe(before);
    await logged('configuration switched');
  });

  it('refuses an invalid configuration: the last good one keeps running, and the failure shows', async () => {
    const invalid = reloaderYaml.replace('wait: { min: 50ms, max: 500ms }', 'wait: { min: soon, max: 500ms }');
    apply(reloaderConfigMap(invalid, template.replace('template-1', 'template-3')));
    await until('the refusal', async () => ((await metric('tandem_reloader_config_reloads_total{result="failure"}')) === 1 ? true : undefined));
    const status = (await statusz()).config;
    expect(status.valid).toBe(false);
    expect(status.rejected?.problems.join('\n')).toContain('groups.nginx.wait.min');
    expect(await metric('tandem_reloader_config_last_reload_successful')).toBe(0);
    await logged('configuration refused, the last good one keeps running');
    expect(await body('/template')).toBe('template-2');
    // Still the running configuration: it follows its sources, with no failed request.
    await changeUnderLoad('/greeting', () => { apply(settings('hello-2b')); }, 'hello-2b');
    expect((await readyz()).status).toBe(200);
    // Fixed: switched to it.
    apply(reloaderConfigMap(reloaderYaml, template.replace('template-1', 'template-3')));
    await until('the fixed configuration', async () => ((await body('/template')) === 'template-3' ? true : undefined));
    // The switch counts once its groups applied the new files, verify included (the template is part of the revision nginx must serve).
    await until('the switch counted', async () => ((await metric('tandem_reloader_config_last_reload_successful')) === 1 ? true : undefined));
    expect(await metric('tandem_reloader_config_last_reload_successful')).toBe(1);
  });

  it('refuses a config nginx -t rejects: nginx keeps serving, metrics, readiness and logs say so', async () => {
    const failures = await metric('tandem_reloader_checks_total{group="nginx",result="failure"}');
    const conf = readFileSync(join(dir, 'conf/nginx.conf'), 'utf8');
    apply(settings('hello-3', 'bogus_directive on;'));
    await until('the check failure', async () => ((await metric('tandem_reloader_checks_total{group="nginx",result="failure"}')) > failures ? true : undefined));
    expect(await body('/greeting')).toBe('hello-2b');
    expect(readFileSync(join(dir, 'conf/nginx.conf'), 'utf8')).toBe(conf);
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.body.reasons.join('\n')).toMatch(/group nginx: check-failed: .*unknown directive "bogus_directive"/);
    await logged('check failed: the previous files stay in place');
    expect(await metric('tandem_reloader_in_sync{group="nginx"}')).toBe(0);
    // Fixed: back in sync.
    apply(settings('hello-4'));
    await until('recovery', async () => ((await body('/greeting')) === 'hello-4' ? true : undefined));
    await until('readiness', async () => ((await readyz()).status === 200 ? true : undefined));
  });

  it('rolls back a config that passes nginx -t but that nginx rejects on reload', async () => {
    // nginx -t does not bind sockets; on SIGHUP the master cannot bind a port in use, logs an emerg and keeps the old config.
    busy = createServer();
    const taken = await freePort();
    await new Promise<void>((resolve) => busy.listen(taken, '127.0.0.1', resolve));
    cleanups.push(() => busy.close());
    const conf = readFileSync(join(dir, 'conf/nginx.conf'), 'utf8');
    const rollbacks = await metric('tandem_reloader_rollbacks_total{group="nginx",result="success"}');
    const loop = startRequestLoop(`${base()}/greeting`);
    apply(settings('hello-5', `listen 127.0.0.1:${taken};`));
    await until('the rollback', async () => ((await metric('tandem_reloader_rollbacks_total{group="nginx",result="success"}')) > rollbacks ? true : undefined));
    const seen = await loop.stop();
    expect(seen.failures).toEqual([]);
    expect(await body('/greeting')).toBe('hello-4');
    expect(readFileSync(join(dir, 'conf/nginx.conf'), 'utf8')).toBe(conf);
    await logged('verify-failed: previous files restored');
    expect((await readyz()).body.reasons.join('\n')).toContain('group nginx: verify-failed');
  });
});

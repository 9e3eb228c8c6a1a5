import { afterEach, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerWebhookCommand, startWebhook, type RunningWebhook, type WebhookFlags } from '../../../operator/cli/webhook-command.ts';
import { createLogger } from '../../../operator/logging/logger.ts';
import { FakeApiServer } from '../support/fake-api-server.ts';
import { until } from '../../support/wait.ts';
import { fixture } from './support/fixtures.ts';
import { call } from './support/https-client.ts';
import { createTestCertificate, temporaryDirectory } from '../../support/test-certificate.ts';

const SETS_YAML = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata:
  name: proxy
spec:
  selector:
    matchLabels: {app: web}
  containers:
    - name: proxy
      image: example.com/proxy:1
`;

const logger = createLogger({ level: 'silent' });
let running: RunningWebhook | undefined;
let api: FakeApiServer | undefined;

afterEach(async () => {
  await running?.stop();
  await api?.stop();
  running = undefined;
  api = undefined;
});

function baseFlags(dir: string): WebhookFlags & { ca: string } {
  const certificate = createTestCertificate(dir);
  return {
    listen: { host: '127.0.0.1', port: 0 },
    tlsCertFile: certificate.certFile,
    tlsKeyFile: certificate.keyFile,
    ca: certificate.certPem,
  };
}

async function admit(port: number, ca: string) {
  return call(port, { body: JSON.stringify(fixture('pod-create.json')), ca });
}

describe('tandem webhook', () => {
  it('serves the SidecarSets of a file in static mode', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'sets.yaml'), SETS_YAML);
    const flags = baseFlags(dir);
    running = await startWebhook({ ...flags, sidecarsets: [join(dir, 'sets.yaml')], namespaceLabels: {} }, logger);
    const answer = await admit(running.server.address.port, flags.ca);
    expect(answer.review().response.patchType).toBe('JSONPatch');
  });

  it('follows the SidecarSets file as it changes, keeping the last valid version when an edit is invalid', async () => {
    const dir = temporaryDirectory();
    const file = join(dir, 'sets.yaml');
    writeFileSync(file, SETS_YAML);
    const lines: string[] = [];
    const capture = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const flags = baseFlags(dir);
    running = await startWebhook({ ...flags, sidecarsets: [file], namespaceLabels: {}, sidecarsetsPollMs: 50 }, capture);
    const port = running.server.address.port;
    const injectedImage = async (): Promise<string | undefined> => {
      const encoded = (await admit(port, flags.ca)).review().response.patch ?? '';
      const patch = JSON.parse(Buffer.from(encoded, 'base64').toString()) as { path: string; value?: { image?: string }[] }[];
      return patch.find((operation) => operation.path === '/spec/initContainers')?.value?.[0]?.image;
    };
    const eventually = async (condition: () => Promise<boolean> | boolean): Promise<void> => {
      const deadline = Date.now() + 5000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error('condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    expect(await injectedImage()).toBe('example.com/proxy:1');

    writeFileSync(file, SETS_YAML.replace('proxy:1', 'proxy:2'));
    await eventually(async () => (await injectedImage()) === 'example.com/proxy:2');

    writeFileSync(file, SETS_YAML.replace('matchLabels: {app: web}', '{}'));
    await eventually(() => lines.some((line) => line.includes('SidecarSet files refused')));
    expect(await injectedImage()).toBe('example.com/proxy:2');
    expect(lines.find((line) => line.includes('SidecarSet files refused'))).toContain('sets.yaml');

    // SIGHUP re-reads at once, without waiting for the next poll.
    writeFileSync(file, SETS_YAML.replace('proxy:1', 'proxy:3'));
    await running.reload();
    expect(await injectedImage()).toBe('example.com/proxy:3');
  });

  it('refuses an invalid SidecarSets file, naming it', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'sets.yaml'), SETS_YAML.replace('matchLabels: {app: web}', '{}'));
    await expect(startWebhook({ ...baseFlags(dir), sidecarsets: [join(dir, 'sets.yaml')] }, logger)).rejects.toThrow(/sets\.yaml/);
  });

  it('refuses a SidecarSet defined in two files', async () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'a.yaml'), SETS_YAML);
    writeFileSync(join(dir, 'b.yaml'), SETS_YAML);
    await expect(
      startWebhook({ ...baseFlags(dir), sidecarsets: [join(dir, 'a.yaml'), join(dir, 'b.yaml')] }, logger),
    ).rejects.toThrow('SidecarSet "proxy" is defined in more than one --sidecarsets file');
  });

  it('refuses --namespace-labels in cluster mode', async () => {
    const dir = temporaryDirectory();
    await expect(startWebhook({ ...baseFlags(dir), namespaceLabels: { a: 'b' } }, logger)).rejects.toThrow(
      /--namespace-labels only applies with --sidecarsets/,
    );
  });

  it('in cluster mode reads the version, becomes ready once both reflectors synced, and injects', async () => {
    api = new FakeApiServer();
    await api.start();
    api.onList('/version', () => ({ status: 200, body: { major: '1', minor: '28', gitVersion: 'v1.28.9' } }));
    api.onList('/apis/tandem.dev/v1alpha1/sidecarsets', () => ({
      status: 200,
      body: {
        kind: 'SidecarSetList',
        metadata: { resourceVersion: '3' },
        items: [
          {
            apiVersion: 'tandem.dev/v1alpha1',
            kind: 'SidecarSet',
            metadata: { name: 'proxy', resourceVersion: '2' },
            spec: { selector: { matchLabels: { app: 'web' } }, containers: [{ name: 'proxy', image: 'example.com/proxy:1' }] },
          },
        ],
      },
    }));
    api.onList('/api/v1/namespaces', () => ({
      status: 200,
      body: { kind: 'NamespaceList', metadata: { resourceVersion: '5' }, items: [{ metadata: { name: 'shop', resourceVersion: '4' } }] },
    }));
    const dir = temporaryDirectory();
    const kubeconfig = join(dir, 'kubeconfig');
    const config = api.kubeConfig();
    writeFileSync(kubeconfig, config.exportConfig());
    const flags = baseFlags(dir);
    running = await startWebhook({ ...flags, kubeconfig }, logger);
    const port = running.server.address.port;
    const ready = async () => (await call(port, { method: 'GET', path: '/readyz', ca: flags.ca })).status;
    const deadline = Date.now() + 5000;
    while ((await ready()) !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ready()).toBe(200);

    const review = (await admit(port, flags.ca)).review();
    const patch = JSON.parse(Buffer.from(review.response.patch ?? '', 'base64').toString('utf8')) as { path: string; value: unknown }[];
    // 1.28 has no native sidecars: nativeSidecars Auto puts the proxy among the containers.
    expect(patch).toContainEqual(expect.objectContaining({ path: '/spec/containers/1', value: expect.objectContaining({ name: 'proxy' }) }));
    await until(() => api!.requests.some((request) => request.url.pathname === '/version'));
  });

  it.each([
    [['--sidecarsets', 'a.yaml', '--kubeconfig', 'k'], /cannot be used with/],
    [['--listen', 'nonsense'], /is not HOST:PORT/],
    [['--kube-version', 'latest'], /is not a Kubernetes version/],
    [['--log-level', 'loud'], /is not one of/],
    [['--shutdown-delay', '-1'], /is not a number of seconds/],
  ])('rejects the flags %j', async (args, message) => {
    const program = new Command('tandem').exitOverride();
    let stderr = '';
    program.configureOutput({ writeErr: (text) => (stderr += text), writeOut: () => undefined });
    registerWebhookCommand(program);
    await expect(
      program.parseAsync(['webhook', '--tls-cert-file', 'c', '--tls-key-file', 'k', ...args], { from: 'user' }),
    ).rejects.toThrow();
    expect(stderr).toMatch(message);
  });
});

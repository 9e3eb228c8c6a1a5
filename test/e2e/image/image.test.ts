// The container image, without an image builder: scripts/stage-image.ts
// replays the Dockerfile into a directory outside the checkout, and these
// tests start what the image starts, as processes: the ENTRYPOINT and CMD the
// Dockerfile declares, the chart's Deployment command and args (operator,
// against the test cluster), the webhook in static mode over TLS, and the
// chart's reloader SidecarSet command rendering a template. Node can only
// resolve packages from the staged /app/node_modules, which must hold the
// production dependencies and nothing else, and no run may write into the
// image's filesystem (the chart sets readOnlyRootFilesystem).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import { parse, parseAllDocuments } from 'yaml';
import { clusterTools, kubeconfigPath, kubectl, repoRoot, stateDir } from '../../integration/cluster-env.ts';
import { httpsGet } from '../../integration/support/logged-process.ts';
import { createTestPki, type TestPki } from '../../support/test-certificate.ts';
import {
  containerArgv,
  hostPath,
  runContainer,
  stageImage,
  startContainer,
  treeManifest,
  type ContainerSpec,
  type RunningContainer,
  type StagedImage,
} from './support/staged-container.ts';
import { freePort } from '../../support/free-port.ts';
import { StopWaiting, waitFor } from '../../support/wait.ts';

interface PackageJson {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

interface Container {
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const values = parse(readFileSync(join(repoRoot, 'charts/tandem/values.yaml'), 'utf8')) as { node: { flags: string[]; entrypoint: string }; reloader: { command: string[] } };
const run = `${Date.now().toString(36).slice(-4)}${process.pid.toString(36)}`;
const work = mkdtempSync(join(tmpdir(), 'tandem-image-'));
const logs = join(stateDir, 'logs');
const MiB = 1024 * 1024;

let image: StagedImage;
let before: Map<string, string>;
let pki: TestPki;

beforeAll(() => {
  image = stageImage();
  before = treeManifest(image.rootfs);
  pki = createTestPki(join(work, 'tls'));
  mkdirSync(logs, { recursive: true });
  const { sizes } = image;
  console.log(
    `staged image (${image.reused ? 'reused' : 'built'} in ${image.seconds.toFixed(1)} s): /app ${(sizes.app / MiB).toFixed(1)} MiB = ` +
      `dist ${(sizes.dist / MiB).toFixed(1)} MiB + node_modules ${(sizes.nodeModules / MiB).toFixed(1)} MiB, plus the base image; ${image.rootfs}`,
  );
}, 600_000);

/** Polls `probe` until it passes; fails at once, with the log, when the container exits meanwhile. */
async function untilRunning(container: RunningContainer, what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    what,
    async () => {
      if (container.exitCode() !== undefined) throw new StopWaiting(`the container exited (${container.exitCode()}) before ${what}:\n${readFileSync(container.logFile, 'utf8')}`);
      return (await probe()) ? true : undefined;
    },
    timeoutMs,
  );
}

const httpsStatus = async (url: string, caPem: string): Promise<number> => (await httpsGet(url, caPem).catch(() => ({ status: 0 }))).status;

/** `helm template` of the chart (release tandem, namespace default) with `sets`, one template. */
function renderChart(sets: readonly string[], template: string): Record<string, unknown>[] {
  const args = ['template', 'tandem', join(repoRoot, 'charts/tandem'), '--namespace', 'default', '--show-only', template];
  for (const set of sets) args.push('--set', set);
  const result = spawnSync(clusterTools().helm, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`helm template: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJSON() as Record<string, unknown> | null)
    .filter((document): document is Record<string, unknown> => document !== null);
}

function deploymentContainer(sets: readonly string[]): Container {
  const deployment = renderChart(sets, 'templates/deployment.yaml')[0] as { spec: { template: { spec: { containers: Container[] } } } };
  return deployment.spec.template.spec.containers[0]!;
}

function reloaderContainer(): Container {
  const sidecarSet = renderChart(['reloader.enabled=true'], 'templates/reloader-sidecarset.yaml').find((document) => document.kind === 'SidecarSet') as {
    spec: { containers: Container[] };
  };
  return sidecarSet.spec.containers[0]!;
}

/** The pod's environment as the kubelet would resolve it (metadata.name from the downward API). */
function podEnv(container: Container, podName: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.fieldRef?.fieldPath === 'metadata.name') env[variable.name] = podName;
  }
  return env;
}

function httpsPost(url: string, caPem: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: caPem, timeout: 5_000, agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Directories holding a package under a node_modules tree, as package-lock.json keys (node_modules/a/node_modules/@b/c). */
function installedPackages(nodeModules: string, prefix = 'node_modules'): string[] {
  const found: string[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const names = name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((inner) => `${name}/${inner}`) : [name];
    for (const pkg of names) {
      found.push(`${prefix}/${pkg}`);
      const nested = join(nodeModules, pkg, 'node_modules');
      if (existsSync(nested)) found.push(...installedPackages(nested, `${prefix}/${pkg}/node_modules`));
    }
  }
  return found;
}

/** Bare specifiers (packages, not node: built-ins or relative paths) that the built JavaScript imports or requires. */
function bareImports(dir: string): Set<string> {
  const specifiers = new Set<string>();
  const builtins = new Set(builtinModules);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
      const specifier = match[1]!;
      if (!specifier.startsWith('node:') && !builtins.has(specifier)) specifiers.add(specifier);
    }
  }
  return specifiers;
}

const packageName = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('the staged image', () => {
  it('has the layout the chart and the examples start', () => {
    const { config } = image;
    // node through the image's PATH, as the runtime resolves `command: [node, ...]`.
    const node = config.env.PATH!.split(':').map((dir) => hostPath(image, `${dir}/node`)).find((file) => existsSync(file));
    expect(node).toBeDefined();
    expect(config.entrypoint).toEqual(['node', values.node.entrypoint]);
    const paths = [values.node.entrypoint, values.reloader.command.at(-1)!, '/app/package.json', '/app/node_modules'];
    for (const container of [deploymentContainer([]), reloaderContainer()]) {
      expect(container.command?.[0]).toBe('node');
      paths.push(...(container.command ?? []).filter((arg) => arg.startsWith('/')));
    }
    for (const path of paths) expect([path, existsSync(hostPath(image, path))]).toEqual([path, true]);
    expect(JSON.parse(readFileSync(hostPath(image, '/app/package.json'), 'utf8'))).toMatchObject({ name: 'tandem', type: 'module', version: packageJson.version });
  });

  it('runs as a numeric non-root user that can read every file', () => {
    expect(image.config.user).toMatch(/^[1-9]\d*(:\d+)?$/);
    // Files are root's in the image; user 65532 reads them through the "other" bits.
    const unreadable = [...treeManifest(hostPath(image, '/app')).entries()].filter(([path]) => {
      const stat = lstatSync(join(hostPath(image, '/app'), path));
      return !stat.isSymbolicLink() && ((stat.mode & 0o004) === 0 || (stat.isDirectory() && (stat.mode & 0o001) === 0));
    });
    expect(unreadable).toEqual([]);
  });

  it('holds the production dependencies, and no other package', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const production = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && entry.dev !== true).map(([key]) => key).sort();
    const installed = installedPackages(hostPath(image, '/app/node_modules')).sort();
    expect(installed).toEqual(production);
    // Dev dependencies that no production package needs (@types/node, for one, is also a production package's dependency).
    const devOnly = Object.keys(packageJson.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['jest', 'typescript', 'esbuild', 'eslint', '@swc/core', 'fast-json-patch']));
    for (const name of devOnly) {
      expect([name, existsSync(hostPath(image, `/app/node_modules/${name}`))]).toEqual([name, false]);
    }
    // Type declarations and source maps are never read at run time.
    const trimmed = readdirSync(hostPath(image, '/app/node_modules'), { recursive: true }).filter((file) => /\.d\.[mc]?ts$|\.[mc]?js\.map$/.test(String(file)));
    expect(trimmed).toEqual([]);
    expect(image.sizes.app).toBeLessThan(100 * MiB);
  });

  it('resolves every package the built code imports from /app/node_modules, and only production dependencies', () => {
    const specifiers = [...bareImports(hostPath(image, '/app/dist'))].sort();
    expect(specifiers).toEqual(expect.arrayContaining(['@kubernetes/client-node', 'etcd3', 'commander']));
    const notProduction = specifiers.filter((specifier) => packageJson.dependencies[packageName(specifier)] === undefined);
    expect(notProduction).toEqual([]);
    // Resolved by the image's node from /app, as the entry points' imports are.
    const resolve = runContainer(image, {
      command: ['node', '--input-type=module', '-e', 'for (const s of JSON.parse(process.argv[1])) console.log(import.meta.resolve(s))', JSON.stringify(specifiers)],
    });
    expect(resolve.stderr).toBe('');
    const resolved = resolve.stdout.trim().split('\n');
    expect(resolved).toHaveLength(specifiers.length);
    for (const url of resolved) expect(url.startsWith(`file://${hostPath(image, '/app/node_modules')}/`)).toBe(true);
  });

  it('cannot reach a node_modules outside /app', () => {
    const outside: string[] = [];
    for (let dir = dirname(hostPath(image, '/app')); dir !== dirname(dir); dir = dirname(dir)) outside.push(join(dir, 'node_modules'));
    expect(outside.filter((dir) => existsSync(dir))).toEqual([]);
    expect(image.rootfs.startsWith(`${repoRoot}/`)).toBe(false);
  });
});

describe('the entry point', () => {
  it('prints the version (docker run IMAGE --version)', () => {
    const version = runContainer(image, { args: ['--version'] });
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('prints the help, listing every command, without arguments (CMD)', () => {
    expect(image.config.cmd).toEqual(['--help']);
    const help = runContainer(image, {});
    expect(help.code).toBe(0);
    for (const command of ['operator', 'webhook', 'reloader', 'inject', 'explain']) expect(help.stdout).toContain(`\n  ${command} `);
  });

  it('runs the webhook from files, answering an AdmissionReview over TLS (docker run IMAGE webhook ...)', async () => {
    const spec: ContainerSpec = {
      args: ['webhook', '--sidecarsets', '/etc/tandem/sets/sidecarsets.yaml', '--tls-cert-file', '/etc/tandem/tls/tls.crt', '--tls-key-file', '/etc/tandem/tls/tls.key', '--listen', '127.0.0.1:0'],
      mounts: { '/etc/tandem/sets': join(repoRoot, 'deploy/examples'), '/etc/tandem/tls': pki.dir },
    };
    expect(containerArgv(image, spec).slice(0, 3)).toEqual(['node', '/app/dist/operator/cli/main.js', 'webhook']);
    const webhook = startContainer(image, spec, join(logs, `image-webhook-${run}.log`));
    try {
      const listening = await webhook.untilLine((line) => line.msg === 'webhook server listening');
      const base = `https://127.0.0.1:${/:(\d+)$/.exec(String(listening.address))?.[1]}`;
      await untilRunning(webhook, 'the webhook is ready', async () => (await httpsStatus(`${base}/readyz`, pki.caPem)) === 200);
      const review = readFileSync(join(repoRoot, 'test/fixtures/admission-review/pod-create.json'), 'utf8').replace('"app": "web",', '"app": "web", "mesh": "enabled",');
      const answer = await httpsPost(`${base}/mutate-pods`, pki.caPem, review);
      expect(answer.status).toBe(200);
      const response = (JSON.parse(answer.body) as { response: { allowed: boolean; patch?: string } }).response;
      expect(response.allowed).toBe(true);
      expect(Buffer.from(response.patch ?? '', 'base64').toString()).toContain('registry.example.com/mesh/proxy');
    } finally {
      expect(await webhook.stop()).toBe(0);
    }
  });

  it("runs the operator with the chart's Deployment command and args, against the cluster", async () => {
    const port = await freePort();
    const lease = `tandem-image-${run}`;
    const container = deploymentContainer([
      'certificates.mode=provided',
      `webhook.caBundle=${Buffer.from(pki.caPem).toString('base64')}`,
      `webhook.port=${port}`,
      `leaderElection.leaseName=${lease}`,
      'shutdown.delaySeconds=0',
    ]);
    expect(container.command).toEqual(['node', ...values.node.flags, values.node.entrypoint]);
    const podName = `tandem-image-${run}`;
    const spec: ContainerSpec = {
      command: container.command!,
      // Only this test's SidecarSets (none) are reconciled, so sets other suites left behind are not touched.
      args: [...container.args!, `--sidecarset-selector=tandem.test/image=${run}`],
      // In a pod the service account's token; here the test cluster's kubeconfig.
      env: { ...podEnv(container, podName), KUBECONFIG: kubeconfigPath() },
      mounts: Object.fromEntries((container.volumeMounts ?? []).filter((mount) => mount.name === 'tls').map((mount) => [mount.mountPath, pki.dir])),
    };
    expect(spec.mounts).toEqual({ '/etc/tandem/tls': pki.dir });
    const operator = startContainer(image, spec, join(logs, `image-operator-${run}.log`));
    const holder = (): string => kubectl(['get', 'lease', '-n', 'default', lease, '-o', 'jsonpath={.spec.holderIdentity}']).stdout;
    try {
      await untilRunning(operator, 'the operator is ready', async () => (await httpsStatus(`https://127.0.0.1:${port}/readyz`, pki.caPem)) === 200);
      await untilRunning(operator, 'the operator leads', () => holder().startsWith(`${podName}_`), 30_000);
      expect(await operator.stop()).toBe(0);
      expect(holder()).toBe('');
    } finally {
      await operator.stop();
      kubectl(['delete', 'lease', '-n', 'default', lease, '--ignore-not-found']);
    }
  });

  it("runs the reloader with the chart's SidecarSet command, rendering from a file source", async () => {
    const container = reloaderContainer();
    expect(container.command).toEqual(values.reloader.command);
    expect(container.args).toEqual(['reloader']);
    const dir = join(work, 'reloader');
    mkdirSync(join(dir, 'values'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'values', 'greeting'), 'hello');
    writeFileSync(join(dir, 'app.liquid'), 'greeting={{ sources.values.greeting | upcase }}\n');
    writeFileSync(join(dir, 'reloader.yaml'), `sources:\n  values: { file: { path: ${dir}/values } }\ntemplates:\n  - { src: app.liquid, dest: ${dir}/out/app.conf }\n`);
    const reloader = startContainer(
      image,
      // In a pod the configuration comes from the ConfigMap the pod's annotation names; here from a file.
      { command: container.command!, args: [...container.args!, '--config', '/etc/tandem-reloader-config/reloader.yaml', '--listen', '127.0.0.1:0'], mounts: { '/etc/tandem-reloader-config': dir } },
      join(logs, `image-reloader-${run}.log`),
    );
    try {
      const started = await reloader.untilLine((line) => line.msg === 'reloader started; waiting for its sources');
      const port = /:(\d+)$/.exec(String(started.listen))?.[1];
      await untilRunning(reloader, 'the startup probe passes', async () => (await fetch(`http://127.0.0.1:${port}/startupz`).catch(() => undefined))?.status === 200);
      expect(readFileSync(join(dir, 'out', 'app.conf'), 'utf8')).toBe('greeting=HELLO\n');
      writeFileSync(join(dir, 'values', 'greeting'), 'bye');
      await untilRunning(reloader, 'the change is rendered', () => readFileSync(join(dir, 'out', 'app.conf'), 'utf8') === 'greeting=BYE\n');
    } finally {
      expect(await reloader.stop()).toBe(0);
    }
  });

  it('wrote nothing into the image filesystem (readOnlyRootFilesystem)', () => {
    const after = treeManifest(image.rootfs);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => before.get(path) !== after.get(path));
    expect(changed).toEqual([]);
    expect(statSync(image.rootfs).isDirectory()).toBe(true);
  });
});

afterAll(() => {
  spawnSync('rm', ['-rf', work]);
});

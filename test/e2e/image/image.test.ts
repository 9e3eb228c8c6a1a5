// Tandem's image as `make image` builds it (scripts/build-image.ts tandem):
// the archive is read by the tools users load it with (skopeo for the OCI
// layout and Docker's manifest.json, containerd's `ctr images import` when
// test/cluster has built it), a second build from scratch under another
// umask gives the same bytes, and the configuration and filesystem are what
// the chart, deploy/ and the examples rely on. Then what the image starts
// runs from the unpacked root filesystem of THAT archive (same digest), as a
// runtime would start it (support/image-container.ts: chroot, the image's
// user, read-only root): ENTRYPOINT and CMD, the webhook over TLS, the
// chart's Deployment command against the test cluster, and the chart's
// reloader SidecarSet command.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { clusterTools, kubeconfigPath, kubectl, repoRoot, stateDir } from '../../integration/cluster-env.ts';
import { httpsGet } from '../../integration/support/logged-process.ts';
import { freePort } from '../../support/free-port.ts';
import { createTestPki, type TestPki } from '../../support/test-certificate.ts';
import { StopWaiting, waitFor } from '../../support/wait.ts';
import {
  buildImage,
  containerArgv,
  missingPrerequisite,
  runContainer,
  startContainer,
  unpackImage,
  type ContainerSpec,
  type RunningContainer,
  type UnpackedImage,
} from './support/image-container.ts';
import { findContainerd, startContainerd } from './support/private-containerd.ts';

interface PackageJson {
  version: string;
  license: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

interface Container {
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

const missing = missingPrerequisite();
if (missing !== undefined) process.stderr.write(`SKIPPING image e2e: ${missing}\n`);
const describeImage = missing === undefined ? describe : describe.skip;
const containerd = findContainerd();
// containerd is built by test/cluster with the real node; before that, say so rather than pass silently.
const itWithCtr = containerd === undefined ? it.skip : it;

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const chart = parse(readFileSync(join(repoRoot, 'charts/tandem/Chart.yaml'), 'utf8')) as { appVersion: string };
const values = parse(readFileSync(join(repoRoot, 'charts/tandem/values.yaml'), 'utf8')) as {
  image: { repository: string };
  node: { flags: string[]; entrypoint: string };
  reloader: { command: string[] };
};
const nodeVersion = /^TANDEM_NODE_VERSION="([^"]+)"/m.exec(readFileSync(join(repoRoot, 'scripts/node-env.sh'), 'utf8'))?.[1];
const run = `${Date.now().toString(36).slice(-4)}${process.pid.toString(36)}`;
const work = mkdtempSync(join(tmpdir(), 'tandem-image-'));
const logs = join(stateDir, 'logs');
const MiB = 1024 * 1024;
/** What bin/tandem and `npx tandem` start too (ADR 0013). */
const FAST_CLI_LAUNCHER = '/app/dist/cli/launch.cjs';

let image: UnpackedImage;
let pki: TestPki;

beforeAll(() => {
  if (missing !== undefined) return;
  const started = Date.now();
  const build = buildImage('tandem');
  image = unpackImage(build, join(work, 'unpacked'));
  // Files the containers read as UID 65532 (the key too, as the docs say for a volume).
  pki = createTestPki(join(work, 'tls'));
  chmodSync(pki.dir, 0o755);
  for (const name of readdirSync(pki.dir)) chmodSync(join(pki.dir, name), 0o644);
  mkdirSync(logs, { recursive: true });
  console.log(`${build.ref} ${build.digest}: ${build.archive}, built or reused and unpacked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 1_800_000);

afterAll(() => {
  spawnSync('rm', ['-rf', work]);
});

const rootfsPath = (path: string): string => join(image.rootfs, path);

function skopeo(args: readonly string[]): string {
  const result = spawnSync('skopeo', args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * MiB });
  if (result.status !== 0) throw new Error(`skopeo ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

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

function deploymentContainer(sets: readonly string[]): Container & { image?: string } {
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

/** Polls `probe` until it passes; fails at once, with the log, when the container exits meanwhile. */
async function untilRunning(container: RunningContainer, what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    what,
    async () => {
      if (container.exitCode() !== undefined) throw new StopWaiting(`the container exited (${container.exitCode()}) before ${what}:\n${container.log()}`);
      return (await probe()) ? true : undefined;
    },
    timeoutMs,
  );
}

const httpsStatus = async (url: string, caPem: string): Promise<number> => (await httpsGet(url, caPem).catch(() => ({ status: 0 }))).status;

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

/** Every path under `dir` (relative), not following symlinks. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    const stat = lstatSync(join(dir, path));
    return stat.isDirectory() && !stat.isSymbolicLink() ? [path, ...walk(dir, path)] : [path];
  });
}

describeImage('the archive', () => {
  it('is an OCI archive skopeo reads, naming the image by the chart\'s repository and appVersion, with the digest the build printed', () => {
    expect(image.build.ref).toBe(`${values.image.repository}:${chart.appVersion}`);
    const inspected = JSON.parse(skopeo(['inspect', `oci-archive:${image.build.archive}:${image.build.ref}`])) as { Digest: string; Layers: string[]; Architecture: string; Os: string };
    expect(inspected).toMatchObject({ Digest: image.build.digest, Architecture: 'amd64', Os: 'linux' });
    expect(inspected.Layers).toHaveLength(4);
    const index = JSON.parse(readFileSync(join(image.layout, 'index.json'), 'utf8')) as { manifests: { digest: string; annotations: Record<string, string> }[] };
    expect(index.manifests).toEqual([
      expect.objectContaining({ digest: image.build.digest, annotations: { 'io.containerd.image.name': image.build.ref, 'org.opencontainers.image.ref.name': image.build.ref } }),
    ]);
  });

  it("is a Docker archive too (manifest.json, what docker load reads), with the same configuration blob, and converts to one", () => {
    const raw = JSON.parse(skopeo(['inspect', '--raw', `docker-archive:${image.build.archive}`])) as { config: { digest: string }; layers: unknown[] };
    expect(raw.config.digest).toBe(image.build.config);
    expect(raw.layers).toHaveLength(4);
    const converted = join(work, 'docker.tar');
    skopeo(['copy', '--quiet', `oci-archive:${image.build.archive}:${image.build.ref}`, `docker-archive:${converted}:${image.build.ref}`]);
    const copied = JSON.parse(skopeo(['inspect', `docker-archive:${converted}`])) as { RepoTags: string[]; Labels: Record<string, string> };
    expect(copied.Labels['org.opencontainers.image.version']).toBe(packageJson.version);
  }, 600_000);

  itWithCtr(`imports with ctr images import, layers unpacked and checked against their diff_ids (what kind load image-archive runs)${containerd === undefined ? ' (skipped: test/cluster has not built containerd yet)' : ''}`, async () => {
    const daemon = await startContainerd(containerd!);
    try {
      const imported = daemon.ctr(['images', 'import', '--snapshotter', 'native', image.build.archive]);
      expect([imported.code, imported.stderr.replace(/.*DEPRECATION.*\n/g, '')]).toEqual([0, '']);
      const listed = daemon.ctr(['images', 'ls']);
      expect(listed.stdout).toMatch(new RegExp(`^${image.build.ref.replace(/[.]/g, '\\.')}\\s+application/vnd\\.oci\\.image\\.manifest\\.v1\\+json\\s+${image.build.digest}\\s`, 'm'));
      const check = daemon.ctr(['images', 'check', `name==${image.build.ref}`]);
      expect(check.stdout).toMatch(/complete \(\d+\/\d+\)/);
    } finally {
      await daemon.stop();
    }
  }, 900_000);

  it('is reproducible: built again from scratch (--out, umask 077) it has the same digest and the same bytes', () => {
    const again = buildImage('tandem', { out: join(work, 'again'), umask: '077' });
    expect(again.stderr).toMatch(/building \(key [0-9a-f]{16}, fresh\)/);
    expect(again.stderr).toMatch(/npm ci --no-audit --no-fund/);
    expect({ digest: again.digest, config: again.config, ref: again.ref }).toEqual({ digest: image.build.digest, config: image.build.config, ref: image.build.ref });
    expect(again.archive).toBe(join(work, 'again', 'tandem.tar'));
    expect(sha256File(again.archive)).toBe(sha256File(image.build.archive));
  }, 1_800_000);
});

describeImage('the configuration', () => {
  it('runs node through PATH with the fast CLI as its entry point, --help by default, in /app, as 65532', () => {
    const { config } = image;
    expect(config.User).toBe('65532:65532');
    expect(config.Entrypoint).toEqual(['node', FAST_CLI_LAUNCHER]);
    expect(config.Cmd).toEqual(['--help']);
    expect(config.WorkingDir).toBe('/app');
    expect(config.Env).toEqual(['PATH=/nodejs/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt']);
    expect(Object.keys(config.ExposedPorts ?? {})).toEqual(['9443/tcp', '9500/tcp']);
    expect(image.document).toMatchObject({ architecture: 'amd64', os: 'linux' });
    expect(image.document.history.map((entry) => entry.created_by.split(':')[1]?.trim())).toEqual(['base', 'node', 'node_modules', 'app']);
  });

  it('has the OCI labels, the commit it was built from, and the Debian packages it holds', () => {
    const labels = image.config.Labels ?? {};
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
    expect(labels).toMatchObject({
      'org.opencontainers.image.title': 'tandem',
      'org.opencontainers.image.version': packageJson.version,
      'org.opencontainers.image.licenses': packageJson.license,
      'org.opencontainers.image.source': 'https://github.com/tandem-dev/tandem',
    });
    expect(labels['org.opencontainers.image.revision']).toMatch(new RegExp(`^${head}(-dirty)?$`));
    const packages = (labels['dev.tandem.image.debian-packages'] ?? '').split(',').map((pair) => pair.split('=')[0]);
    expect(packages).toEqual(['libc6', 'libgcc-s1', 'gcc-12-base', 'libstdc++6', 'ca-certificates', 'tzdata', 'netbase', 'base-files']);
    // The commit's time is every timestamp (SOURCE_DATE_EPOCH), so the same commit gives the same image.
    const committed = Number(spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim());
    expect(image.document.created).toBe(new Date(committed * 1000).toISOString().replace('.000Z', 'Z'));
  });
});

describeImage('the filesystem', () => {
  it('has every path the chart and the examples start, and the Node development pins', () => {
    const paths = [values.node.entrypoint, values.reloader.command.at(-1)!, '/app/package.json', '/app/node_modules', '/nodejs/bin/node'];
    for (const container of [deploymentContainer([]), reloaderContainer()]) {
      expect(container.command?.[0]).toBe('node');
      paths.push(...(container.command ?? []).filter((arg) => arg.startsWith('/')));
    }
    for (const path of paths) expect([path, existsSync(rootfsPath(path))]).toEqual([path, true]);
    expect(JSON.parse(readFileSync(rootfsPath('/app/package.json'), 'utf8'))).toMatchObject({ name: 'tandem', type: 'module', version: packageJson.version });
    expect(runContainer(image, { command: ['node', '--version'] })).toEqual({ code: 0, stdout: `v${nodeVersion}\n`, stderr: '' });
  });

  it('is a distroless-like base: users, /tmp, CA bundle, time zones, what went in recorded for scanners; no shell', () => {
    expect(readFileSync(rootfsPath('/etc/passwd'), 'utf8')).toContain('nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
    expect(lstatSync(rootfsPath('/tmp')).mode & 0o7777).toBe(0o1777);
    expect(lstatSync(rootfsPath('/home/nonroot'))).toMatchObject({ uid: 65532, gid: 65532 });
    expect(readFileSync(rootfsPath('/etc/ssl/certs/ca-certificates.crt'), 'utf8').match(/BEGIN CERTIFICATE/g)?.length).toBeGreaterThan(100);
    expect(existsSync(rootfsPath('/usr/share/zoneinfo/Europe/Paris'))).toBe(true);
    expect(readFileSync(rootfsPath('/etc/os-release'), 'utf8')).toContain('VERSION_CODENAME=bookworm');
    expect(readFileSync(rootfsPath('/var/lib/dpkg/status.d/libc6'), 'utf8')).toMatch(/^Package: libc6\nSource: glibc\nVersion: 2\.36-/);
    expect(readFileSync(rootfsPath('/var/lib/dpkg/status.d/libc6.md5sums'), 'utf8')).toMatch(/^[0-9a-f]{32} {2}lib\/x86_64-linux-gnu\/libc\.so\.6$/m);
    for (const shell of ['/bin/sh', '/bin/bash', '/usr/bin/apt-get', '/usr/bin/dpkg']) expect([shell, existsSync(rootfsPath(shell))]).toEqual([shell, false]);
    expect(walk(image.rootfs).filter((path) => path.startsWith('usr/share/doc/') && !path.endsWith('/copyright') && path.split('/').length > 4)).toEqual([]);
  });

  it('runs as a numeric non-root user that can read every file of /app', () => {
    const unreadable = walk(rootfsPath('/app')).filter((path) => {
      const stat = lstatSync(join(rootfsPath('/app'), path));
      return !stat.isSymbolicLink() && ((stat.mode & 0o004) === 0 || (stat.isDirectory() && (stat.mode & 0o001) === 0));
    });
    expect(unreadable).toEqual([]);
  });

  it('holds the production dependencies, and no other package, without type declarations or source maps', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const production = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && entry.dev !== true).map(([key]) => key).sort();
    expect(installedPackages(rootfsPath('/app/node_modules')).sort()).toEqual(production);
    const devOnly = Object.keys(packageJson.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devOnly).toEqual(expect.arrayContaining(['jest', 'typescript', 'esbuild', 'eslint', '@swc/core', 'fast-json-patch']));
    for (const name of devOnly) expect([name, existsSync(rootfsPath(`/app/node_modules/${name}`))]).toEqual([name, false]);
    expect(walk(rootfsPath('/app/node_modules')).filter((file) => /\.d\.[mc]?ts$|\.[mc]?js\.map$/.test(file))).toEqual([]);
    const appBytes = walk(rootfsPath('/app')).reduce((total, path) => total + (lstatSync(join(rootfsPath('/app'), path)).isFile() ? lstatSync(join(rootfsPath('/app'), path)).size : 0), 0);
    expect(appBytes).toBeLessThan(100 * MiB);
  });

  it('resolves every package the built code imports from /app/node_modules, and only production dependencies', () => {
    const specifiers = [...bareImports(rootfsPath('/app/dist'))].sort();
    expect(specifiers).toEqual(expect.arrayContaining(['@kubernetes/client-node', 'etcd3', 'commander']));
    expect(specifiers.filter((specifier) => packageJson.dependencies[packageName(specifier)] === undefined)).toEqual([]);
    // Resolved inside the container by the image's node, from /app as the entry points' imports are.
    const resolve = runContainer(image, {
      command: ['node', '--input-type=module', '-e', 'for (const s of JSON.parse(process.argv[1])) console.log(import.meta.resolve(s))', JSON.stringify(specifiers)],
    });
    expect(resolve.stderr).toBe('');
    const resolved = resolve.stdout.trim().split('\n');
    expect(resolved).toHaveLength(specifiers.length);
    for (const url of resolved) expect(url.startsWith('file:///app/node_modules/')).toBe(true);
    // Nothing outside /app that node could resolve a package from.
    expect(walk(image.rootfs).filter((path) => (path.endsWith('/node_modules') || path === 'node_modules') && !path.startsWith('app/node_modules'))).toEqual([]);
  });
});

describeImage('the entry point', () => {
  it('is the fast CLI, prebuilt: a bundle with a code cache per command, named for /app/dist/cli, handing the rest to the tsc output', () => {
    const manifest = JSON.parse(readFileSync(rootfsPath('/app/dist/cli/manifest.json'), 'utf8')) as { bundle: string; fullCli: string; runsAt?: string; sources?: unknown };
    expect(manifest).toEqual({ bundle: expect.stringMatching(/^bundle-[0-9a-f]{16}\/tandem-cli\.cjs$/), fullCli: '../operator/cli/main.js', runsAt: '/app/dist/cli' });
    expect(join('/app/dist/cli', manifest.fullCli)).toBe(values.node.entrypoint);
    const bundleDir = rootfsPath(join('/app/dist/cli', manifest.bundle, '..'));
    expect(readdirSync(bundleDir).sort()).toEqual(['explain.v8-cache', 'inject.v8-cache', 'program.v8-cache', 'tandem-cli.cjs', 'tandem-cli.cjs.map']);
  });

  it('runs inject, explain, help and version from the bundle, its code caches accepted by the image\'s node on a read-only root, loading no other module', () => {
    // A preload that records what the start loads (module hooks see CommonJS and ES modules alike) and
    // how the bundle was compiled (the launcher's vm.Script), written to stderr at exit.
    const probe = join(work, 'probe');
    mkdirSync(probe, { recursive: true });
    writeFileSync(
      join(probe, 'record.cjs'),
      `const vm = require('node:vm');
const loaded = [];
const scripts = [];
require('node:module').registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    scripts.push({ filename: options.filename, cachedData: options.cachedData !== undefined, rejected: this.cachedDataRejected === true });
  }
};
process.on('exit', () => process.stderr.write('PROBE ' + JSON.stringify({ loaded: loaded.filter((url) => !url.startsWith('node:')), scripts }) + '\\n'));
`,
    );
    const manifest = JSON.parse(readFileSync(rootfsPath('/app/dist/cli/manifest.json'), 'utf8')) as { bundle: string };
    const flags = ['-f', '/etc/tandem/examples/workloads.yaml', '--sidecarsets', '/etc/tandem/examples/sidecarsets.yaml'];
    for (const args of [['inject', ...flags], ['explain', ...flags], ['--help'], ['--version']]) {
      const started = runContainer(image, { command: ['node', '--require', '/probe/record.cjs', FAST_CLI_LAUNCHER], args, mounts: { '/probe': probe, '/etc/tandem/examples': join(repoRoot, 'deploy/examples') } });
      const sources = spawnSync(process.execPath, [join(repoRoot, 'operator/cli/main.ts'), ...args.map((arg) => arg.replace('/etc/tandem/examples', join(repoRoot, 'deploy/examples')))], { encoding: 'utf8' });
      expect([args[0], started.code, started.stdout]).toEqual([args[0], 0, sources.stdout]);
      const record = JSON.parse(/^PROBE (.*)$/m.exec(started.stderr)?.[1] ?? 'null') as { loaded: string[]; scripts: unknown[] } | null;
      expect([args[0], record]).toEqual([
        args[0],
        { loaded: [`file://${FAST_CLI_LAUNCHER}`], scripts: [{ filename: join('/app/dist/cli', manifest.bundle), cachedData: true, rejected: false }] },
      ]);
    }
  });

  it('prints the version (docker run IMAGE --version)', () => {
    expect(runContainer(image, { args: ['--version'] })).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('prints the help, listing every command, without arguments (CMD)', () => {
    const help = runContainer(image, {});
    expect(help.code).toBe(0);
    for (const command of ['operator', 'webhook', 'reloader', 'inject', 'explain']) expect(help.stdout).toContain(`\n  ${command} `);
  });

  it('runs as 65532 in /app with HOME from /etc/passwd, on a read-only root', () => {
    const probe = runContainer(image, {
      command: ['node', '-e', 'console.log(process.getuid(), process.getgid(), process.cwd(), process.env.HOME); require("node:fs").writeFileSync("/app/x", "")'],
    });
    expect(probe.stdout).toBe('65532 65532 /app /home/nonroot\n');
    expect(probe.stderr).toContain("EROFS: read-only file system, open '/app/x'");
  });

  it('runs the webhook from files, answering an AdmissionReview over TLS (docker run IMAGE webhook ...)', async () => {
    const spec: ContainerSpec = {
      args: ['webhook', '--sidecarsets', '/etc/tandem/sets/sidecarsets.yaml', '--tls-cert-file', '/etc/tandem/tls/tls.crt', '--tls-key-file', '/etc/tandem/tls/tls.key', '--listen', '127.0.0.1:0'],
      mounts: { '/etc/tandem/sets': join(repoRoot, 'deploy/examples'), '/etc/tandem/tls': pki.dir },
    };
    // The entry point hands every command but the offline ones, help and version to the tsc output.
    expect(containerArgv(image.config, spec).slice(0, 3)).toEqual(['node', FAST_CLI_LAUNCHER, 'webhook']);
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
    expect(container.image).toBe(image.build.ref);
    expect(container.command).toEqual(['node', ...values.node.flags, values.node.entrypoint]);
    const podName = `tandem-image-${run}`;
    // In a pod the service account's token; here the test cluster's kubeconfig (self-contained), mounted.
    const kube = join(work, 'kube');
    mkdirSync(kube, { recursive: true });
    copyFileSync(kubeconfigPath(), join(kube, 'kubeconfig'));
    chownSync(join(kube, 'kubeconfig'), 65532, 65532);
    const spec: ContainerSpec = {
      command: container.command!,
      // Only this test's SidecarSets (none) are reconciled, so sets other suites left behind are not touched.
      args: [...container.args!, `--sidecarset-selector=tandem.test/image=${run}`],
      env: { ...podEnv(container, podName), KUBECONFIG: '/var/run/tandem-test/kubeconfig' },
      mounts: {
        ...Object.fromEntries((container.volumeMounts ?? []).filter((mount) => mount.name === 'tls').map((mount) => [mount.mountPath, pki.dir])),
        '/var/run/tandem-test': kube,
      },
    };
    expect(spec.mounts).toEqual({ '/etc/tandem/tls': pki.dir, '/var/run/tandem-test': kube });
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
    mkdirSync(join(dir, 'config/values'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    chownSync(join(dir, 'out'), 65532, 65532);
    writeFileSync(join(dir, 'config/values/greeting'), 'hello');
    writeFileSync(join(dir, 'config/app.liquid'), 'greeting={{ sources.values.greeting | upcase }}\n');
    // In a pod the configuration comes from the ConfigMap the pod's annotation names; here from a mounted file.
    writeFileSync(
      join(dir, 'config/reloader.yaml'),
      'sources:\n  values: { file: { path: /etc/tandem-reloader-config/values } }\ntemplates:\n  - { src: app.liquid, dest: /etc/tandem-reloader-out/app.conf }\n',
    );
    const reloader = startContainer(
      image,
      {
        command: container.command!,
        args: [...container.args!, '--config', '/etc/tandem-reloader-config/reloader.yaml', '--listen', '127.0.0.1:0'],
        mounts: { '/etc/tandem-reloader-config': join(dir, 'config'), '/etc/tandem-reloader-out': join(dir, 'out') },
      },
      join(logs, `image-reloader-${run}.log`),
    );
    try {
      const started = await reloader.untilLine((line) => line.msg === 'reloader started; waiting for its sources');
      const port = /:(\d+)$/.exec(String(started.listen))?.[1];
      await untilRunning(reloader, 'the startup probe passes', async () => (await fetch(`http://127.0.0.1:${port}/startupz`).catch(() => undefined))?.status === 200);
      expect(readFileSync(join(dir, 'out/app.conf'), 'utf8')).toBe('greeting=HELLO\n');
      writeFileSync(join(dir, 'config/values/greeting'), 'bye');
      await untilRunning(reloader, 'the change is rendered', () => readFileSync(join(dir, 'out/app.conf'), 'utf8') === 'greeting=BYE\n');
    } finally {
      expect(await reloader.stop()).toBe(0);
    }
  });
});

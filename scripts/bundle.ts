// Bundles the tandem CLI with esbuild, two ways.
//
// dist/bundle/ (the reloader's): operator/cli/main.ts as ESM, main.js plus
// one chunk per subcommand (each still loaded only when its command runs)
// and shared chunks. What an image runs for the reloader sidecar: fewer
// module records and, minified, smaller source strings kept alive in the
// heap (1.3-2.3 MB of idle RSS; docs/adr/0011-reloader-memory.md). Packages
// the reloader never loads at start stay external (resolved from
// node_modules at run time): etcd3 and gRPC read files beside themselves, and
// the operator's Kubernetes models and client are not worth bundling.
//
// The fast CLI (ADR 0013): operator/cli/fast-cli.ts (inject, explain, help,
// version) as one CommonJS file with every dependency inside, and the
// launcher operator/cli/fast-start.ts as launch.cjs beside it, with
// manifest.json. Into dist/cli/ for an image (prebuilt), or with --checkout
// into node_modules/.cache/tandem-cli/ for bin/tandem, recording every file
// the bundle was built from so that the launcher rebuilds when one changes.
// Then each command runs once on a small sample to write its V8 code cache.
//
// Whitespace and syntax are minified, identifiers are not, so stack traces
// stay readable (source maps beside).
//
//   node scripts/bundle.ts [--outdir dist/bundle] [--cli-outdir dist/cli] [--cli-runs-at /app/dist/cli]
//   node scripts/bundle.ts --checkout [--cli-outdir node_modules/.cache/tandem-cli]
//
// --cli-runs-at: where the prebuilt CLI will run (the image's /app/dist/cli,
// image/recipe.ts), so that its code caches do not depend on where it was built.
//
// --outdir alone builds only the reloader's bundle (into that directory).
import { build, type BuildOptions, type Loader, type Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CommandTable } from '../operator/cli/command-table.ts';
import { RACY_WINDOW_MS, sha256, statFields, type BundleSources, type FastStartManifest, type SourceFile } from '../operator/cli/fast-start-manifest.ts';
import type { CommandSummary } from '../operator/cli/run-cli.ts';

const ROOT = join(import.meta.dirname, '..');
/** Where bin/tandem looks for the launcher; npm ci empties node_modules, and with it this cache. */
export const CHECKOUT_CLI_DIR = join(ROOT, 'node_modules/.cache/tandem-cli');

export const BUNDLE_EXTERNAL = [
  'etcd3',
  '@grpc/*',
  '@kubernetes/client-node',
  'kubernetes-models',
  '@kubernetes-models/*',
  '@bufbuild/*',
  '@peculiar/*',
  'reflect-metadata',
];

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'external',
  logLevel: 'warning',
};

async function buildReloaderBundle(outdir: string): Promise<void> {
  await build({
    ...COMMON,
    entryPoints: ['operator/cli/main.ts'],
    outdir,
    splitting: true,
    format: 'esm',
    external: BUNDLE_EXTERNAL,
    sourcemap: 'linked',
    // CommonJS dependencies (pino, prom-client, commander) call require() for Node builtins.
    banner: { js: "import { createRequire as __tandemRequire } from 'node:module'; const require = __tandemRequire(import.meta.url);" },
  });
}

// ---------------------------------------------------------------------------
// The fast CLI

/** Files read while building, with the hash of exactly what was read. */
type Recorded = Map<string, string>;

const LOADERS: Readonly<Record<string, Loader>> = { '.ts': 'ts', '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.json': 'json' };

/** Reads every input itself, so that the recorded hash is of the bytes esbuild bundled. */
function recordInputs(recorded: Recorded): Plugin {
  return {
    name: 'record-inputs',
    setup(builder) {
      builder.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        const loader = LOADERS[extname(args.path)];
        if (loader === undefined) throw new Error(`${args.path}: no loader for this kind of file in the fast CLI`);
        const contents = readFileSync(args.path);
        recorded.set(args.path, sha256(contents));
        return { contents, loader };
      });
    },
  };
}

/**
 * commander requires `node:child_process` when it loads, for executable
 * subcommands the CLI never uses; compiling that builtin is ~8 ms of every
 * `tandem inject` (measured with --cpu-prof). In the fast CLI commander gets
 * a stand-in that requires the builtin on first use of any of its members.
 */
function lazyChildProcessForCommander(): Plugin {
  return {
    name: 'lazy-child-process-for-commander',
    setup(builder) {
      builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
        args.importer.includes(`${sep}node_modules${sep}commander${sep}`) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
      );
      builder.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
        loader: 'js',
        contents: [
          'let loaded;',
          '// __esModule is asked when the module is imported: answered without loading the builtin.',
          "module.exports = new Proxy({}, { get: (_target, key) => (key === '__esModule' ? undefined : (loaded ??= require('node:child_process'))[key]) });",
        ].join('\n'),
      }));
    },
  };
}

/**
 * The Commands list of `tandem --help`, from every real command. Checked:
 * the stand-ins fast-cli.ts registers from it must render the same help as
 * the real commands, at narrow and wide terminals. Records the project files
 * those modules come from (their text is in the summaries).
 */
async function commandSummaries(recorded: Recorded): Promise<CommandSummary[]> {
  const hooks = registerHooks({
    load(url, context, nextLoad) {
      const result = nextLoad(url, context);
      if (url.startsWith('file:') && result.source !== undefined) {
        const path = fileURLToPath(url);
        if (!relative(ROOT, path).startsWith(`node_modules${sep}`)) recorded.set(path, sha256(readFileSync(path)));
      }
      return result;
    },
  });
  try {
    const { COMMANDS } = (await import('../operator/cli/commands.ts')) as { COMMANDS: CommandTable };
    const { createProgram, registerSummaries, summarize } = await import('../operator/cli/run-cli.ts');
    const real = createProgram();
    for (const load of Object.values(COMMANDS)) (await load())(real);
    const summaries = summarize(real, Object.keys(COMMANDS));
    const standIn = createProgram();
    registerSummaries(summaries)(standIn);
    for (const helpWidth of [40, 80, 132, 250]) {
      const render = (program: typeof real): string => program.configureHelp({ ...program.configureHelp(), helpWidth }).helpInformation();
      if (render(standIn) !== render(real)) {
        throw new Error(`the fast CLI's help (summaries of the commands) differs from the real one at width ${helpWidth}:\n${render(standIn)}\n---\n${render(real)}`);
      }
    }
    return summaries;
  } finally {
    hooks.deregister();
  }
}

interface BuiltFastCli {
  readonly bundle: Buffer;
  readonly sourceMap: Buffer;
  readonly launcher: Buffer;
}

async function bundleFastCli(summaries: readonly CommandSummary[], recorded: Recorded): Promise<BuiltFastCli> {
  const cli = await build({
    ...COMMON,
    entryPoints: ['operator/cli/fast-cli.ts'],
    outfile: 'tandem-cli.cjs',
    write: false,
    format: 'cjs',
    sourcemap: 'linked',
    define: { TANDEM_COMMAND_SUMMARIES: JSON.stringify(summaries), 'import.meta.dirname': '__dirname' },
    // The builtin would print a deprecation warning once it is not required from inside node_modules.
    alias: { punycode: 'punycode/' },
    banner: { js: '"use strict";' },
    plugins: [lazyChildProcessForCommander(), recordInputs(recorded)],
  });
  const launcher = await build({
    ...COMMON,
    entryPoints: ['operator/cli/fast-start.ts'],
    outfile: 'launch.cjs',
    write: false,
    format: 'cjs',
    define: { 'import.meta.dirname': '__dirname' },
    banner: { js: '"use strict";' },
    plugins: [recordInputs(recorded)],
  });
  const output = (files: typeof cli.outputFiles, suffix: string): Buffer => {
    const file = files.find((candidate) => candidate.path.endsWith(suffix));
    if (file === undefined) throw new Error(`esbuild wrote no ${suffix}`);
    return Buffer.from(file.contents);
  };
  return { bundle: output(cli.outputFiles, '.cjs'), sourceMap: output(cli.outputFiles, '.cjs.map'), launcher: output(launcher.outputFiles, '.cjs') };
}

/** Besides what was bundled: what decides how (the build script, the compiler settings, the installed packages). */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'scripts/bundle.ts', 'node_modules/esbuild/package.json'];

/**
 * The recorded inputs with their current stat, hashed once none was modified
 * within the racy window (so the launcher can trust their stat). A file
 * whose content is no longer what was bundled (edited during the build)
 * fails the build rather than being recorded as current.
 */
function bundleSources(recorded: Recorded, root: string): BundleSources {
  for (const path of BUILD_INPUTS) recorded.set(join(ROOT, path), sha256(readFileSync(join(ROOT, path))));
  const latestMs = Math.max(...[...recorded.keys()].map((path) => Math.max(statSync(path).mtimeMs, statSync(path).ctimeMs)));
  const wait = latestMs + RACY_WINDOW_MS - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
  const hashedAtMs = Date.now();
  const files = [...recorded]
    .map(([path, hash]): SourceFile => {
      const before = statSync(path, { bigint: true });
      if (sha256(readFileSync(path)) !== hash) throw new Error(`${path} changed while the fast CLI was being built; run the build again`);
      return { path: relative(ROOT, path), sha256: hash, ...statFields(before) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
  return { root, hashedAtMs, files };
}

/**
 * Writes bundle-<hash>/ (never changed once written), then manifest.json and
 * launch.cjs, each by a rename: a concurrent start sees the old set or the new one.
 */
function install(outdir: string, built: BuiltFastCli, manifest: (bundle: string) => FastStartManifest): string {
  mkdirSync(outdir, { recursive: true });
  const name = `bundle-${sha256(built.bundle).slice(0, 16)}`;
  const bundleDir = join(outdir, name);
  if (!existsSync(bundleDir)) {
    const staging = mkdtempSync(join(outdir, '.staging-'));
    chmodSync(staging, 0o755); // mkdtemp's 0700 would hide it from an image's non-root user
    writeFileSync(join(staging, 'tandem-cli.cjs'), built.bundle);
    writeFileSync(join(staging, 'tandem-cli.cjs.map'), built.sourceMap);
    try {
      renameSync(staging, bundleDir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(bundleDir)) throw error;
    }
  }
  replaceFile(join(outdir, 'manifest.json'), `${JSON.stringify(manifest(`${name}/tandem-cli.cjs`))}\n`);
  replaceFile(join(outdir, 'launch.cjs'), built.launcher);
  removeOldBundles(outdir, name);
  return bundleDir;
}

function replaceFile(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

/** An hour after it was replaced, no start can still be reading a bundle. */
function removeOldBundles(outdir: string, current: string): void {
  for (const entry of readdirSync(outdir)) {
    const path = join(outdir, entry);
    const old = entry !== current && (entry.startsWith('bundle-') || entry.startsWith('.staging-'));
    if (old && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

const TRAINING_SETS = `apiVersion: tandem.dev/v1alpha1
kind: SidecarSet
metadata: {name: training}
spec:
  selector: {matchLabels: {app: web}}
  containers:
    - name: helper
      image: registry.example.com/helper:1.0.0
      ports: [{name: admin, containerPort: 9000}]
      volumeMounts: [{name: shared, mountPath: /shared}]
      securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
  volumes: [{name: shared, emptyDir: {}}]
`;
const TRAINING_WORKLOAD = `# a comment
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {tandem.dev/inject: "true"}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

/**
 * Runs inject, explain and the help once each through the launcher, on a
 * small sample, so that each writes its code cache with what it compiles.
 * A failure here is a broken CLI: the build fails.
 */
function train(outdir: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-cli-training-'));
  try {
    writeFileSync(join(dir, 'sets.yaml'), TRAINING_SETS);
    writeFileSync(join(dir, 'workload.yaml'), TRAINING_WORKLOAD);
    const flags = ['-f', join(dir, 'workload.yaml'), '--sidecarsets', join(dir, 'sets.yaml')];
    for (const args of [['inject', ...flags], ['explain', ...flags], ['--help']]) {
      // --predictable: a fixed GC schedule, so every build's caches hold the same functions, byte for
      // byte (an image must be reproducible); V8 leaves the flag out of the hash it checks a cache's
      // flags by, so the caches load under node's defaults.
      const run = spawnSync(process.execPath, ['--predictable', join(outdir, 'launch.cjs'), ...args], { encoding: 'utf8', timeout: 60_000 });
      if (run.status !== 0) throw new Error(`tandem ${args[0] ?? ''} failed on the training sample:\n${run.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A checkout's bundle records its sources; a prebuilt one may name where it will run (FastStartManifest.runsAt). */
type FastCliKind = { readonly checkout: true } | { readonly checkout: false; readonly runsAt?: string };

async function buildFastCli(outdir: string, kind: FastCliKind): Promise<void> {
  const recorded: Recorded = new Map();
  const summaries = await commandSummaries(recorded);
  const built = await bundleFastCli(summaries, recorded);
  const fullCli = kind.checkout ? join(ROOT, 'operator/cli/main.ts') : join(dirname(outdir), 'operator/cli/main.js');
  const where = kind.checkout
    ? { sources: bundleSources(recorded, relative(outdir, ROOT) || '.') }
    : kind.runsAt === undefined
      ? {}
      : { runsAt: kind.runsAt };
  install(outdir, built, (bundle) => ({ bundle, fullCli: relative(outdir, fullCli), ...where }));
  train(outdir);
}

const { values } = parseArgs({
  options: { outdir: { type: 'string' }, 'cli-outdir': { type: 'string' }, 'cli-runs-at': { type: 'string' }, checkout: { type: 'boolean', default: false } },
});
const runsAt = values['cli-runs-at'];
if (runsAt !== undefined && (values.checkout || !isAbsolute(runsAt))) throw new Error(`--cli-runs-at ${runsAt}: an absolute directory, for a prebuilt CLI (not with --checkout)`);

if (values.checkout) {
  await buildFastCli(values['cli-outdir'] ?? CHECKOUT_CLI_DIR, { checkout: true });
} else {
  await buildReloaderBundle(values.outdir ?? join(ROOT, 'dist/bundle'));
  const cliOutdir = values['cli-outdir'] ?? (values.outdir === undefined ? join(ROOT, 'dist/cli') : undefined);
  if (cliOutdir !== undefined) await buildFastCli(cliOutdir, { checkout: false, ...(runsAt === undefined ? {} : { runsAt }) });
}

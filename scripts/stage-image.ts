// Builds, without an image builder, the filesystem of the image the
// Dockerfile describes: it replays the Dockerfile's stages into directories
// (COPY from the build context as .dockerignore filters it, COPY --from a
// stage, RUN with this machine's pinned Node) and writes the final stage's
// filesystem to rootfs/ and its configuration (entry point, CMD, ENV, USER,
// WORKDIR, labels) to image.json. The tests run that entry point as a process
// in rootfs/app (test/e2e/image/), so what they exercise is what the
// Dockerfile says, not a second description of it. `make image-stage`.
//
//   node scripts/stage-image.ts [--json] [--build-arg NAME=VALUE ...]
//
// Where: $TANDEM_CACHE_DIR/image/stage/<hash> (default ~/.cache/tandem), one
// directory per hash of every input (Dockerfile, .dockerignore, the context
// files the build copies, these scripts, the node binary), reused while they
// are unchanged; outside any checkout, so node in rootfs/app can only resolve
// packages from rootfs/app/node_modules. rootfs/ is made read-only, like the
// chart's readOnlyRootFilesystem. A RUN of `npm ci` is cached by its command,
// package.json and package-lock.json under image/npm-ci/<hash> (so a second
// worktree or a rerun does not install again), as Docker's layer cache would.
//
// What the base images provide is written down here (BASES), not pulled: the
// build image's node is this machine's (scripts/node-env.sh pins the same
// version), and the distroless runtime is its node at /nodejs/bin/node plus
// the environment, user and directories its image configuration sets.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  copySourceMatches,
  expandVariables,
  foldStage,
  isIgnored,
  parseCopy,
  parseDockerignore,
  parseStages,
  splitFlags,
  type ImageConfig,
  type Instruction,
  type Stage,
} from './dockerfile.ts';

const ROOT = join(import.meta.dirname, '..');
/** Staged images and npm ci results not used for this long are deleted. */
const PRUNE_AFTER_MS = 3 * 24 * 3600 * 1000;

/** What a base image brings that the Dockerfile relies on. */
interface BaseImage {
  readonly env: Readonly<Record<string, string>>;
  readonly user?: string;
  readonly workdir: string;
  /** Creates the base's files the image needs in `rootfs`. */
  readonly populate: (rootfs: string) => void;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const BASES: readonly { pattern: RegExp; describe: (match: RegExpExecArray) => BaseImage }[] = [
  {
    // The official Node image, for build stages: its RUN steps run here, on the pinned node.
    pattern: /^node:(\d+\.\d+\.\d+)-bookworm-slim(?:@sha256:[0-9a-f]{64})?$/,
    describe: (match) => {
      if (match[1] !== process.versions.node) {
        throw new Error(`the Dockerfile builds on Node ${match[1]} but this machine's is ${process.versions.node}: keep scripts/node-env.sh and the Dockerfile on one version`);
      }
      return { env: { PATH: DEFAULT_PATH }, workdir: '/', populate: () => undefined };
    },
  },
  {
    // gcr.io/distroless/nodejs24-debian12:nonroot, as its Bazel build defines it (GoogleContainerTools/distroless,
    // nodejs/BUILD and base/): entry point /nodejs/bin/node, PATH without /nodejs/bin, user 65532, home /home/nonroot.
    pattern: /^gcr\.io\/distroless\/nodejs(\d+)-debian12:nonroot(?:@sha256:[0-9a-f]{64})?$/,
    describe: (match) => {
      if (match[1] !== process.versions.node.split('.')[0]) throw new Error(`the runtime image is Node ${match[1]} but this machine's is ${process.versions.node}`);
      return {
        env: { PATH: DEFAULT_PATH, SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' },
        user: '65532',
        workdir: '/home/nonroot',
        populate: (rootfs) => {
          mkdirSync(join(rootfs, 'nodejs/bin'), { recursive: true });
          symlinkSync(process.execPath, join(rootfs, 'nodejs/bin/node'));
          for (const dir of ['tmp', 'home/nonroot', 'etc/ssl/certs']) mkdirSync(join(rootfs, dir), { recursive: true });
        },
      };
    },
  },
];

function baseImage(name: string): BaseImage {
  for (const { pattern, describe } of BASES) {
    const match = pattern.exec(name);
    if (match !== null) return describe(match);
  }
  throw new Error(`scripts/stage-image.ts does not know the base image ${name}: describe what it provides in BASES`);
}

export interface StagedImage {
  /** The directory holding rootfs/ and image.json. */
  readonly dir: string;
  readonly rootfs: string;
  /** The final stage's configuration merged over its base's (ENV, USER, WORKDIR). */
  readonly config: ImageConfig;
  /** Bytes of regular files under /app, and its dist/ and node_modules/. */
  readonly sizes: { readonly app: number; readonly dist: number; readonly nodeModules: number };
  readonly reused: boolean;
  readonly seconds: number;
}

interface Context {
  readonly cacheRoot: string;
  readonly files: readonly string[];
  readonly buildArgs: Readonly<Record<string, string>>;
}

export function stageImage(buildArgs: Readonly<Record<string, string>> = {}): StagedImage {
  const started = Date.now();
  const cacheRoot = join(process.env.TANDEM_CACHE_DIR ?? join(homedir(), '.cache/tandem'), 'image');
  if (!relative(ROOT, cacheRoot).startsWith('..')) throw new Error(`${cacheRoot} is inside the checkout: node would resolve the repository's node_modules`);
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const context: Context = { cacheRoot, files: contextFiles(), buildArgs };
  const key = inputHash(dockerfile, context);
  const dir = join(cacheRoot, 'stage', key);
  const reused = existsSync(join(dir, 'image.json'));
  if (!reused) build(dockerfile, context, dir);
  touch(dir);
  prune(join(cacheRoot, 'stage'), key);
  prune(join(cacheRoot, 'npm-ci'), undefined);
  const saved = JSON.parse(readFileSync(join(dir, 'image.json'), 'utf8')) as Pick<StagedImage, 'config' | 'sizes'>;
  return { dir, rootfs: join(dir, 'rootfs'), ...saved, reused, seconds: (Date.now() - started) / 1000 };
}

/** The build context: the checkout's files git does not ignore, minus what .dockerignore leaves out. */
function contextFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  const rules = existsSync(join(ROOT, '.dockerignore')) ? parseDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8')) : [];
  return listed.stdout
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)) && !isIgnored(rules, file))
    .sort();
}

function inputHash(dockerfile: string, context: Context): string {
  const hash = createHash('sha256');
  const scripts = ['scripts/stage-image.ts', 'scripts/dockerfile.ts', '.dockerignore'];
  for (const part of [dockerfile, ...scripts.map((file) => readFileSync(join(ROOT, file), 'utf8')), process.execPath, process.versions.node, JSON.stringify(context.buildArgs)]) {
    hash.update(part).update('\0');
  }
  for (const file of context.files) hash.update(file).update('\0').update(readFileSync(join(ROOT, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function build(dockerfile: string, context: Context, dir: string): void {
  const work = `${dir}.tmp-${process.pid}`;
  removeTree(work);
  const stages = parseStages(dockerfile, context.buildArgs);
  const roots: string[] = [];
  let config: ImageConfig | undefined;
  stages.forEach((stage, index) => {
    const root = index === stages.length - 1 ? join(work, 'rootfs') : join(work, 'stages', String(index));
    roots.push(root);
    config = runStage(stage, { root, context, stages, roots });
  });
  if (config === undefined) throw new Error('Dockerfile: no stage');
  removeTree(join(work, 'stages'));
  const rootfs = join(work, 'rootfs');
  const app = join(rootfs, 'app');
  const sizes = { app: bytesUnder(app), dist: bytesUnder(join(app, 'dist')), nodeModules: bytesUnder(join(app, 'node_modules')) };
  writeFileSync(join(work, 'image.json'), `${JSON.stringify({ config, sizes }, null, 2)}\n`);
  makeReadOnly(rootfs);
  try {
    renameSync(work, dir);
  } catch (error) {
    // Another process staged the same inputs meanwhile: its result is as good.
    if (!existsSync(join(dir, 'image.json'))) throw error;
    removeTree(work);
  }
}

interface StageRun {
  readonly root: string;
  readonly context: Context;
  readonly stages: readonly Stage[];
  readonly roots: readonly string[];
}

function runStage(stage: Stage, run: StageRun): ImageConfig {
  const base = baseImage(stage.base);
  mkdirSync(run.root, { recursive: true });
  base.populate(run.root);
  let workdir = base.workdir;
  const config = foldStage(stage, (instruction, vars) => {
    if (instruction.keyword === 'WORKDIR') {
      const path = expandVariables(instruction.args, vars);
      workdir = path.startsWith('/') ? path : join(workdir, path);
      mkdirSync(join(run.root, workdir), { recursive: true });
    } else if (instruction.keyword === 'COPY') {
      copy(instruction, { run, vars, workdir });
    } else if (instruction.keyword === 'RUN') {
      runCommand(instruction, { cacheRoot: run.context.cacheRoot, cwd: join(run.root, workdir) });
    }
  });
  return {
    ...config,
    env: { ...base.env, ...config.env },
    ...(config.user === undefined && base.user !== undefined ? { user: base.user } : {}),
    workdir: stage.instructions.some((instruction) => instruction.keyword === 'WORKDIR') ? config.workdir : base.workdir,
  };
}

// ---------------------------------------------------------------------------
// COPY

interface CopyStep {
  readonly run: StageRun;
  readonly vars: Readonly<Record<string, string>>;
  readonly workdir: string;
}

function copy(instruction: Instruction, step: CopyStep): void {
  const { from, sources, destination } = parseCopy(instruction, step.vars);
  const target = join(step.run.root, destination.startsWith('/') ? destination : join(step.workdir, destination));
  const intoDirectory = destination.endsWith('/') || sources.length > 1;
  if (from === undefined) {
    for (const source of sources) copyFromContext({ instruction, files: step.run.context.files, source }, { target, intoDirectory });
    return;
  }
  const index = step.run.stages.findIndex((stage) => stage.name === from);
  const root = step.run.roots[index];
  if (index < 0 || root === undefined) throw new Error(`Dockerfile line ${instruction.line}: COPY --from=${from} names no earlier stage`);
  for (const source of sources) copyPath(realpathSync(join(root, source)), { target, intoDirectory });
}

function copyFromContext(what: { instruction: Instruction; files: readonly string[]; source: string }, where: { target: string; intoDirectory: boolean }): void {
  const cleaned = what.source.replace(/^\.\//, '').replace(/\/+$/, '');
  const matched = what.files.filter((file) => copySourceMatches(what.source, file));
  if (matched.length === 0) throw new Error(`Dockerfile line ${what.instruction.line}: COPY ${what.source}: no such file in the build context (.dockerignore leaves it out?)`);
  for (const file of matched) {
    if (file === cleaned) {
      copyPath(join(ROOT, file), where);
    } else {
      // A directory source: its contents land in the destination.
      const inside = cleaned === '.' || cleaned === '' ? file : file.slice(cleaned.length + 1);
      const destination = join(where.target, inside);
      mkdirSync(dirname(destination), { recursive: true });
      cpSync(join(ROOT, file), destination);
    }
  }
}

function copyPath(source: string, where: { target: string; intoDirectory: boolean }): void {
  if (statSync(source).isDirectory()) {
    // Docker copies a directory's contents; symlinks inside (node_modules/.bin) stay links.
    cpSync(source, where.target, { recursive: true, verbatimSymlinks: true });
    return;
  }
  const destination = where.intoDirectory ? join(where.target, basename(source)) : where.target;
  mkdirSync(dirname(destination), { recursive: true });
  cpSync(source, destination);
}

// ---------------------------------------------------------------------------
// RUN

function runCommand(instruction: Instruction, where: { cacheRoot: string; cwd: string }): void {
  // RUN flags (BuildKit's --mount, --network) only change how a real builder runs the command.
  const { rest: command } = splitFlags(instruction.args);
  if (/^npm ci\b/.test(command)) {
    symlinkSync(npmCi(command, where), join(where.cwd, 'node_modules'));
    return;
  }
  shell(command, where.cwd, instruction);
}

/** Runs an `npm ci ...` command once per command and lock file; returns the node_modules it made. */
function npmCi(command: string, where: { cacheRoot: string; cwd: string }): string {
  const inputs = ['package.json', 'package-lock.json'].map((file) => readFileSync(join(where.cwd, file)));
  const hash = createHash('sha256').update(command).update('\0').update(process.versions.node);
  for (const input of inputs) hash.update('\0').update(input);
  const dir = join(where.cacheRoot, 'npm-ci', hash.digest('hex').slice(0, 16));
  if (!existsSync(join(dir, '.complete'))) {
    const work = `${dir}.tmp-${process.pid}`;
    removeTree(work);
    mkdirSync(work, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(where.cwd, file), join(work, file));
    shell(command, work, { keyword: 'RUN', args: command, line: 0 });
    writeFileSync(join(work, '.complete'), `${command}\n`);
    try {
      renameSync(work, dir);
    } catch (error) {
      if (!existsSync(join(dir, '.complete'))) throw error;
      removeTree(work);
    }
  }
  touch(dir);
  return join(dir, 'node_modules');
}

function shell(command: string, cwd: string, instruction: Instruction): void {
  process.stderr.write(`stage-image: RUN ${command}\n`);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? DEFAULT_PATH}` };
  delete env.NODE_OPTIONS;
  const result = spawnSync('sh', ['-c', command], { cwd, env, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`Dockerfile line ${instruction.line}: RUN ${command} failed with exit code ${result.status}`);
}

// ---------------------------------------------------------------------------
// Files

function bytesUnder(path: string): number {
  if (!existsSync(path)) return 0;
  let total = 0;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += lstatSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** No write bit anywhere (symlinks untouched: chmod would follow them to the node binary). */
function makeReadOnly(path: string): void {
  setWritable(path, false);
}

function setWritable(path: string, writable: boolean): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (writable) chmodSync(path, stat.mode | 0o200);
  if (stat.isDirectory()) for (const name of readdirSync(path)) setWritable(join(path, name), writable);
  if (!writable) chmodSync(path, stat.mode & ~0o222);
}

function removeTree(path: string): void {
  if (!existsSync(path)) return;
  setWritable(path, true);
  rmSync(path, { recursive: true, force: true });
}

function touch(path: string): void {
  const now = new Date();
  utimesSync(path, now, now);
}

/** Deletes entries of `dir` unused for PRUNE_AFTER_MS, but never `keep` (other worktrees may be using recent ones). */
function prune(dir: string, keep: string | undefined): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name !== keep && Date.now() - lstatSync(path).mtimeMs > PRUNE_AFTER_MS) removeTree(path);
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, 'build-arg': { type: 'string', multiple: true, default: [] } } });
  const buildArgs = Object.fromEntries(values['build-arg'].map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const staged = stageImage(buildArgs);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(staged)}\n`);
  } else {
    const { sizes, config } = staged;
    process.stdout.write(
      `${staged.reused ? 'reused' : 'staged'} ${staged.rootfs} in ${staged.seconds.toFixed(1)} s\n` +
        `  /app: ${mebibytes(sizes.app)} (dist ${mebibytes(sizes.dist)}, node_modules ${mebibytes(sizes.nodeModules)}), plus the base image\n` +
        `  entry point ${JSON.stringify(config.entrypoint)}, CMD ${JSON.stringify(config.cmd)}, user ${config.user ?? 'root'}, workdir ${config.workdir}\n`,
    );
  }
}

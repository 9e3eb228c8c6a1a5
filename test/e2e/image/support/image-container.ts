// Builds an image with scripts/build-image.ts, unpacks THAT archive (umoci,
// from its OCI layout) and runs its processes the way a container runtime
// would, close enough for what the tests check: in a private mount
// namespace, chrooted into the image's root filesystem (so only the image's
// node, libraries, /etc/passwd and CA bundle exist), as the image's user
// (setuid/setgid, no supplementary groups), with the root mounted read-only
// (the chart's readOnlyRootFilesystem), argv from ENTRYPOINT/CMD or a pod's
// command/args (Kubernetes' rules), `node` found through the image's PATH,
// the image's WORKDIR, only the image's and the container's environment plus
// HOME from the image's /etc/passwd, volumes bind-mounted at image paths
// and tmpfs where a pod would have an emptyDir. The network is the host's
// (a pod with hostNetwork), so the tests reach the servers on 127.0.0.1.
// Needs root (mount namespace, chroot, setuid): util-linux's unshare and
// coreutils' chroot.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, fchownSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildResult } from '../../../../scripts/build-image.ts';
import { repoRoot } from '../../../integration/cluster-env.ts';
import { parseLogLines, untilLogLine } from '../../../integration/support/webhook-fixture.ts';

/** The runtime part of the image configuration, as the archive's config blob holds it. */
export interface ImageConfig {
  readonly User?: string;
  readonly Env: string[];
  readonly Entrypoint?: string[];
  readonly Cmd?: string[];
  readonly WorkingDir?: string;
  readonly Labels?: Record<string, string>;
  readonly ExposedPorts?: Record<string, object>;
  readonly StopSignal?: string;
}

export interface UnpackedImage {
  readonly build: BuildResult;
  /** The archive's OCI layout, extracted. */
  readonly layout: string;
  readonly rootfs: string;
  readonly config: ImageConfig;
  /** The config blob as written, parsed. */
  readonly document: { architecture: string; os: string; created: string; rootfs: { diff_ids: string[] }; history: { created_by: string }[] };
}

/** Why these tests cannot run here, or undefined; installs skopeo and umoci when root and missing. */
export function missingPrerequisite(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux namespaces';
  if (process.getuid?.() !== 0) return "needs root to run an image's processes (mount namespace, chroot, setuid to the image user)";
  if (spawnSync('sh', ['-c', 'command -v unshare']).status !== 0) return 'needs unshare (util-linux)';
  const tools = spawnSync('bash', [new URL('./ensure-image-tools.sh', import.meta.url).pathname], { encoding: 'utf8' });
  if (tools.status !== 0) return `cannot install skopeo and umoci: ${tools.stderr}`;
  return undefined;
}

function toolEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** `node scripts/build-image.ts NAME [--out DIR]` (under `umask` when given): the JSON line it prints last. */
export function buildImage(name: string, options: { out?: string; umask?: string } = {}): BuildResult & { stderr: string } {
  const command = [process.execPath, join(repoRoot, 'scripts/build-image.ts'), name, ...(options.out === undefined ? [] : ['--out', options.out])];
  const quoted = command.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(' ');
  const result = spawnSync('sh', ['-c', `${options.umask === undefined ? '' : `umask ${options.umask} && `}exec ${quoted}`], {
    cwd: repoRoot,
    env: toolEnv(),
    encoding: 'utf8',
    timeout: 1_200_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`build-image ${name} failed (${result.status}):\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(last) as BuildResult), stderr: result.stderr };
}

function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** A blob of the layout, parsed. */
export function readBlob(layout: string, digest: string): unknown {
  return JSON.parse(readFileSync(join(layout, 'blobs/sha256', digest.replace(/^sha256:/, '')), 'utf8'));
}

/** Extracts the archive, unpacks the image its index.json names by `build.ref` with umoci. */
export function unpackImage(build: BuildResult, into: string): UnpackedImage {
  const layout = join(into, 'layout');
  mkdirSync(layout, { recursive: true });
  run('tar', ['--extract', '--file', build.archive, '--directory', layout]);
  run('umoci', ['unpack', '--image', `${layout}:${build.ref}`, join(into, 'bundle')]);
  const manifest = readBlob(layout, build.digest) as { config: { digest: string } };
  const document = readBlob(layout, manifest.config.digest) as UnpackedImage['document'] & { config: ImageConfig };
  return { build, layout, rootfs: join(into, 'bundle/rootfs'), config: document.config, document };
}

/** What a pod's container (or `docker run`) sets; everything else comes from the image. */
export interface ContainerSpec {
  /** Replaces ENTRYPOINT, and drops CMD. */
  readonly command?: readonly string[];
  /** Replaces CMD (`docker run IMAGE ARGS...`). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Image path -> host directory, bind-mounted (a volume). */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Image paths that get an empty tmpfs (an emptyDir). */
  readonly tmpfs?: readonly string[];
  /** `uid:gid` instead of the image's user (a pod's runAsUser/runAsGroup). */
  readonly user?: string;
}

/** Kubernetes' rules: command replaces the entry point (and CMD), args replace CMD. */
export function containerArgv(config: ImageConfig, spec: ContainerSpec): string[] {
  if (spec.command !== undefined) return [...spec.command, ...(spec.args ?? [])];
  return [...(config.Entrypoint ?? []), ...(spec.args ?? config.Cmd ?? [])];
}

/** The user's home in the image's /etc/passwd, as containerd sets HOME ("/" when the user has no entry). */
function homeOf(rootfs: string, uid: string): string {
  const passwd = existsSync(join(rootfs, 'etc/passwd')) ? readFileSync(join(rootfs, 'etc/passwd'), 'utf8') : '';
  const line = passwd.split('\n').find((entry) => entry.split(':')[2] === uid);
  return line?.split(':')[5] ?? '/';
}

// Runs inside the new mount namespace: $1 the root, $2 uid, $3 gid, $4 the
// working directory, then mounts as "bind:HOST:POINT" or "tmpfs:POINT" up to
// "--", then the argv. The last unshare enters no namespace: it chroots,
// changes to the working directory, drops to uid/gid and supplementary
// groups, and looks the command up in the image's PATH.
const ENTER = `
set -e
root=$1; uid=$2; gid=$3; wd=$4; shift 4
mount --bind "$root" "$root"
mount -o remount,bind,ro "$root"
mount --rbind /dev "$root/dev"
mount --rbind /proc "$root/proc"
while [ "$1" != "--" ]; do
  case "$1" in
    bind:*) spec=\${1#bind:}; mount --bind "\${spec%%:*}" "$root\${spec#*:}" ;;
    tmpfs:*) mount -t tmpfs -o mode=1777,size=64m tmpfs "$root\${1#tmpfs:}" ;;
  esac
  shift
done
shift
exec unshare --root="$root" --wd="$wd" --setuid="$uid" --setgid="$gid" -- "$@"
`;

interface Launch {
  readonly file: string;
  readonly args: string[];
  readonly env: Record<string, string>;
  readonly uid: number;
  readonly gid: number;
}

function launch(image: UnpackedImage, spec: ContainerSpec): Launch {
  if (process.getuid?.() !== 0) throw new Error('running an image needs root here (mount namespace, chroot, setuid to the image user)');
  const argv = containerArgv(image.config, spec);
  if (argv.length === 0) throw new Error('the container has no command');
  const [uid = '0', gid = uid] = (spec.user ?? image.config.User ?? '0:0').split(':');
  const env: Record<string, string> = Object.fromEntries(image.config.Env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  Object.assign(env, { HOME: homeOf(image.rootfs, uid) }, spec.env);
  const points: string[] = [];
  for (const point of ['dev', 'proc', ...(spec.tmpfs ?? [])]) mkdirSync(join(image.rootfs, point), { recursive: true });
  for (const [point, host] of Object.entries(spec.mounts ?? {})) {
    // A runtime creates missing mount points in the container's root before making it read-only; so does this.
    mkdirSync(join(image.rootfs, point), { recursive: true });
    points.push(`bind:${host}:${point}`);
  }
  for (const point of spec.tmpfs ?? []) points.push(`tmpfs:${point}`);
  const workdir = image.config.WorkingDir ?? '/';
  return { file: 'unshare', args: ['--mount', '--propagation', 'private', '/bin/sh', '-c', ENTER, 'enter', image.rootfs, uid, gid, workdir, ...points, '--', ...argv], env, uid: Number(uid), gid: Number(gid) };
}

export interface Exited {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the container to completion. Its stdout and stderr are files of the
 * container's user, not sockets: a process may reopen /dev/stdout (nginx's
 * logs), which a socket refuses and a runtime's FIFO allows.
 */
export function runContainer(image: UnpackedImage, spec: ContainerSpec): Exited {
  const { file, args, env, uid, gid } = launch(image, spec);
  const dir = mkdtempSync(join(tmpdir(), 'tandem-container-'));
  try {
    const [stdout, stderr] = ['stdout', 'stderr'].map((name) => {
      const fd = openSync(join(dir, name), 'a');
      fchownSync(fd, uid, gid);
      return fd;
    });
    const result = spawnSync(file, args, { env, stdio: ['ignore', stdout, stderr], timeout: 120_000 });
    closeSync(stdout!);
    closeSync(stderr!);
    if (result.error !== undefined) throw result.error;
    return { code: result.status, stdout: readFileSync(join(dir, 'stdout'), 'utf8'), stderr: readFileSync(join(dir, 'stderr'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The container's own argv, from a launch's arguments (after the mounts' `--`). */
function argvOf(args: readonly string[]): string {
  return args.slice(args.indexOf('--') + 1).join(' ');
}

export interface RunningContainer {
  readonly pid: number;
  /** The JSON log lines written so far. */
  readonly lines: () => Record<string, unknown>[];
  readonly logFile: string;
  readonly log: () => string;
  /** Undefined while it runs. */
  readonly exitCode: () => number | null | undefined;
  /** Resolves with the first log line `match` accepts; rejects when the process exits first. */
  untilLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal to the container's process. */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM (what the kubelet sends), SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the container in the background, stdout and stderr to `logFile`. */
export function startContainer(image: UnpackedImage, spec: ContainerSpec, logFile: string): RunningContainer {
  const { file, args, env, uid, gid } = launch(image, spec);
  closeSync(openSync(logFile, 'w'));
  // Appending, and the container user's: a process that reopens /dev/stdout (nginx's access log)
  // does so as its user, and its writes and ours must not overwrite each other.
  const out = openSync(logFile, 'a');
  fchownSync(out, uid, gid);
  // unshare, sh and chroot each exec the next: the child's PID is the container's process.
  const child = spawn(file, args, { env, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = child.pid ?? -1;
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => {
      exitCode = code ?? (signal === null ? null : 128);
      resolve(exitCode);
    });
    child.on('error', (error) => {
      appendFileSync(logFile, `cannot start ${file}: ${error.message}\n`);
      exitCode = -1;
      resolve(-1);
    });
  });
  const log = (): string => readFileSync(logFile, 'utf8');
  const lines = (): Record<string, unknown>[] => parseLogLines(log());
  const signal = (name: NodeJS.Signals): void => {
    if (exitCode === undefined && pid > 0) process.kill(pid, name);
  };
  const stop = async (): Promise<number | null> => {
    if (exitCode !== undefined || pid < 0) return exitCode ?? -1;
    signal('SIGTERM');
    const timer = setTimeout(() => {
      signal('SIGKILL');
    }, 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const untilLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<Record<string, unknown>> =>
    untilLogLine({ describe: argvOf(args), logFile, exitCode: () => exitCode, stop }, match, timeoutMs);
  return { pid, lines, logFile, log, exitCode: () => exitCode, untilLine, signal, stop };
}

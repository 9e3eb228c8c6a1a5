// Runs the image's filesystem as staged by scripts/stage-image.ts the way a
// container runtime would start it: argv from ENTRYPOINT/CMD or a pod's
// command/args (Kubernetes' rules), `node` found through the image's PATH,
// the image's WORKDIR as the working directory, only the image's and the
// container's environment (no NODE_OPTIONS, no NODE_PATH), and volumes as
// directories mounted at image paths. Image paths in arguments (/app/...,
// mount points) are mapped onto the staged tree; paths inside files the
// process reads (kubeconfig, reloader.yaml) are host paths.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, lstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StagedImage } from '../../../../scripts/stage-image.ts';
import { repoRoot } from '../../../integration/cluster-env.ts';
import { parseLogLines, waitForLogLine } from '../../../integration/support/logged-process.ts';

export type { StagedImage };


/** `node scripts/stage-image.ts --json`: builds the staged image, or reuses it when nothing changed. */
export function stageImage(): StagedImage {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/stage-image.ts'), '--json'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) throw new Error(`scripts/stage-image.ts failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as StagedImage;
}

/** What a pod's container (or `docker run`) sets; everything else comes from the image. */
export interface ContainerSpec {
  /** Replaces ENTRYPOINT, and drops CMD. */
  readonly command?: readonly string[];
  /** Replaces CMD (`docker run IMAGE ARGS...`). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Image path -> host directory. */
  readonly mounts?: Readonly<Record<string, string>>;
}

/** Kubernetes' rules: command replaces the entry point (and CMD), args replace CMD. */
export function containerArgv(image: StagedImage, spec: ContainerSpec): string[] {
  if (spec.command !== undefined) return [...spec.command, ...(spec.args ?? [])];
  return [...image.config.entrypoint, ...(spec.args ?? image.config.cmd)];
}

/** The host path of an image path: a mount's directory, or the staged tree. */
export function hostPath(image: StagedImage, path: string, mounts: Readonly<Record<string, string>> = {}): string {
  const mount = Object.keys(mounts)
    .sort((a, b) => b.length - a.length)
    .find((point) => path === point || path.startsWith(`${point}/`));
  return mount === undefined ? join(image.rootfs, path) : join(mounts[mount] ?? '', path.slice(mount.length));
}

/** Maps image paths in an argument (`/app/x`, `--flag=/mount/x`) onto the host. */
function mapArgument(image: StagedImage, arg: string, mounts: Readonly<Record<string, string>>): string {
  const prefixes = [image.config.workdir, ...Object.keys(mounts)];
  const match = /^(--[^=]+=)?(\/.*)$/.exec(arg);
  const path = match?.[2];
  if (path === undefined || !prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return arg;
  return `${match?.[1] ?? ''}${hostPath(image, path, mounts)}`;
}

interface Launch {
  readonly file: string;
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
}

function launch(image: StagedImage, spec: ContainerSpec): Launch {
  const mounts = spec.mounts ?? {};
  const [file, ...args] = containerArgv(image, spec);
  if (file === undefined) throw new Error('the container has no command');
  const imageEnv = { ...image.config.env, ...spec.env };
  const env: Record<string, string> = {
    ...imageEnv,
    // The runtime looks the command up in the image's PATH; here every entry points into the staged tree.
    PATH: (imageEnv.PATH ?? '')
      .split(':')
      .map((dir) => hostPath(image, dir, mounts))
      .join(':'),
    // What the runtime sets from /etc/passwd for distroless's user 65532, and the image's /tmp.
    HOME: hostPath(image, '/home/nonroot'),
    TMPDIR: hostPath(image, '/tmp'),
  };
  return { file, args: args.map((arg) => mapArgument(image, arg, mounts)), cwd: hostPath(image, image.config.workdir), env };
}

export interface Exited {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the container to completion. */
export function runContainer(image: StagedImage, spec: ContainerSpec): Exited {
  const { file, args, cwd, env } = launch(image, spec);
  const result = spawnSync(file, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error !== undefined) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningContainer {
  readonly pid: number;
  /** The JSON log lines written so far. */
  readonly lines: () => Record<string, unknown>[];
  readonly logFile: string;
  /** Undefined while it runs. */
  readonly exitCode: () => number | null | undefined;
  /** Resolves with the first log line `match` accepts; rejects when the process exits first. */
  untilLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGTERM (what the kubelet sends), SIGKILL after 15 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the container in the background, stdout and stderr to `logFile`. */
export function startContainer(image: StagedImage, spec: ContainerSpec, logFile: string): RunningContainer {
  const { file, args, cwd, env } = launch(image, spec);
  const out = openSync(logFile, 'w');
  const child = spawn(file, args, { cwd, env, stdio: ['ignore', out, out] });
  closeSync(out);
  const pid = child.pid ?? -1;
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    });
    // Not started at all (no `node` on the image's PATH): a failed test, not a crashed jest worker.
    child.on('error', (error) => {
      appendFileSync(logFile, `cannot start ${file}: ${error.message}\n`);
      exitCode = -1;
      resolve(-1);
    });
  });
  const lines = (): Record<string, unknown>[] => parseLogLines(readFileSync(logFile, 'utf8'));
  const stop = async (): Promise<number | null> => {
    if (exitCode !== undefined || pid < 0) return exitCode ?? -1;
    process.kill(pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (exitCode === undefined) process.kill(pid, 'SIGKILL');
    }, 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const untilLine = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 60_000): Promise<Record<string, unknown>> =>
    waitForLogLine({ what: `${file} ${args.join(' ')}`, logFile, lines, exitCode: () => exitCode, stop }, match, timeoutMs);
  return { pid, lines, logFile, exitCode: () => exitCode, untilLine, stop };
}

/** Every entry under `root` with its size and modification time: a run that writes into the image changes it. */
export function treeManifest(root: string): Map<string, string> {
  const manifest = new Map<string, string>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const stat = lstatSync(path);
    manifest.set(path.slice(root.length), `${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs}`);
  }
  return manifest;
}

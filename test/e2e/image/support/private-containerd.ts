// A containerd of the test's own (the one test/cluster builds), with its
// root, state and socket in a temporary folder, to show that `ctr images
// import` (what `kind load image-archive` runs on a node) takes an archive:
// the import unpacks every layer, which checks each one against the diff_id
// the image configuration names. Stopped by its PID.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The containerd and ctr test/cluster built, or undefined before it did. */
export function findContainerd(): { containerd: string; ctr: string } | undefined {
  const bin = join(process.env.TANDEM_CACHE_DIR ?? join(homedir(), '.cache/tandem'), 'bin');
  if (!existsSync(bin)) return undefined;
  const dir = readdirSync(bin)
    .filter((name) => name.startsWith('containerd-v'))
    .sort()
    .map((name) => join(bin, name))
    .find((path) => existsSync(join(path, 'ctr')) && existsSync(join(path, 'containerd')));
  return dir === undefined ? undefined : { containerd: join(dir, 'containerd'), ctr: join(dir, 'ctr') };
}

export interface PrivateContainerd {
  /** Runs ctr against it in namespace `tandem-test`. */
  ctr(args: readonly string[]): { code: number | null; stdout: string; stderr: string };
  stop(): Promise<void>;
}

export async function startContainerd(binaries: { containerd: string; ctr: string }): Promise<PrivateContainerd> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-containerd-'));
  const socket = join(dir, 'containerd.sock');
  writeFileSync(
    join(dir, 'config.toml'),
    [
      'version = 3',
      `root = "${dir}/root"`,
      `state = "${dir}/state"`,
      // Images only: no CRI, no NRI.
      'disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.cri.v1.runtime", "io.containerd.cri.v1.images", "io.containerd.nri.v1.nri"]',
      `[grpc]\n  address = "${socket}"`,
      `[ttrpc]\n  address = "${socket}.ttrpc"`,
      '[debug]\n  address = ""',
      '[metrics]\n  address = ""',
      '[plugins."io.containerd.transfer.v1.local"]',
      '  [[plugins."io.containerd.transfer.v1.local".unpack_config]]',
      '    platform = "linux/amd64"',
      '    snapshotter = "native"',
      '',
    ].join('\n'),
  );
  const log = openSync(join(dir, 'containerd.log'), 'w');
  const daemon: ChildProcess = spawn(binaries.containerd, ['--config', join(dir, 'config.toml')], { stdio: ['ignore', log, log] });
  const exited = new Promise<void>((resolve) => {
    daemon.on('exit', () => {
      resolve();
    });
  });
  const ctr = (args: readonly string[]): { code: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(binaries.ctr, ['--address', socket, '--namespace', 'tandem-test', ...args], { encoding: 'utf8', timeout: 600_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  for (let tries = 0; ctr(['version']).code !== 0; tries += 1) {
    if (tries > 100 || daemon.exitCode !== null) throw new Error(`containerd did not start:\n${readFileSync(join(dir, 'containerd.log'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    ctr,
    async stop(): Promise<void> {
      if (daemon.exitCode === null && daemon.pid !== undefined) process.kill(daemon.pid, 'SIGTERM');
      await exited;
      // The native snapshotter leaves read-only trees behind: root removes them all the same.
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

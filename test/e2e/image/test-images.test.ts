// The real node's test images (test/images/*), built by scripts/build-image.ts
// and run from the unpacked root filesystem of their archives the way the
// real-node tests use them: nginx as UID 101 with the reloader's kind of
// command line on a read-only root with /tmp as an emptyDir, reloading on
// SIGHUP; toolbox's applets (ps, kill, wget, sleep, cat); pause exiting 0 on
// SIGTERM and SIGINT. The refs and digests the lead's tests import are the
// ones these builds print.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stateDir } from '../../integration/cluster-env.ts';
import { freePort, httpGet, until } from '../reloader/support/pod-sandbox.ts';
import { buildImage, missingPrerequisite, runContainer, startContainer, unpackImage, type UnpackedImage } from './support/image-container.ts';

const missing = missingPrerequisite();
if (missing !== undefined) process.stderr.write(`SKIPPING test-image e2e: ${missing}\n`);
const describeImages = missing === undefined ? describe : describe.skip;
const work = mkdtempSync(join(tmpdir(), 'tandem-test-images-'));
const logs = join(stateDir, 'logs');
const run = `${Date.now().toString(36).slice(-4)}${process.pid.toString(36)}`;
const images: Record<string, UnpackedImage> = {};

beforeAll(() => {
  if (missing !== undefined) return;
  mkdirSync(logs, { recursive: true });
  for (const name of ['nginx', 'toolbox', 'pause']) {
    const build = buildImage(name);
    images[name] = unpackImage(build, join(work, name));
    console.log(`${build.ref} ${build.digest}: ${build.archive}`);
  }
}, 900_000);

afterAll(() => {
  spawnSync('rm', ['-rf', work]);
});

describeImages('tandem.local/test/nginx', () => {
  it("is Debian's nginx with only the libraries it loads, as 101, no entry point, and its default configuration is valid", () => {
    const nginx = images.nginx!;
    expect(nginx.build.ref).toMatch(/^tandem\.local\/test\/nginx:1\.22\.\d+-[\w.]+$/);
    expect(nginx.config).toMatchObject({ User: '101:101', Cmd: ['nginx', '-g', 'daemon off;'], ExposedPorts: { '8080/tcp': {} } });
    expect(nginx.config.Entrypoint).toBeUndefined();
    const libraries = spawnSync('find', [nginx.rootfs, '-name', '*.so*'], { encoding: 'utf8' }).stdout.trim().split('\n').map((path) => path.slice(nginx.rootfs.length)).sort();
    expect(libraries).toEqual([
      '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib/x86_64-linux-gnu/libcrypt.so.1',
      '/lib/x86_64-linux-gnu/libcrypt.so.1.1.0',
      '/lib/x86_64-linux-gnu/libz.so.1',
      expect.stringMatching(/^\/lib\/x86_64-linux-gnu\/libz\.so\.1\.\d+\.\d+$/),
      '/lib64/ld-linux-x86-64.so.2',
      '/usr/lib/x86_64-linux-gnu/libcrypto.so.3',
      '/usr/lib/x86_64-linux-gnu/libpcre2-8.so.0',
      expect.stringMatching(/^\/usr\/lib\/x86_64-linux-gnu\/libpcre2-8\.so\.0\.\d+\.\d+$/),
      '/usr/lib/x86_64-linux-gnu/libssl.so.3',
    ]);
    // nginx -t creates the pid file too: /tmp must be writable (an emptyDir with a read-only root).
    const check = runContainer(nginx, { args: ['nginx', '-t'], tmpfs: ['/tmp'] });
    expect([check.code, check.stderr]).toEqual([0, expect.stringContaining('configuration file /etc/nginx/nginx.conf test is successful')]);
  });

  it('serves and reloads on SIGHUP with `nginx -c FILE -g "daemon off;"`, read-only root, /tmp an emptyDir', async () => {
    const port = await freePort();
    const config = join(work, 'nginx-config');
    mkdirSync(join(config, 'html'), { recursive: true });
    writeFileSync(join(config, 'html/index.html'), 'first\n');
    const conf = (body: string): string =>
      `error_log stderr notice;\nevents {}\nhttp {\n  server {\n    listen 127.0.0.1:${port};\n    location = / { return 200 '${body}\\n'; }\n  }\n}\n`;
    writeFileSync(join(config, 'nginx.conf'), conf('first'));
    // The shape of the seed's pod: the reloader writes the config into a shared volume nginx reads.
    const nginx = startContainer(images.nginx!, { args: ['nginx', '-c', '/etc/tandem-reloader/nginx.conf', '-g', 'daemon off;'], mounts: { '/etc/tandem-reloader': config }, tmpfs: ['/tmp'] }, join(logs, `test-image-nginx-${run}.log`));
    try {
      await until('nginx answers', async () => ((await httpGet(`http://127.0.0.1:${port}/`)).body === 'first\n' ? true : undefined), 30_000);
      writeFileSync(join(config, 'nginx.conf'), conf('second'));
      nginx.signal('SIGHUP');
      await until('nginx serves the new config', async () => ((await httpGet(`http://127.0.0.1:${port}/`)).body === 'second\n' ? true : undefined), 30_000);
      expect(nginx.log()).toMatch(/signal 1 \(SIGHUP\) received from \d+, reconfiguring/);
      expect(nginx.exitCode()).toBeUndefined();
    } finally {
      nginx.signal('SIGQUIT');
      await nginx.stop();
    }
  });
});

describeImages('tandem.local/test/toolbox', () => {
  it('runs its applets by name through PATH, as nobody by default', () => {
    const toolbox = images.toolbox!;
    expect(toolbox.build.ref).toMatch(/^tandem\.local\/test\/toolbox:1\.\d+\.\d+-[\w.]+$/);
    expect(toolbox.config.Entrypoint).toBeUndefined();
    const result = runContainer(toolbox, { args: ['sh', '-c', 'id -u; echo hi | cat; sleep 0; ps -o pid,user,args | head -1; wget --help 2>&1 | head -1; kill -0 $$ && echo alive'] });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 4)).toEqual(['65534', 'hi', expect.stringMatching(/PID\s+USER\s+COMMAND/), expect.stringMatching(/^BusyBox v1\.\d+/)]);
    expect(result.stdout).toContain('alive\n');
  });

  it('signals a process of the same UID with kill -HUP (what the real-node tests do to nginx)', async () => {
    const sleeper = startContainer(images.toolbox!, { args: ['sh', '-c', 'trap "echo got HUP; exit 0" HUP; while :; do sleep 1; done'], user: '101:101' }, join(logs, `test-image-toolbox-${run}.log`));
    try {
      await until('the trap is set', () => (sleeper.exitCode() === undefined ? true : undefined), 5_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const kill = runContainer(images.toolbox!, { args: ['kill', '-HUP', String(sleeper.pid)], user: '101:101' });
      expect(kill.code).toBe(0);
      await until('the process exits on HUP', () => (sleeper.exitCode() === 0 ? true : undefined), 10_000);
      expect(sleeper.log()).toContain('got HUP');
    } finally {
      await sleeper.stop();
    }
  });
});

describeImages('tandem.local/test/pause', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('runs as 65535 and exits 0 on %s', async (signal) => {
    const pause = images.pause!;
    expect(pause.config).toMatchObject({ User: '65535:65535', Entrypoint: ['/pause'] });
    expect(readFileSync(join(pause.rootfs, 'pause')).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    const running = startContainer(pause, {}, join(logs, `test-image-pause-${signal}-${run}.log`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(running.exitCode()).toBeUndefined();
    running.signal(signal);
    await until('pause exits', () => (running.exitCode() === undefined ? undefined : true), 10_000);
    expect(running.exitCode()).toBe(0);
    expect(running.log()).toContain(`pause: ${signal === 'SIGTERM' ? 'terminated' : 'interrupt'}, exiting`);
  });
});

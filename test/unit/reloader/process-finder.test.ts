import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProcess, parseStat } from '../../../operator/reloader/process-finder.ts';

const root = mkdtempSync(join(tmpdir(), 'tandem-proc-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

interface FakeProcess {
  readonly pid: number;
  readonly comm: string;
  readonly argv: readonly string[];
  readonly start: number;
  readonly state?: string;
  readonly uid?: number;
}

/** A /proc with the files the finder reads: stat, cmdline, status. */
function fakeProc(name: string, processes: readonly FakeProcess[]): string {
  const proc = join(root, name);
  mkdirSync(proc);
  writeFileSync(join(proc, 'uptime'), '1234.56 100.00\n');
  mkdirSync(join(proc, 'self'));
  for (const p of processes) {
    const dir = join(proc, String(p.pid));
    mkdirSync(dir);
    // Fields 3..22: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
    const fields = [p.state ?? 'S', 1, p.pid, p.pid, 0, -1, 4194560, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0, p.start, 1000, 100];
    writeFileSync(join(dir, 'stat'), `${p.pid} (${p.comm}) ${fields.join(' ')}\n`);
    writeFileSync(join(dir, 'cmdline'), p.argv.length === 0 ? '' : `${p.argv.join('\0')}\0`);
    writeFileSync(join(dir, 'status'), `Name:\t${p.comm}\nUid:\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\t${p.uid ?? 0}\n`);
  }
  return proc;
}

// A pod with shareProcessNamespace: pause is PID 1; nginx's master set its title, and so did its workers.
const pod = fakeProc('pod', [
  { pid: 1, comm: 'pause', argv: ['/pause'], start: 10 },
  { pid: 7, comm: 'nginx', argv: ['nginx: master process /usr/sbin/nginx -g daemon off;'], start: 50, uid: 0 },
  { pid: 30, comm: 'nginx', argv: ['nginx: worker process'], start: 60, uid: 101 },
  { pid: 29, comm: 'nginx', argv: ['nginx: worker process'], start: 60, uid: 101 },
  { pid: 40, comm: 'node', argv: ['node', '/app/tandem', 'reloader'], start: 20 },
  { pid: 41, comm: 'kworker/0:1', argv: [], start: 1 },
  { pid: 50, comm: 'nginx', argv: ['nginx', '-t', '-c', '/etc/nginx/.nginx.conf.tandem-1'], start: 900 },
  { pid: 60, comm: 'defunct-app', argv: [], start: 5, state: 'Z' },
  { pid: 70, comm: 'my-very-long-se', argv: ['/usr/bin/my-very-long-server-name', '--serve'], start: 70 },
  { pid: 80, comm: 'python3', argv: ['python3', 'app.py'], start: 30, uid: 1000 },
]);
const options = { procRoot: pod, selfPid: 40 };

describe('findProcess', () => {
  it('picks the oldest match by name: nginx\'s master, not a worker or a check command', async () => {
    await expect(findProcess({ name: 'nginx' }, options)).resolves.toMatchObject({ pid: 7, uid: 0, startTicks: 50 });
  });

  it('never picks PID 1, even when it matches', async () => {
    await expect(findProcess({ name: 'pause' }, options)).resolves.toBeUndefined();
  });

  it('never picks itself', async () => {
    await expect(findProcess({ name: 'node' }, options)).resolves.toBeUndefined();
  });

  it('matches a cmdline regular expression over the arguments joined by spaces', async () => {
    await expect(findProcess({ cmdline: '^nginx: worker' }, options)).resolves.toMatchObject({ pid: 29 });
    await expect(findProcess({ cmdline: 'python3 app\\.py' }, options)).resolves.toMatchObject({ pid: 80, uid: 1000 });
  });

  it('matches names longer than comm through argv[0]', async () => {
    await expect(findProcess({ name: 'my-very-long-server-name' }, options)).resolves.toMatchObject({ pid: 70 });
  });

  it('skips kernel threads and zombies', async () => {
    await expect(findProcess({ name: 'kworker/0:1' }, options)).resolves.toBeUndefined();
    await expect(findProcess({ name: 'defunct-app' }, options)).resolves.toBeUndefined();
  });

  it('reads a pid file, refusing PID 1 and a missing process', async () => {
    const pidFile = join(root, 'nginx.pid');
    writeFileSync(pidFile, '7\n');
    await expect(findProcess({ pidFile }, options)).resolves.toMatchObject({ pid: 7 });
    writeFileSync(pidFile, '1\n');
    await expect(findProcess({ pidFile }, options)).resolves.toBeUndefined();
    writeFileSync(pidFile, '999\n');
    await expect(findProcess({ pidFile }, options)).resolves.toBeUndefined();
    await expect(findProcess({ pidFile: join(root, 'absent.pid') }, options)).resolves.toBeUndefined();
  });

  it('finds nothing when nothing matches', async () => {
    await expect(findProcess({ name: 'haproxy' }, options)).resolves.toBeUndefined();
  });
});

describe('parseStat', () => {
  it('handles a comm with spaces and parentheses', () => {
    const fields = ['S', ...Array.from({ length: 18 }, () => '0'), '4242', '0'];
    expect(parseStat(`12 (a (b) c) ${fields.join(' ')}`)).toEqual({ comm: 'a (b) c', state: 'S', startTicks: 4242 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runReload, signalError, verify } from '../../../operator/reloader/reload-action.ts';

let server: Server;
let base = '';
let revision = 'r1';
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(`${request.method ?? ''} ${request.url ?? ''}`);
    if (request.url === '/-/reload') response.writeHead(request.method === 'POST' ? 200 : 405).end();
    else if (request.url === '/-/revision') response.writeHead(200).end(`revision ${revision}`);
    else response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const target = { pid: 7, comm: 'nginx', cmdline: 'nginx: master process', startTicks: 5, uid: 0 };

describe('signal errors', () => {
  it('EPERM explains the UID rule and the fix', () => {
    const error = signalError(Object.assign(new Error('kill EPERM'), { code: 'EPERM' }), { target, signal: 'SIGHUP', rule: 'name "nginx"', ownUid: 101 });
    expect(error.message).toContain('cannot send SIGHUP to pid 7 (nginx: master process, uid 0): permission denied (EPERM)');
    expect(error.message).toContain('The reloader runs as uid 101');
    expect(error.message).toContain('runAsUser: 0');
    expect(error.message).toContain('adding KILL to a non-root container does nothing');
  });

  it('ESRCH names the match rule', () => {
    const error = signalError(Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' }), { target, signal: 'SIGHUP', rule: 'name "nginx"', ownUid: 0 });
    expect(error.message).toMatch(/matched by name "nginx", exited before the signal reached it \(ESRCH\)/);
  });
});

describe('runReload', () => {
  const context = { procRoot: '/proc', selfPid: process.pid, ownUid: 0, revision: 'r1' };

  it('reports no target, naming the rule, when no process matches', async () => {
    const outcome = await runReload({ kind: 'signal', signal: 'SIGHUP', process: { name: 'no-such-process-xyz' }, timeoutMs: 1000 }, context);
    expect(outcome).toMatchObject({ kind: 'no-target' });
    expect(outcome.detail).toContain('no process matches name "no-such-process-xyz"');
  });

  it('sends the signal to the match through kill', async () => {
    const sent: string[] = [];
    const outcome = await runReload(
      { kind: 'signal', signal: 'SIGUSR2', process: { cmdline: 'jest' }, timeoutMs: 1000 },
      { ...context, selfPid: -1, kill: (pid, signal) => sent.push(`${signal} ${pid}`) },
    );
    expect(outcome.kind).toBe('reloaded');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^SIGUSR2 [0-9]+$/);
  });

  it('turns a kill failure into a ReloadError', async () => {
    const kill = (): void => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    };
    await expect(
      runReload({ kind: 'signal', signal: 'SIGHUP', process: { cmdline: 'jest' }, timeoutMs: 1000 }, { ...context, selfPid: -1, ownUid: 101, kill }),
    ).rejects.toThrow(/EPERM.*runs as uid 101/s);
  });

  it('calls a URL and checks the status', async () => {
    await expect(runReload({ kind: 'http', request: { url: `${base}/-/reload`, method: 'POST' }, timeoutMs: 1000 }, context)).resolves.toMatchObject({ kind: 'reloaded' });
    await expect(runReload({ kind: 'http', request: { url: `${base}/-/reload`, method: 'GET' }, timeoutMs: 1000 }, context)).rejects.toThrow(/answered 405, expected 2xx/);
  });

  it('runs a command and reports its failure', async () => {
    await expect(runReload({ kind: 'command', argv: ['true'], timeoutMs: 1000 }, context)).resolves.toMatchObject({ kind: 'reloaded' });
    await expect(runReload({ kind: 'command', argv: ['sh', '-c', 'echo nope >&2; exit 3'], timeoutMs: 1000 }, context)).rejects.toThrow(/exit 3: nope/);
  });
});

describe('verify', () => {
  it('polls until the body holds the revision', async () => {
    revision = 'old';
    setTimeout(() => {
      revision = 'new';
    }, 300);
    await expect(verify({ url: `${base}/-/revision`, method: 'GET', bodyContains: '{{ revision }}' }, 3000, 'new')).resolves.toBeUndefined();
  });

  it('fails after its timeout with the last reason', async () => {
    await expect(verify({ url: `${base}/-/revision`, method: 'GET', bodyContains: 'never' }, 400, 'x')).rejects.toThrow(/verification failed for 400 ms: .*without "never"/);
  });
});

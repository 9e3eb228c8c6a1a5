import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSync } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_BODY_BYTES, sendRequest } from '../../../operator/reloader/http-request.ts';
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

// The shipped reloader runs under `node --lite-mode`, where WebAssembly (and
// so fetch, whose parser is WebAssembly) does not exist: the first real-node
// run rolled back every change because verify.http used fetch. These run the
// request module, bundled as the image bundles it (type stripping needs
// WebAssembly too), in a child node with the shipped flags.
describe('HTTP requests under the shipped V8 flags', () => {
  const shippedFlags = ['--lite-mode', '--max-semi-space-size=1'];
  let moduleUrl = '';
  beforeAll(() => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'tandem-http-request-')), 'http-request.mjs');
    buildSync({ entryPoints: [new URL('../../../operator/reloader/http-request.ts', import.meta.url).pathname], bundle: true, platform: 'node', format: 'esm', outfile });
    moduleUrl = pathToFileURL(outfile).href;
  });

  function inLiteMode(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...shippedFlags, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => { resolve({ code, stdout, stderr }); });
    });
  }

  it('sendRequest answers with status and body', async () => {
    revision = 'lite';
    const result = await inLiteMode(
      `const { sendRequest } = await import(${JSON.stringify(moduleUrl)}); console.log(JSON.stringify(await sendRequest(${JSON.stringify(`${base}/-/revision`)}, 'GET', 2000)));`,
    );
    expect(result.stderr).not.toContain('WebAssembly');
    expect(JSON.parse(result.stdout)).toEqual({ status: 200, body: 'revision lite' });
  });

  it('fetch itself cannot work there (why the reloader does not use it)', async () => {
    const result = await inLiteMode(`try { await fetch(${JSON.stringify(`${base}/-/revision`)}); console.log('fetched'); } catch (e) { console.log(String(e.cause ?? e)); }`);
    expect(result.stdout).toContain('WebAssembly is not defined');
  });
});

describe('sendRequest', () => {
  it('names a refused connection by its errno code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(verify({ url: `http://127.0.0.1:${port}/`, method: 'GET' }, 300, 'r')).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:[0-9]+\/ failed: ECONNREFUSED/);
  });

  it('reads at most MAX_BODY_BYTES of a body', async () => {
    const big = createServer((_request, response) => response.end('x'.repeat(MAX_BODY_BYTES + 4096)));
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const answer = await sendRequest(`http://127.0.0.1:${(big.address() as AddressInfo).port}/`, 'GET', 2000);
    await new Promise((resolve) => big.close(resolve));
    expect(answer.body).toHaveLength(MAX_BODY_BYTES);
  });
});

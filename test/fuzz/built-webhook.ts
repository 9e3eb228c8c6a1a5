// The webhook as an image runs it: the esbuild bundle (scripts/bundle.ts),
// started as `node main.js webhook` in static mode with the fuzz SidecarSets
// and a fresh certificate, answering over TLS on 127.0.0.1. Used by the TLS
// half of the fuzzer (test/unit/webhook/admission-fuzz-tls.test.ts) and by
// `npm run fuzz:admission -- --tls`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestCertificate } from '../support/test-certificate.ts';
import { FUZZ_SETS_YAML } from './fuzz-sidecar-sets.ts';
import type { Answer } from './run-admission-fuzz.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface BuiltWebhook {
  readonly pid: number;
  readonly answer: Answer;
  /** SIGTERM by PID; resolves with the exit code (0 after a clean drain). */
  readonly stop: () => Promise<number | null>;
}

/** Bundles the CLI, starts the webhook and resolves once it listens. */
export async function startBuiltWebhook(): Promise<BuiltWebhook> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-fuzz-'));
  // Inside the repository, so the bundle's external packages resolve from node_modules as in an image.
  const outdir = join(ROOT, 'dist', `fuzz-bundle-${process.pid}`);
  const bundled = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.ts'), '--outdir', outdir], { encoding: 'utf8', timeout: 120_000 });
  if (bundled.status !== 0) throw new Error(`scripts/bundle.ts failed: ${bundled.stderr}`);
  const certificate = createTestCertificate(dir);
  writeFileSync(join(dir, 'sets.yaml'), FUZZ_SETS_YAML);
  const args = [join(outdir, 'main.js'), 'webhook', '--listen', '127.0.0.1:0', '--tls-cert-file', certificate.certFile, '--tls-key-file', certificate.keyFile, '--sidecarsets', join(dir, 'sets.yaml'), '--log-level', 'info'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code); }));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /"address":"127\.0\.0\.1:(\d+)"/.exec(line);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    void exited.then((code) => { reject(new Error(`tandem webhook exited with ${code} before listening`)); });
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ca: certificate.certPem });
  const cleanup = (): void => {
    agent.destroy();
    rmSync(outdir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    pid: child.pid ?? -1,
    answer: (body) => post(port, agent, body),
    stop: async () => {
      child.kill('SIGTERM');
      const code = await exited;
      cleanup();
      return code;
    },
  };
}

function post(port: number, agent: Agent, body: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, method: 'POST', path: '/mutate-pods?timeout=10s', agent, headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the judge reports the text itself.
        }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
      response.on('error', reject);
    });
    call.on('error', reject);
    call.end(body);
  });
}

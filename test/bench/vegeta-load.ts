// Load for `npm run bench:webhook`, from vegeta (github.com/tsenart/vegeta,
// built from the Go module proxy into the same cache as the local cluster's
// binaries). Why not a Node client: at the rates measured here a Node load
// generator needs most of a core and its event loop delays its own sends by
// milliseconds (2-2.5 ms p99 measured), which then counts as the server's
// latency; and on 2 cores it starves the servers it measures. vegeta paces in
// Go, spends a fraction of that CPU, and measures each latency from the
// moment the request was due (unbounded workers in open loop: no coordinated
// omission).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '../..');

export interface LoadResult {
  /** Requests answered correctly inside the measured window. */
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** Cores used by vegeta in the window. */
  readonly clientCores: number;
  /** Cores used by the server under test in the window. */
  readonly serverCores: number;
  /** Cores everything else on the machine used meanwhile (other users, builds): noise. */
  readonly otherCores: number;
}

export interface LoadSpec {
  readonly vegeta: string;
  readonly targetsFile: string;
  readonly caFile: string;
  readonly serverPid: number;
  /** Open loop at this many requests per second; undefined: closed loop with `concurrency` workers. */
  readonly rate?: number;
  readonly concurrency: number;
  /** Connections to the server, like the apiserver's pool of keep-alive connections to a webhook. */
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly expect: AnswerCheck;
  readonly resultsFile: string;
  /** A client certificate to authenticate with (the apiserver's admin), PEM files. */
  readonly clientCertificate?: { readonly certFile: string; readonly keyFile: string };
  /** HTTP/2, as client-go speaks to the apiserver; default HTTP/1.1 with keep-alive, as the apiserver to a webhook. */
  readonly http2?: boolean;
}

/** How an answer is judged: a fast wrong answer must not count. */
export interface AnswerCheck {
  /** The HTTP status of a correct answer; default 200. */
  readonly status?: number;
  /** Substrings every answer body must contain (within the first 512 bytes). */
  readonly contains: readonly string[];
  /**
   * When true, the answer must carry the UID of one of the requests. Not
   * "its" request: vegeta numbers hits and picks targets under separate
   * locks, so the two orders can differ. Echoing the right UID is proven by
   * the unit and integration tests; here it guards against canned answers.
   */
  readonly knownUid: boolean;
}

/** Builds vegeta on first use (seconds, cached after); returns the binary. */
export function ensureVegeta(): string {
  execFileSync('bash', [join(ROOT, 'test/cluster/build.sh'), 'vegeta'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = execFileSync('bash', ['-c', `source ${join(ROOT, 'test/cluster/paths.sh')} && echo "$TANDEM_VEGETA_BIN"`])
    .toString()
    .trim();
  return join(dir, 'vegeta');
}

/** One vegeta target per body, in order; vegeta sends them round-robin. */
export function writeTargets(file: string, url: string, bodies: readonly string[]): void {
  const lines = bodies.map((body) =>
    JSON.stringify({ method: 'POST', url, body: Buffer.from(body).toString('base64'), header: { 'Content-Type': ['application/json'] } }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export function uidsOf(bodies: readonly string[]): ReadonlySet<string> {
  return new Set(bodies.map((body) => (JSON.parse(body) as { request: { uid: string } }).request.uid));
}

export async function runVegeta(spec: LoadSpec, uids: ReadonlySet<string>): Promise<LoadResult> {
  const totalMs = spec.warmupMs + spec.durationMs;
  const pacing =
    spec.rate === undefined
      ? ['-rate=0', `-workers=${spec.concurrency}`, `-max-workers=${spec.concurrency}`]
      : [`-rate=${spec.rate}/s`, `-workers=${spec.concurrency}`];
  const args = [
    'attack',
    '-format=json',
    `-targets=${spec.targetsFile}`,
    `-duration=${totalMs}ms`,
    `-root-certs=${spec.caFile}`,
    ...(spec.clientCertificate === undefined ? [] : [`-cert=${spec.clientCertificate.certFile}`, `-key=${spec.clientCertificate.keyFile}`]),
    // The apiserver speaks HTTP/1.1 to a Node webhook (no h2 offered); keep-alive like its pool.
    `-http2=${String(spec.http2 === true)}`,
    '-keepalive=true',
    `-connections=${spec.connections}`,
    `-max-connections=${spec.connections}`,
    '-timeout=10s',
    '-max-body=512',
    `-output=${spec.resultsFile}`,
    ...pacing,
  ];
  const child = spawn(spec.vegeta, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const started = performance.now();
  // CPU of both sides and of the machine, sampled when the warm-up ends and when the attack does.
  let from: CpuMark | undefined;
  const warm = setTimeout(() => {
    from = cpuMark(spec.serverPid, child.pid ?? 0);
  }, spec.warmupMs);
  let to: CpuMark | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', resolve);
  });
  // Sample just before vegeta exits: its own /proc entry disappears with it.
  const end = setTimeout(() => {
    to = cpuMark(spec.serverPid, child.pid ?? 0);
  }, totalMs);
  const code = await exited;
  clearTimeout(warm);
  clearTimeout(end);
  if (code !== 0) throw new Error(`vegeta exited with ${code}`);
  if (from === undefined || to === undefined) throw new Error(`vegeta ended before its ${totalMs} ms were up (${Math.round(performance.now() - started)} ms)`);
  const results = await readResults(spec, uids);
  const seconds = (to.at - from.at) / 1000;
  const serverCores = (to.server - from.server) / seconds;
  const clientCores = (to.client - from.client) / seconds;
  const machineCores = (to.machine - from.machine) / seconds;
  return {
    ...summarize(results.latencies, spec.durationMs / 1000),
    errors: results.errors,
    clientCores: round(clientCores, 2),
    serverCores: round(serverCores, 2),
    otherCores: round(Math.max(0, machineCores - serverCores - clientCores), 2),
  };
}

interface CpuMark {
  readonly at: number;
  readonly server: number;
  readonly client: number;
  readonly machine: number;
}

function cpuMark(serverPid: number, clientPid: number): CpuMark {
  return { at: performance.now(), server: cpuSeconds(serverPid), client: cpuSeconds(clientPid), machine: machineBusySeconds() };
}

/** utime + stime of a process (and its reaped children), in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds spent busy by the whole machine (all processes), from /proc/stat. */
function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return (total - (fields[3] ?? 0) - (fields[4] ?? 0)) / 100;
}

interface VegetaResult {
  readonly code: number;
  readonly timestamp: string;
  readonly latency: number;
  readonly error: string;
  readonly body: string;
}

/** Latencies (ms) of the correct answers whose request was due after the warm-up; everything else in the window is an error. */
async function readResults(spec: LoadSpec, uids: ReadonlySet<string>): Promise<{ latencies: number[]; errors: number }> {
  const encoder = spawn(spec.vegeta, ['encode', '--to', 'json', spec.resultsFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const latencies: number[] = [];
  let errors = 0;
  let first: number | undefined;
  for await (const line of createInterface({ input: encoder.stdout })) {
    if (line === '') continue;
    const result = JSON.parse(line) as VegetaResult;
    const due = Date.parse(result.timestamp);
    first ??= due;
    if (due - first < spec.warmupMs) continue;
    if (isCorrect(result, spec.expect, uids)) latencies.push(result.latency / 1e6);
    else errors++;
  }
  return { latencies, errors };
}

function isCorrect(result: VegetaResult, check: AnswerCheck, uids: ReadonlySet<string>): boolean {
  if (result.code !== (check.status ?? 200) || result.error !== '') return false;
  const body = Buffer.from(result.body, 'base64').toString('utf8');
  if (!check.contains.every((part) => body.includes(part))) return false;
  if (!check.knownUid) return true;
  const uid = /"uid":"([^"]*)"/.exec(body)?.[1];
  return uid !== undefined && uids.has(uid);
}

function summarize(latencies: number[], seconds: number): Omit<LoadResult, 'errors' | 'clientCores' | 'serverCores' | 'otherCores'> {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0, 3);
  return {
    requests: sorted.length,
    seconds: round(seconds, 2),
    perSecond: Math.round(sorted.length / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    p999Ms: at(0.999),
    maxMs: round(sorted.at(-1) ?? 0, 3),
  };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

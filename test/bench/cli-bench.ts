// CLI start-up benchmark: `npm run bench:cli`.
//
// Runs each command as a user does (bin/tandem: bash, the pinned Node, the
// fast CLI's launcher) 20 times, interleaved with `node -e 0` in the same
// run, so that the machine's load weighs on all of them alike; reports wall
// time (min / median / p90), its ratio to that floor (medians) and peak RSS
// (GNU time's maximum resident set size). For comparison, the same inject
// from the sources (node operator/cli/main.ts), the path bin/tandem took
// before the fast CLI. Each command runs once first (building the bundle
// and writing its code cache if needed) and its output is checked against
// the sources' (same stdout, stderr and exit code).
//
// Targets (issue 14, on a 2-core machine): inject and explain on one small
// file < 150 ms, --version and --help < 100 ms, RSS < 80 MB.
//
// Prints a table, then, LAST, one JSON line with every figure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile } from '../support/percentile.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const GNU_TIME = '/usr/bin/time';
const examples = join(ROOT, 'deploy/examples');
const injection = ['-f', join(examples, 'workloads.yaml'), '--sidecarsets', join(examples, 'sidecarsets.yaml')];

interface Case {
  readonly name: string;
  readonly command: readonly string[];
  /** ms; absent: no target (the floor, the comparison). */
  readonly targetMs?: number;
  /** The sources' equivalent, whose output must be the same. */
  readonly reference?: readonly string[];
}

const tandem = join(ROOT, 'bin/tandem');
const sources = join(ROOT, 'operator/cli/main.ts');
const CASES: readonly Case[] = [
  { name: 'node -e 0', command: [process.execPath, '-e', '0'] },
  { name: 'tandem --version', command: [tandem, '--version'], targetMs: 100, reference: [process.execPath, sources, '--version'] },
  { name: 'tandem --help', command: [tandem, '--help'], targetMs: 100, reference: [process.execPath, sources, '--help'] },
  { name: 'tandem inject', command: [tandem, 'inject', ...injection], targetMs: 150, reference: [process.execPath, sources, 'inject', ...injection] },
  { name: 'tandem explain', command: [tandem, 'explain', ...injection], targetMs: 150, reference: [process.execPath, sources, 'explain', ...injection] },
  { name: 'inject from the sources', command: [process.execPath, sources, 'inject', ...injection] },
];

const TARGET_RSS_MB = 80;

interface Sample {
  readonly wallMs: number;
  readonly rssMb: number;
}

function run(command: readonly string[], rssFile: string): Sample {
  const started = performance.now();
  const result = spawnSync(GNU_TIME, ['-f', '%M', '-o', rssFile, ...command], { stdio: ['ignore', 'ignore', 'ignore'] });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.join(' ')} exited with ${String(result.status)}`);
  return { wallMs, rssMb: Number(readFileSync(rssFile, 'utf8').trim()) / 1024 };
}

function sameOutput(command: readonly string[], reference: readonly string[]): void {
  const [got, want] = [command, reference].map((argv) => spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' }));
  for (const field of ['status', 'stdout', 'stderr'] as const) {
    if (got![field] !== want![field]) throw new Error(`${command.join(' ')}: ${field} differs from the sources' (${reference.join(' ')})`);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number): number => Math.round(value * 10) / 10;

function main(): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time, Debian package "time") is needed for the peak RSS`);
  const work = mkdtempSync(join(tmpdir(), 'tandem-cli-bench-'));
  const rssFile = join(work, 'rss');
  try {
    const loadBefore = loadavg();
    for (const entry of CASES) {
      if (entry.reference !== undefined) sameOutput(entry.command, entry.reference);
      run(entry.command, rssFile);
    }
    const samples = new Map<string, Sample[]>(CASES.map((entry) => [entry.name, []]));
    for (let index = 0; index < RUNS; index++) for (const entry of CASES) samples.get(entry.name)!.push(run(entry.command, rssFile));
    const loadAfter = loadavg();

    const floor = median(samples.get(CASES[0]!.name)!.map((sample) => sample.wallMs));
    const results = CASES.map((entry) => {
      const wall = samples.get(entry.name)!.map((sample) => sample.wallMs).sort((a, b) => a - b);
      const rss = samples.get(entry.name)!.map((sample) => sample.rssMb);
      const medianMs = median(wall);
      const maxRssMb = Math.max(...rss);
      return {
        name: entry.name,
        minMs: round(wall[0]!),
        medianMs: round(medianMs),
        p90Ms: round(percentile(wall, 0.9)),
        ratioToFloor: round(medianMs / floor),
        medianRssMb: round(median(rss)),
        maxRssMb: round(maxRssMb),
        ...(entry.targetMs === undefined ? {} : { targetMs: entry.targetMs, meetsTarget: medianMs < entry.targetMs && maxRssMb < TARGET_RSS_MB }),
      };
    });
    console.log(`${RUNS} runs each, interleaved; load average ${loadBefore.map(round).join(' ')} before, ${loadAfter.map(round).join(' ')} after`);
    console.log(`${'command'.padEnd(26)} ${'min'.padStart(7)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ms  ${'x floor'.padStart(7)}  RSS median/max MB  target`);
    for (const result of results) {
      const target = result.targetMs === undefined ? '' : `< ${result.targetMs} ms, < ${TARGET_RSS_MB} MB: ${result.meetsTarget ? 'met' : 'MISSED'}`;
      console.log(
        `${result.name.padEnd(26)} ${String(result.minMs).padStart(7)} ${String(result.medianMs).padStart(7)} ${String(result.p90Ms).padStart(7)}     ${String(result.ratioToFloor).padStart(7)}  ${String(result.medianRssMb).padStart(6)} / ${String(result.maxRssMb).padEnd(8)}  ${target}`,
      );
    }
    const machine = { cpus: availableParallelism(), loadavgBefore: loadBefore.map(round), loadavgAfter: loadAfter.map(round), node: process.version };
    console.log(JSON.stringify({ bench: 'cli', runs: RUNS, machine, floorMedianMs: round(floor), results }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();

// Admission under sustained load through the real apiserver: `npm run bench:load`.
//
// The long run of test/integration/webhook-load.test.ts (issue 12): two
// `tandem operator` replicas (the bundle, as the image runs it) behind one
// URL that routes only to ready replicas (as a Service), the chart's
// registration with failurePolicy Fail, pods created open loop at a fixed
// rate (BENCH_LOAD_RATE, default 50/s) for BENCH_LOAD_SECONDS (default 60)
// in each of three phases:
// - steady: nothing else happens;
// - restart: replica 1 gets SIGTERM a third in (it keeps serving 2 s while
//   not ready) and starts again 5 s after it exited;
// - rotation: a fresh pair of replicas whose serving certificate lives 30 s
//   and CA 60 s, so both rotate while the pods are created.
// Each phase: pods/s achieved, creations failed (a creation the generator
// could not start counts), pods created without the sidecar, create latency
// (p50/p99/max), and each replica's RSS at the start, middle and end.
// Targets: 0 failed, 0 not injected, and no replica's RSS more than 32 MiB
// higher at the end of a phase than at its start.
// Prints a table, then, LAST, one JSON line.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { installCrd, repoRoot, stateDir } from '../integration/cluster-env.ts';
import { runLoad, type LoadFigures } from '../integration/support/admission-load.ts';
import { newRunId } from '../integration/support/cluster-objects.ts';
import { setUpLoadEnvironment } from '../integration/support/load-environment.ts';

const RATE = Number(process.env.BENCH_LOAD_RATE ?? 50);
const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 60) * 1_000;
const RSS_GROWTH_CEILING_MIB = 32;

function startCluster(): void {
  const up = spawnSync('bash', ['test/cluster/up.sh'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TANDEM_STATE_DIR: stateDir } });
  if (up.status !== 0) throw new Error(`test/cluster/up.sh failed with exit code ${up.status}`);
  installCrd();
}

async function phase(name: 'steady' | 'restart' | 'rotation'): Promise<LoadFigures> {
  const flags = name === 'rotation' ? ['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '3s'] : [];
  const environment = await setUpLoadEnvironment(newRunId(), flags);
  try {
    process.stderr.write(`bench:load: ${name}: ${RATE}/s for ${DURATION_MS / 1000} s\n`);
    const figures = await runLoad(environment.target, {
      phase: name,
      ratePerSecond: RATE,
      durationMs: DURATION_MS,
      replicas: environment.replicas,
      ...(name === 'restart' ? { during: () => environment.restart(1, DURATION_MS / 3, 5_000) } : {}),
    });
    if (figures.failed + figures.notInjected > 0) {
      for (const replica of environment.replicas()) process.stderr.write(`${replica.name}'s log, last lines:\n${replica.logTail()}\n`);
    }
    return figures;
  } finally {
    await environment.tearDown();
  }
}

function rssGrowth(figures: LoadFigures): number {
  return Math.max(...Object.values(figures.rssMiB).map((rss) => (rss.end ?? 0) - (rss.start ?? 0)));
}

async function main(): Promise<void> {
  startCluster();
  const load = [loadavg()[0] ?? 0];
  const phases: LoadFigures[] = [];
  for (const name of ['steady', 'restart', 'rotation'] as const) {
    phases.push(await phase(name));
    load.push(loadavg()[0] ?? 0);
  }
  const rows = phases.map((figures) => {
    const rss = Object.entries(figures.rssMiB)
      .map(([replica, r]) => `${replica} ${r.start ?? '-'}/${r.middle ?? '-'}/${r.end ?? '-'}`)
      .join(', ');
    return `${figures.phase.padEnd(9)} ${String(figures.achievedPerSecond).padStart(6)}/s  created ${String(figures.created).padStart(5)}  failed ${figures.failed}  not injected ${figures.notInjected}  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  max ${figures.maxMs} ms  RSS MiB start/middle/end: ${rss}`;
  });
  process.stdout.write(`${rows.join('\n')}\n`);
  for (const figures of phases) for (const error of figures.errors) process.stdout.write(`${figures.phase}: ${error}\n`);
  const ok = phases.every((figures) => figures.failed === 0 && figures.notInjected === 0 && rssGrowth(figures) <= RSS_GROWTH_CEILING_MIB);
  const summary = {
    bench: 'load',
    ratePerSecond: RATE,
    seconds: DURATION_MS / 1000,
    loadAverage: load.map((value) => Math.round(value * 10) / 10),
    rssGrowthCeilingMiB: RSS_GROWTH_CEILING_MIB,
    phases: phases.map((figures) => ({ ...figures, rssGrowthMiB: Math.round(rssGrowth(figures) * 10) / 10 })),
    ok,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (!ok) process.exitCode = 1;
}

await main();

// Admission under sustained load through the real apiserver: `npm run bench:load`.
//
// The long run of test/integration/webhook-load.test.ts (issue 12): two
// `tandem operator` replicas, run as the chart runs them (the built entry
// point with the chart's node.flags; BENCH_OPERATOR_ENTRY/_NODE_FLAGS as for
// bench:controller), behind one URL that routes only to ready replicas (as a
// Service), the chart's
// registration with failurePolicy Fail, pods created open loop at a fixed
// rate (BENCH_LOAD_RATE, default 50/s) for BENCH_LOAD_SECONDS (default 60)
// in each of three phases:
// - steady: nothing else happens;
// - restart: replica 1 gets SIGTERM a third in (it keeps serving 2 s while
//   not ready) and starts again 5 s after it exited;
// - rotation: a fresh pair of replicas whose serving certificate lives 30 s
//   and CA 60 s, so both rotate while the pods are created.
// Each created pod is deleted at once, so the cluster's pod count (and the
// leader's pod cache) stays level and memory growth means the operator's.
// Each phase: pods/s achieved, creations failed (a creation the generator
// could not start counts), pods created without the sidecar, create latency
// (p50/p99/max), and each replica's RSS at the start, middle and end of its
// process (a restarted replica: its successor's).
// Targets: 0 failed, 0 not injected, and no replica's RSS more than 32 MiB
// higher at the end of a phase than half-way through (the first half is V8's
// heap growing to its working size, not a leak).
// Prints a table, then, LAST, one JSON line.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { installCrd, repoRoot, stateDir } from '../integration/cluster-env.ts';
import { runLoad, type LoadFigures } from '../integration/support/admission-load.ts';
import { newRunId } from '../integration/support/cluster-objects.ts';
import { setUpLoadEnvironment } from '../integration/support/load-environment.ts';
import { certificatesServed } from '../integration/support/operator-replicas.ts';
import { commandFor } from './support/what-users-run.ts';

const RATE = Number(process.env.BENCH_LOAD_RATE ?? 50);
const DURATION_MS = Number(process.env.BENCH_LOAD_SECONDS ?? 60) * 1_000;
const RSS_GROWTH_CEILING_MIB = 32;

function startCluster(): void {
  const up = spawnSync('bash', ['test/cluster/up.sh'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TANDEM_STATE_DIR: stateDir } });
  if (up.status !== 0) throw new Error(`test/cluster/up.sh failed with exit code ${up.status}`);
  installCrd();
}

interface PhaseFigures extends LoadFigures {
  /** Distinct serving certificates seen per replica (sampled every 500 ms): more than 1 means it rotated under load. */
  readonly servingCertificates: Readonly<Record<string, number>>;
}

async function phase(name: 'steady' | 'restart' | 'rotation', nodeArgv: readonly string[]): Promise<PhaseFigures> {
  const replicaFlags = name === 'rotation' ? ['--serving-lifetime', '30s', '--ca-lifetime', '60s', '--certificate-propagation-delay', '3s'] : [];
  const environment = await setUpLoadEnvironment(newRunId(), { replicaFlags, nodeArgv });
  try {
    process.stderr.write(`bench:load: ${name}: ${RATE}/s for ${DURATION_MS / 1000} s\n`);
    const load = runLoad(environment.target, {
      phase: name,
      ratePerSecond: RATE,
      durationMs: DURATION_MS,
      replicas: environment.replicas,
      ...(name === 'restart' ? { during: () => environment.restart(1, DURATION_MS / 3, 5_000) } : {}),
    });
    const [loadFigures, servingCertificates] = await Promise.all([load, certificatesServed(environment.replicas, load)]);
    const figures = { ...loadFigures, servingCertificates };
    if (figures.failed + figures.notInjected > 0) {
      for (const replica of environment.replicas()) process.stderr.write(`${replica.name}'s log, last lines:\n${replica.logTail()}\n`);
    }
    return figures;
  } finally {
    await environment.tearDown();
  }
}

function rssGrowth(figures: LoadFigures): number {
  return Math.max(...Object.values(figures.rssMiB).map((rss) => rss.secondHalfGrowth));
}

async function main(): Promise<void> {
  const operator = commandFor('BENCH_OPERATOR');
  startCluster();
  const load = [loadavg()[0] ?? 0];
  const phases: PhaseFigures[] = [];
  for (const name of ['steady', 'restart', 'rotation'] as const) {
    phases.push(await phase(name, operator.argv));
    load.push(loadavg()[0] ?? 0);
  }
  const rows = phases.map((figures) => {
    const rss = Object.entries(figures.rssMiB)
      .map(([replica, r]) => `${replica} ${r.start ?? '-'}/${r.middle ?? '-'}/${r.end ?? '-'}`)
      .join(', ');
    return `${figures.phase.padEnd(9)} ${String(figures.achievedPerSecond).padStart(6)}/s  created ${String(figures.created).padStart(5)}  failed ${figures.failed}  not injected ${figures.notInjected}  not deleted ${figures.notDeleted}  p50 ${figures.p50Ms} ms  p99 ${figures.p99Ms} ms  max ${figures.maxMs} ms  RSS MiB start/middle/end: ${rss}  certificates served: ${JSON.stringify(figures.servingCertificates)}`;
  });
  process.stdout.write(`${rows.join('\n')}\n`);
  for (const figures of phases) for (const error of figures.errors) process.stdout.write(`${figures.phase}: ${error}\n`);
  // The rotation phase proves nothing unless every replica served more than one certificate during it.
  const rotated = phases.filter((figures) => figures.phase === 'rotation').every((figures) => Object.values(figures.servingCertificates).every((count) => count > 1));
  const ok =
    rotated &&
    phases.every((figures) => figures.failed === 0 && figures.notInjected === 0 && figures.notDeleted === 0 && rssGrowth(figures) <= RSS_GROWTH_CEILING_MIB);
  const summary = {
    bench: 'load',
    operatorCommand: operator.described,
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

// Brings the local control plane up for the integration suites (building it
// on first use), unless TANDEM_TEST_KUBECONFIG points at another cluster.
// A cluster that was already running is reused and left running.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installCrd, kubectl, repoRoot, stateDir } from './cluster-env.ts';
import { recordHostState } from './host-state.ts';

export const STARTED_MARKER = join(stateDir, 'started-by-tests');

export default function globalSetup(): void {
  startCluster();
  // Every file may create SidecarSets first: the CRD is in place (and served) before any runs.
  installCrd();
}

function startCluster(): void {
  if (process.env.TANDEM_TEST_KUBECONFIG !== undefined) return;
  const running = existsSync(join(stateDir, 'kubeconfig')) && kubectl(['get', '--raw', '/readyz']).code === 0;
  if (running) return;
  recordHostState();
  // The suite's own cluster, whatever TANDEM_STATE_DIR a shell that sourced the demo's env.sh exports.
  const up = spawnSync('bash', ['test/cluster/up.sh'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, TANDEM_STATE_DIR: stateDir } });
  if (up.status !== 0) throw new Error(`test/cluster/up.sh failed with exit code ${up.status}`);
  writeFileSync(STARTED_MARKER, `${process.pid}\n`);
}

// Stops the local control plane if, and only if, global-setup started it.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { repoRoot, stateDir } from './cluster-env.ts';
import { STARTED_MARKER } from './global-setup.ts';
import { checkHostRestored } from './host-state.ts';

export default function globalTeardown(): void {
  if (!existsSync(STARTED_MARKER) || process.env.TANDEM_KEEP_CLUSTER === '1') return;
  rmSync(STARTED_MARKER);
  spawnSync('bash', ['test/cluster/down.sh'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, TANDEM_STATE_DIR: stateDir } });
  checkHostRestored();
}

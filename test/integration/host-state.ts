// The host as a real node could change it (test/cluster/host-state.sh, ADR
// 0040). The global set-up records it before it starts a cluster, the
// teardown compares after it stopped that cluster: the host must be exactly
// as it was. Only meaningful when no other real node ran on the host at
// either moment (the demo's, another checkout's), since those change it too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, stateDir } from './cluster-env.ts';

const BEFORE = join(stateDir, 'host-state.before');
const REGISTRY = process.env.TANDEM_REAL_NODE_REGISTRY ?? '/run/tandem-real-nodes';

export function hostState(): string {
  const result = spawnSync('bash', [join(repoRoot, 'test/cluster/host-state.sh')], { encoding: 'utf8' });
  return result.stdout;
}

function otherRealNodes(): boolean {
  return existsSync(REGISTRY) && readdirSync(REGISTRY).some((name) => name.startsWith('slot-'));
}

/** Before a cluster starts: remember the host, unless another real node runs. */
export function recordHostState(): void {
  rmSync(BEFORE, { force: true });
  if (process.getuid?.() !== 0 || otherRealNodes()) return;
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(BEFORE, hostState());
}

/** After the cluster stopped: throws with the difference when the host is not as recorded. */
export function checkHostRestored(): void {
  if (!existsSync(BEFORE) || otherRealNodes()) return;
  const before = readFileSync(BEFORE, 'utf8');
  rmSync(BEFORE);
  const after = hostState();
  if (after === before) return;
  const lines = (text: string): Set<string> => new Set(text.split('\n'));
  const [was, is] = [lines(before), lines(after)];
  const gone = [...was].filter((line) => !is.has(line)).map((line) => `- ${line}`);
  const added = [...is].filter((line) => !was.has(line)).map((line) => `+ ${line}`);
  throw new Error(`the host is not as it was before the cluster started (test/cluster/host-state.sh):\n${[...gone, ...added].join('\n')}`);
}

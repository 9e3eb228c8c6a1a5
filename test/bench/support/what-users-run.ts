// What the benchmarks run by default: what users run. The chart's container
// command is `node <node.flags> <node.entrypoint> operator ...`
// (charts/tandem/values.yaml): the tsc build, dist/operator/cli/main.js, with
// --optimize-for-size --max-semi-space-size=1 (docs/adr/0022-operator-memory.md).
// A checkout has no dist/ until `npm run build`, so the benchmarks build it
// when it is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, globSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const repoRoot = join(import.meta.dirname, '../../..');
export const BUILT_ENTRY = join(repoRoot, 'dist/operator/cli/main.js');
export const SOURCE_ENTRY = join(repoRoot, 'operator/cli/main.ts');

/** The chart's default `node.flags`. */
export function chartNodeFlags(): string[] {
  const values = parse(readFileSync(join(repoRoot, 'charts/tandem/values.yaml'), 'utf8')) as { node?: { flags?: string[] } };
  return values.node?.flags ?? [];
}

/** Runs `npm run build` unless dist/ is newer than every source file under operator/. */
export function ensureBuilt(): void {
  const built = [BUILT_ENTRY, join(repoRoot, 'dist/bundle/main.js')];
  const oldestBuilt = Math.min(...built.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const newestSource = Math.max(...globSync('operator/**/*.{ts,js,json}', { cwd: repoRoot }).map((file) => statSync(join(repoRoot, file)).mtimeMs));
  if (oldestBuilt >= newestSource) return;
  console.error('dist/ is missing or older than the sources: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export interface NodeCommand {
  /** node's own arguments: the V8 flags, then the entry point. */
  readonly argv: readonly string[];
  /** For the printed figures: "node --optimize-for-size ... dist/operator/cli/main.js". */
  readonly described: string;
}

/**
 * The operator or webhook command line a benchmark runs: by default the
 * built entry point with the chart's flags. `<prefix>_ENTRY` picks another
 * (`sources` for the .ts sources, or a path); `<prefix>_NODE_FLAGS` replaces
 * the flags (empty for node's defaults).
 */
export function commandFor(prefix: string): NodeCommand {
  const entrySetting = process.env[`${prefix}_ENTRY`];
  const entry = entrySetting === undefined ? BUILT_ENTRY : entrySetting === 'sources' ? SOURCE_ENTRY : join(repoRoot, entrySetting);
  if (entry === BUILT_ENTRY) ensureBuilt();
  const flagSetting = process.env[`${prefix}_NODE_FLAGS`];
  const flags = flagSetting === undefined ? chartNodeFlags() : flagSetting.split(' ').filter((flag) => flag !== '');
  const relative = entry.startsWith(`${repoRoot}/`) ? entry.slice(repoRoot.length + 1) : entry;
  return { argv: [...flags, entry], described: ['node', ...flags, relative].join(' ') };
}

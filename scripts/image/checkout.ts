// What the build reads from the git checkout: the files under some paths
// (tracked, or new and not ignored: what `git status` would commit), the
// commit they are at, and that commit's time (the default
// SOURCE_DATE_EPOCH of Tandem's image).
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { runSync } from './run-command.ts';

/** Files under `paths` (relative to `root`), sorted; only regular files that exist (a deleted tracked file is gone). */
export function checkoutFiles(root: string, paths: readonly string[]): string[] {
  const listed = runSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], { cwd: root });
  const files = [...new Set(listed.split('\0').filter((file) => file !== ''))].filter((file) => existsSync(join(root, file)) && lstatSync(join(root, file)).isFile());
  for (const path of paths) {
    if (!files.some((file) => file === path || file.startsWith(`${path.replace(/\/$/, '')}/`))) throw new Error(`${path}: no such file in the checkout ${root}`);
  }
  return files.sort();
}

/** HEAD's commit, with `-dirty` when the files under `paths` differ from it. */
export function checkoutRevision(root: string, paths: readonly string[]): string {
  const commit = runSync('git', ['rev-parse', 'HEAD'], { cwd: root }).trim();
  const changed = runSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...paths], { cwd: root }).trim();
  return changed === '' ? commit : `${commit}-dirty`;
}

/** HEAD's committer time, in seconds. */
export function commitTime(root: string): number {
  return Number(runSync('git', ['log', '-1', '--format=%ct', 'HEAD'], { cwd: root }).trim());
}

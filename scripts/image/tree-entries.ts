// A directory on the host as layer entries: listTree reads what is there
// (types, the execute bit, sizes, link targets; never mtimes or owners), and
// treeEntries, a pure function, places it in the image under a recipe's
// rules (where, which paths, which owner).
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { imagePath, normalizeMode, ROOT_OWNER, type LayerEntry } from './layer-entry.ts';

export interface TreeItem {
  /** Relative to the listed directory, `/`-separated. */
  readonly path: string;
  readonly type: 'directory' | 'file' | 'symlink';
  /** The host's permission bits; only the execute bit of files is used. */
  readonly mode: number;
  readonly size: number;
  readonly target?: string;
}

/** Every entry under `root`, sorted; symlinks are not followed; sockets, devices and FIFOs are an error (no layer should hold one). */
export function listTree(root: string): TreeItem[] {
  const items: TreeItem[] = [];
  const walk = (relative: string): void => {
    for (const name of readdirSync(join(root, relative)).sort()) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const stat = lstatSync(join(root, path));
      if (stat.isSymbolicLink()) {
        items.push({ path, type: 'symlink', mode: 0o777, size: 0, target: readlinkSync(join(root, path)) });
      } else if (stat.isDirectory()) {
        items.push({ path, type: 'directory', mode: stat.mode & 0o7777, size: 0 });
        walk(path);
      } else if (stat.isFile()) {
        items.push({ path, type: 'file', mode: stat.mode & 0o7777, size: stat.size });
      } else {
        throw new Error(`${join(root, path)} is neither a file, a directory nor a symlink`);
      }
    }
  };
  walk('');
  return items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface Placement {
  /** The listed directory on the host (file contents are read from it when the layer is written). */
  readonly from: string;
  /** Image directory the tree lands in: `/` or `app/node_modules`. */
  readonly to: string;
  /** Keeps an item (and, for a directory, what is inside it) when true; everything by default. */
  readonly include?: (path: string, item: TreeItem) => boolean;
  readonly uid?: number;
  readonly gid?: number;
}

/** The listed items as entries of the image, modes normalized, owners the placement's (root by default). */
export function treeEntries(items: readonly TreeItem[], placement: Placement): LayerEntry[] {
  const prefix = placement.to === '/' || placement.to === '' ? '' : `${imagePath(placement.to)}/`;
  const owner = { uid: placement.uid ?? ROOT_OWNER.uid, gid: placement.gid ?? ROOT_OWNER.gid };
  return included(items, placement.include).map((item): LayerEntry => {
    const path = `${prefix}${imagePath(item.path)}`;
    if (item.type === 'symlink') return { type: 'symlink', path, target: item.target ?? '', ...owner };
    if (item.type === 'directory') return { type: 'directory', path, mode: normalizeMode('directory', item.mode), ...owner };
    return { type: 'file', path, mode: normalizeMode('file', item.mode), size: item.size, content: { path: join(placement.from, item.path) }, ...owner };
  });
}

/** The items `include` keeps, less everything inside a directory it refused. */
function included(items: readonly TreeItem[], include: Placement['include']): TreeItem[] {
  if (include === undefined) return [...items];
  const dropped: string[] = [];
  return items.filter((item) => {
    if (dropped.some((dir) => item.path.startsWith(`${dir}/`))) return false;
    if (include(item.path, item)) return true;
    if (item.type === 'directory') dropped.push(item.path);
    return false;
  });
}

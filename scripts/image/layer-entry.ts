// One entry of an image layer, as the builder decides it: the path in the
// image, its type, numeric owner and mode. Nothing of the host's file
// metadata reaches a layer except a regular file's bytes and whether it is
// executable: modes are normalized (normalizeMode), owners are numeric and
// chosen by the recipe, and every entry gets the build's one timestamp when
// it is written (write-layer.ts). So a layer depends on its content only,
// not on the checkout's mtimes, umask or owner.

/** Where a regular file's bytes come from. */
export type FileContent = { readonly path: string } | { readonly bytes: Buffer };

interface EntryBase {
  /** Image path without a leading or trailing slash: `usr/lib/x86_64-linux-gnu`. */
  readonly path: string;
  readonly uid: number;
  readonly gid: number;
}

export interface DirectoryEntry extends EntryBase {
  readonly type: 'directory';
  readonly mode: number;
}

export interface FileEntry extends EntryBase {
  readonly type: 'file';
  readonly mode: number;
  readonly size: number;
  readonly content: FileContent;
}

export interface SymlinkEntry extends EntryBase {
  readonly type: 'symlink';
  readonly target: string;
}

export type LayerEntry = DirectoryEntry | FileEntry | SymlinkEntry;

/** Owner root, the default for everything a package or the build installs. */
export const ROOT_OWNER = { uid: 0, gid: 0 } as const;

/**
 * The mode an entry gets from its host mode: directories 0755, files 0755
 * when any execute bit is set and 0644 otherwise. Set-id, sticky and the
 * write bits of group and others never come from the host; a recipe that
 * needs them (/tmp 1777, a home 0700) declares the entry itself.
 */
export function normalizeMode(type: 'directory' | 'file', hostMode: number): number {
  if (type === 'directory') return 0o755;
  return (hostMode & 0o111) !== 0 ? 0o755 : 0o644;
}

/** `/a/b/`, `./a/b` and `a//b` all name `a/b`; `..` and the root itself are refused. */
export function imagePath(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0) throw new Error(`"${path}" names the image's root, not an entry in it`);
  if (parts.includes('..')) throw new Error(`"${path}": an image path cannot contain ".."`);
  return parts.join('/');
}

function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_part, index) => parts.slice(0, index + 1).join('/'));
}

function sameEntry(a: LayerEntry, b: LayerEntry): boolean {
  if (a.type !== b.type || a.uid !== b.uid || a.gid !== b.gid) return false;
  if (a.type === 'directory' && b.type === 'directory') return a.mode === b.mode;
  if (a.type === 'symlink' && b.type === 'symlink') return a.target === b.target;
  return false;
}

/**
 * A layer's entries in the order they are written: byte order of the path
 * (so a directory always precedes what it holds), every parent directory
 * present (root-owned 0755 unless declared), one entry per path. The same
 * directory or symlink declared twice is kept once; any other two entries for
 * one path (two packages shipping the same file, a file where a directory
 * is) are an error naming the path, never a silent overwrite.
 */
export function layerEntries(entries: readonly LayerEntry[]): LayerEntry[] {
  const byPath = new Map<string, LayerEntry>();
  for (const entry of entries) {
    const path = imagePath(entry.path);
    const normalized = { ...entry, path };
    const existing = byPath.get(path);
    if (existing !== undefined && !sameEntry(existing, normalized)) {
      throw new Error(`two different entries for /${path} in one layer (${describe(existing)} and ${describe(normalized)})`);
    }
    byPath.set(path, normalized);
  }
  for (const path of [...byPath.keys()]) {
    for (const parent of parentsOf(path)) {
      const existing = byPath.get(parent);
      if (existing === undefined) byPath.set(parent, { type: 'directory', path: parent, mode: 0o755, ...ROOT_OWNER });
      else if (existing.type !== 'directory') throw new Error(`/${parent} is a ${existing.type} in this layer but /${path} is inside it`);
    }
  }
  return [...byPath.values()].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

function describe(entry: LayerEntry): string {
  const owner = `${entry.uid}:${entry.gid}`;
  if (entry.type === 'symlink') return `symlink to ${entry.target}, ${owner}`;
  return `${entry.type} ${entry.mode.toString(8).padStart(4, '0')} ${owner}`;
}

/** Explicit entries, for the files a recipe writes itself. */
export function directory(path: string, options: { mode?: number; uid?: number; gid?: number } = {}): DirectoryEntry {
  return { type: 'directory', path: imagePath(path), mode: options.mode ?? 0o755, uid: options.uid ?? 0, gid: options.gid ?? 0 };
}

export function textFile(path: string, text: string, options: { mode?: number; uid?: number; gid?: number } = {}): FileEntry {
  const bytes = Buffer.from(text);
  return { type: 'file', path: imagePath(path), mode: options.mode ?? 0o644, uid: options.uid ?? 0, gid: options.gid ?? 0, size: bytes.length, content: { bytes } };
}

export function symlink(path: string, target: string): SymlinkEntry {
  return { type: 'symlink', path: imagePath(path), target, ...ROOT_OWNER };
}

/** Bytes of the regular files among `entries`. */
export function contentBytes(entries: readonly LayerEntry[]): number {
  return entries.reduce((total, entry) => total + (entry.type === 'file' ? entry.size : 0), 0);
}

// A local file, or every regular file under a directory. fs.watch gives
// fast notice; the periodic rescan catches what inotify misses (files
// replaced through a symlink swap, network file systems, a watch that
// failed because the path did not exist yet).
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { createSourceState, type Source, type SourceListener } from './source.ts';
import { watchPath } from './watch-path.ts';

export interface FileSourceOptions {
  readonly name: string;
  readonly path: string;
  readonly rescanMs: number;
  readonly listener: SourceListener;
}

/** Bounds a directory source, so a mistaken path such as / fails instead of reading the disk. */
export const MAX_FILES = 1_000;
const SETTLE_MS = 25;

export function startFileSource(options: FileSourceOptions): Source {
  const state = createSourceState(options.name, options.listener);
  const watched = watchPath({
    path: options.path,
    recursive: true,
    // Editors and atomic writers produce several events per save: read once after they settle.
    settleMs: SETTLE_MS,
    rescanMs: options.rescanMs,
    read: async () => {
      try {
        state.set(await readPath(options.path));
      } catch (error) {
        state.fail(error);
      }
    },
    readNow: true,
  });
  return {
    name: options.name,
    value: state.value,
    status: state.status,
    stop: () => watched.stop(),
  };
}

/** A file gives { basename: content }; a directory { relative/path: content } for each regular file. */
export async function readPath(path: string): Promise<Record<string, string>> {
  const info = await stat(path);
  if (!info.isDirectory()) return { [basename(path)]: await readFile(path, 'utf8') };
  const values: Record<string, string> = {};
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !isHidden(relative(path, join(entry.parentPath, entry.name))));
  if (files.length > MAX_FILES) throw new Error(`${path} holds ${files.length} files, more than the ${MAX_FILES} a file source reads`);
  // Code-unit order: the same everywhere, and no ICU collation data loaded (docs/adr/0011-reloader-memory.md).
  for (const full of files.map((entry) => join(entry.parentPath, entry.name)).sort()) {
    values[relative(path, full)] = await readFile(full, 'utf8');
  }
  return values;
}

// Kubelet volume internals (..data, ..2024_01_01...) and editor leftovers.
function isHidden(relativePath: string): boolean {
  return relativePath.split('/').some((part) => part.startsWith('.'));
}

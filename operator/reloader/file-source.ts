// A local file, or every regular file under a directory. fs.watch gives
// fast notice; the periodic rescan catches what inotify misses (files
// replaced through a symlink swap, network file systems, a watch that
// failed because the path did not exist yet).
import { watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { createSourceState, type Source, type SourceListener } from './source.ts';

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
  let watcher: FSWatcher | undefined;
  let settle: NodeJS.Timeout | undefined;
  let stopped = false;
  let reading: Promise<void> = Promise.resolve();

  const read = (): void => {
    reading = reading.then(async () => {
      if (stopped) return;
      try {
        state.set(await readPath(options.path));
        ensureWatch();
      } catch (error) {
        state.fail(error);
      }
    });
  };
  // Editors and atomic writers produce several events per save: read once after they settle.
  const changed = (): void => {
    clearTimeout(settle);
    settle = setTimeout(read, SETTLE_MS);
  };
  const ensureWatch = (): void => {
    if (watcher !== undefined || stopped) return;
    try {
      watcher = watch(options.path, { recursive: true, persistent: false }, changed);
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        changed();
      });
    } catch {
      // The rescan covers it.
    }
  };
  const rescan = setInterval(read, options.rescanMs);
  rescan.unref();
  read();

  return {
    name: options.name,
    value: state.value,
    status: state.status,
    stop: async () => {
      stopped = true;
      clearInterval(rescan);
      clearTimeout(settle);
      watcher?.close();
      await reading;
    },
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

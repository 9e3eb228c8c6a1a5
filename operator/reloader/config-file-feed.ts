// The configuration as a file (--config), its templates read beside it. The
// directory is watched (fs.watch), not the file: editors and the kubelet
// replace files by renaming (a mounted ConfigMap swaps its ..data symlink),
// which ends a watch on the file itself. A periodic rescan catches what
// inotify misses (network file systems, a watch that could not start).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ConfigFeed, ConfigFeedListener, ConfigSnapshot } from './reloader-config-feed.ts';
import { watchPath } from './watch-path.ts';

export interface ConfigFileFeedOptions {
  /** Default 10 s. */
  readonly rescanMs?: number;
  /** Default 100 ms: one read after a burst of events (an editor's save, a symlink swap). */
  readonly settleMs?: number;
}

export function configFileFeed(path: string, options: ConfigFileFeedOptions = {}): ConfigFeed {
  return {
    origin: path,
    read: () => readConfigFile(path),
    watch: (listener) => watchConfigFile(path, listener, options),
  };
}

/** reloader.yaml and every src it names that exists beside it; a missing one is reported by validation. */
export async function readConfigFile(path: string): Promise<ConfigSnapshot> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new Error(`cannot read the configuration file ${path}: ${(error as Error).message}`, { cause: error });
  });
  const templates: Record<string, string> = {};
  for (const src of srcNames(text)) {
    const content = await readFile(join(dirname(path), src), 'utf8').catch(() => undefined);
    if (content !== undefined) templates[src] = content;
  }
  return { text, templates };
}

/** The src values a config file names (never a path out of its directory); validation reports the real problems. */
function srcNames(text: string): string[] {
  let templates: unknown;
  try {
    templates = (parseYaml(text) as { templates?: unknown } | null)?.templates;
  } catch {
    return [];
  }
  if (!Array.isArray(templates)) return [];
  return templates
    .map((template: unknown) => (typeof template === 'object' && template !== null ? (template as { src?: unknown }).src : undefined))
    .filter((src): src is string => typeof src === 'string' && src !== '' && !src.includes('..') && !src.startsWith('/'));
}

function watchConfigFile(path: string, listener: ConfigFeedListener, options: ConfigFileFeedOptions): { stop(): Promise<void> } {
  return watchPath({
    path: dirname(path),
    recursive: false,
    settleMs: options.settleMs ?? 100,
    rescanMs: options.rescanMs ?? 10_000,
    read: async () => {
      try {
        listener.onSnapshot(await readConfigFile(path));
      } catch (error) {
        listener.onError(error);
      }
    },
  });
}

// What a new reloader configuration changes compared with the running one,
// so a live switch touches only that: a source whose spec is equal keeps its
// watch (and its values), a group whose spec (templates included) is equal
// keeps its runner (and a held reload); everything else is stopped, started
// or replaced.
import { isDeepStrictEqual } from 'node:util';
import type { GroupSpec, ReloaderConfig } from './reloader-config.ts';

export interface ReloaderConfigDiff {
  readonly sourcesAdded: readonly string[];
  readonly sourcesRemoved: readonly string[];
  /** Same name, another spec: the old watch is stopped, a new one started. */
  readonly sourcesChanged: readonly string[];
  readonly groupsAdded: readonly string[];
  readonly groupsRemoved: readonly string[];
  /** Same name, another spec (templates, destinations, reload, verify, waits). */
  readonly groupsChanged: readonly string[];
  /** Nothing differs: the running configuration stays as it is. */
  readonly unchanged: boolean;
}

export function diffReloaderConfigs(before: ReloaderConfig, after: ReloaderConfig): ReloaderConfigDiff {
  const sources = diffByName(before.sources, after.sources);
  const groups = diffByName(byName(before.groups), byName(after.groups));
  const diff = {
    sourcesAdded: sources.added,
    sourcesRemoved: sources.removed,
    sourcesChanged: sources.changed,
    groupsAdded: groups.added,
    groupsRemoved: groups.removed,
    groupsChanged: groups.changed,
  };
  return { ...diff, unchanged: Object.values(diff).every((names) => names.length === 0) };
}

function byName(groups: readonly GroupSpec[]): Record<string, GroupSpec> {
  return Object.fromEntries(groups.map((group) => [group.name, group]));
}

function diffByName<T>(before: Readonly<Record<string, T>>, after: Readonly<Record<string, T>>): { added: string[]; removed: string[]; changed: string[] } {
  const added = Object.keys(after).filter((name) => !Object.hasOwn(before, name));
  const removed = Object.keys(before).filter((name) => !Object.hasOwn(after, name));
  const changed = Object.keys(after).filter((name) => Object.hasOwn(before, name) && !isDeepStrictEqual(before[name], after[name]));
  return { added, removed, changed };
}

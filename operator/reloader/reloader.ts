// Wiring of one reloader: compiles the templates, opens the sources, runs a
// group when a source it reads changes, and answers readiness. Sources are
// opened through a callback, so this module knows nothing of Kubernetes or
// etcd clients and tests can hand in plain sources.
import type { Logger } from '../logging/logger.ts';
import { createGroupRunner, type GroupRunner, type GroupStatus } from './group-runner.ts';
import { diffReloaderConfigs, type ReloaderConfigDiff } from './reloader-config-diff.ts';
import { ReloaderConfigError, type GroupSpec, type ReloaderConfig, type SourceSpec } from './reloader-config.ts';
import { addSeries, createReloaderMetrics, removeSeries, type ReloaderMetrics } from './reloader-metrics.ts';
import type { Source, SourceListener, SourceStatus } from './source.ts';
import { createTemplateEngine, type CompiledTemplate, type TemplateEngine } from './template-engine.ts';

export type SourceOpener = (name: string, spec: SourceSpec, listener: SourceListener) => Source;

export interface ReloaderOptions {
  readonly config: ReloaderConfig;
  readonly openSource: SourceOpener;
  readonly logger: Logger;
  /** The /proc of the shared PID namespace. */
  readonly procRoot: string;
  readonly selfPid: number;
  readonly ownUid: number;
  /** False for --once. */
  readonly reloads: boolean;
  readonly defaultMetrics?: boolean;
  readonly heldPollMs?: number;
}

export interface Readiness {
  readonly ready: boolean;
  /** Every group has had its first render in place (the startup probe). */
  readonly started: boolean;
  /** Why not ready, one line each. */
  readonly reasons: readonly string[];
  readonly groups: readonly GroupStatus[];
  readonly sources: readonly (SourceStatus & { readonly name: string })[];
}

export interface Reloader {
  readonly metrics: ReloaderMetrics;
  /** Resolves after the first render of every group, once every source has a value; rejects after timeoutMs. */
  firstRender(timeoutMs: number): Promise<Readiness>;
  readiness(): Readiness;
  /**
   * Switches to a new configuration: its templates are compiled first (a
   * ReloaderConfigError leaves everything as it was), then only what changed
   * is stopped, started or replaced, and each new or changed group runs its
   * transaction (render, check, swap, reload, verify, rollback). Calls are
   * serialized. Files of removed templates stay on disk.
   */
  reconfigure(config: ReloaderConfig): Promise<ReloaderConfigDiff>;
  stop(): Promise<void>;
}

export function startReloader(options: ReloaderOptions): Reloader {
  const { logger } = options;
  const engine = createTemplateEngine();
  let config = options.config;
  let compiled = compileAll(config, engine);
  const metrics = createReloaderMetrics({
    groups: config.groups.map((group) => group.name),
    sources: Object.keys(config.sources),
    ...(options.defaultMetrics !== undefined ? { defaultMetrics: options.defaultMetrics } : {}),
  });
  const sources = new Map<string, Source>();
  let runners = new Map<string, GroupRunner>();
  let initialDone = false;
  let changed: (() => void) | undefined;
  // Reconfigurations and the first render never overlap.
  let serial: Promise<unknown> = Promise.resolve();
  const serialized = <T>(step: () => Promise<T>): Promise<T> => {
    const next = serial.then(step);
    serial = next.catch(() => undefined);
    return next;
  };

  const listener: SourceListener = {
    onChange: (name) => {
      metrics.sourceUp.set({ source: name }, 1);
      logger.debug({ source: name }, 'source changed');
      changed?.();
      if (!initialDone) return;
      for (const group of config.groups) {
        if (group.templates.some((template) => template.sources.includes(name))) runners.get(group.name)?.trigger();
      }
    },
    onError: (name, error) => {
      metrics.watchErrors.inc({ source: name });
      metrics.sourceUp.set({ source: name }, 0);
      logger.warn({ source: name, err: error }, 'source unreachable: keeping the last values, not ready until it is back');
    },
  };
  const openSource = (name: string): void => {
    const spec = config.sources[name];
    if (spec !== undefined) sources.set(name, options.openSource(name, spec, listener));
  };
  const newRunner = (group: GroupSpec, previous?: GroupStatus): GroupRunner =>
    createGroupRunner({
      group,
      compiled: group.templates.map((template) => compiled.get(template.field) ?? engine.compile('')),
      engine,
      sources,
      metrics,
      logger,
      reloadContext: { procRoot: options.procRoot, selfPid: options.selfPid, ownUid: options.ownUid },
      reloads: options.reloads,
      ...(options.heldPollMs !== undefined ? { heldPollMs: options.heldPollMs } : {}),
      ...(previous !== undefined ? { previous } : {}),
    });
  for (const name of Object.keys(config.sources)) openSource(name);
  for (const group of config.groups) runners.set(group.name, newRunner(group));

  const readiness = (): Readiness => {
    const sourceStates = [...sources.values()].map((source) => ({ name: source.name, ...source.status() }));
    const groups = [...runners.values()].map((runner) => runner.status());
    for (const source of sourceStates) metrics.sourceUp.set({ source: source.name }, source.healthy && source.synced ? 1 : 0);
    const reasons = [...sourceStates.flatMap(sourceReason), ...groups.flatMap(groupReason)];
    const started = initialDone && groups.every((group) => group.rendered);
    return { ready: started && reasons.length === 0, started, reasons, groups, sources: sourceStates };
  };

  const firstRender = async (timeoutMs: number): Promise<Readiness> => {
    await allSynced(() => [...sources.values()], timeoutMs, (callback) => {
      changed = callback;
    });
    changed = undefined;
    await serialized(async () => {
      await Promise.all([...runners.values()].map((runner) => runner.runNow()));
      initialDone = true;
    });
    // Changes that came during the first render.
    for (const runner of runners.values()) runner.trigger();
    return readiness();
  };

  const switchTo = async (next: ReloaderConfig): Promise<ReloaderConfigDiff> => {
    const nextCompiled = compileAll(next, engine);
    const diff = diffReloaderConfigs(config, next);
    if (diff.unchanged) return diff;
    const replacedGroups = [...diff.groupsRemoved, ...diff.groupsChanged];
    const replacedSources = [...diff.sourcesRemoved, ...diff.sourcesChanged];
    const previous = new Map(replacedGroups.map((name) => [name, runners.get(name)?.status()]));
    // A running transaction ends first: no file is left half-swapped.
    await Promise.all(replacedGroups.map((name) => runners.get(name)?.stop() ?? Promise.resolve()));
    await Promise.all(replacedSources.map((name) => sources.get(name)?.stop() ?? Promise.resolve()));
    for (const name of replacedSources) sources.delete(name);
    removeSeries(metrics, { groups: diff.groupsRemoved, sources: diff.sourcesRemoved });
    addSeries(metrics, { groups: diff.groupsAdded, sources: diff.sourcesAdded });
    config = next;
    compiled = nextCompiled;
    for (const name of [...diff.sourcesAdded, ...diff.sourcesChanged]) openSource(name);
    const kept = runners;
    runners = new Map(next.groups.map((group) => {
      const runner = kept.get(group.name);
      const reuse = runner !== undefined && !diff.groupsChanged.includes(group.name);
      return [group.name, reuse ? runner : newRunner(group, previous.get(group.name))];
    }));
    changed?.();
    // Before the first render, firstRender runs every group once its sources are read.
    if (initialDone) await Promise.all([...diff.groupsAdded, ...diff.groupsChanged].map((name) => runners.get(name)?.runNow() ?? Promise.resolve()));
    return diff;
  };

  return {
    metrics,
    firstRender,
    readiness,
    reconfigure: (next) => serialized(() => switchTo(next)),
    stop: async () => {
      await serialized(async () => {
        await Promise.all([...runners.values()].map((runner) => runner.stop()));
        await Promise.all([...sources.values()].map((source) => source.stop()));
      });
    },
  };
}

function sourceReason(source: SourceStatus & { readonly name: string }): string[] {
  const why = source.error !== undefined ? ` (${source.error})` : '';
  if (!source.synced) return [`source ${source.name}: not read yet${why}`];
  if (!source.healthy) return [`source ${source.name}: unreachable, serving its last values${why}`];
  return [];
}

function groupReason(group: GroupStatus): string[] {
  if (group.inSync) return [];
  return [`group ${group.name}: ${group.lastResult ?? 'not rendered yet'}${group.lastError !== undefined ? `: ${group.lastError}` : ''}`];
}

/** Every template compiled up front: a template error is a configuration error, reported at start. */
function compileAll(config: ReloaderConfig, engine: TemplateEngine): Map<string, CompiledTemplate> {
  const compiled = new Map<string, CompiledTemplate>();
  const problems: string[] = [];
  for (const template of config.groups.flatMap((group) => group.templates)) {
    try {
      compiled.set(template.field, engine.compile(template.text));
    } catch (error) {
      problems.push(`${template.field}: not a valid template: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ReloaderConfigError('(templates)', problems);
  return compiled;
}

/** Waits until every current source (a reconfiguration may change them meanwhile) has a value. */
function allSynced(current: () => readonly Source[], timeoutMs: number, onChange: (callback: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!current().every((source) => source.status().synced)) return;
      clearTimeout(timer);
      resolve();
    };
    // No deadline: a sidecar waits for its sources as long as its startup probe allows.
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => {
      const missing = current().filter((source) => !source.status().synced).map((source) => `${source.name}${source.status().error !== undefined ? ` (${source.status().error ?? ''})` : ''}`);
      reject(new Error(`sources not read within ${timeoutMs} ms: ${missing.join(', ')}`));
    }, timeoutMs) : undefined;
    onChange(check);
    check();
  });
}

// Wiring of one reloader: compiles the templates, opens the sources, runs a
// group when a source it reads changes, and answers readiness. Sources are
// opened through a callback, so this module knows nothing of Kubernetes or
// etcd clients and tests can hand in plain sources.
import type { Logger } from '../logging/logger.ts';
import { createGroupRunner, type GroupRunner, type GroupStatus } from './group-runner.ts';
import { ReloaderConfigError, type ReloaderConfig, type SourceSpec } from './reloader-config.ts';
import { createReloaderMetrics, type ReloaderMetrics } from './reloader-metrics.ts';
import type { Source, SourceListener, SourceStatus } from './source.ts';
import { createTemplateEngine, type CompiledTemplate } from './template-engine.ts';

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
  stop(): Promise<void>;
}

export function startReloader(options: ReloaderOptions): Reloader {
  const { config, logger } = options;
  const engine = createTemplateEngine();
  const compiled = compileAll(config);
  const sourceNames = Object.keys(config.sources);
  const metrics = createReloaderMetrics({
    groups: config.groups.map((group) => group.name),
    sources: sourceNames,
    ...(options.defaultMetrics !== undefined ? { defaultMetrics: options.defaultMetrics } : {}),
  });
  const sources = new Map<string, Source>();
  const runners: GroupRunner[] = [];
  let initialDone = false;
  let changed: (() => void) | undefined;

  const listener: SourceListener = {
    onChange: (name) => {
      metrics.sourceUp.set({ source: name }, 1);
      logger.debug({ source: name }, 'source changed');
      changed?.();
      if (!initialDone) return;
      for (const [index, group] of config.groups.entries()) {
        if (group.templates.some((template) => template.sources.includes(name))) runners[index]?.trigger();
      }
    },
    onError: (name, error) => {
      metrics.watchErrors.inc({ source: name });
      metrics.sourceUp.set({ source: name }, 0);
      logger.warn({ source: name, err: error }, 'source unreachable: keeping the last values, not ready until it is back');
    },
  };
  for (const [name, spec] of Object.entries(config.sources)) sources.set(name, options.openSource(name, spec, listener));
  for (const group of config.groups) {
    runners.push(
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
      }),
    );
  }

  const readiness = (): Readiness => {
    const sourceStates = [...sources.values()].map((source) => ({ name: source.name, ...source.status() }));
    const groups = runners.map((runner) => runner.status());
    for (const source of sourceStates) metrics.sourceUp.set({ source: source.name }, source.healthy && source.synced ? 1 : 0);
    const reasons = [...sourceStates.flatMap(sourceReason), ...groups.flatMap(groupReason)];
    const started = initialDone && groups.every((group) => group.rendered);
    return { ready: started && reasons.length === 0, started, reasons, groups, sources: sourceStates };
  };

  const firstRender = async (timeoutMs: number): Promise<Readiness> => {
    await allSynced([...sources.values()], timeoutMs, (callback) => {
      changed = callback;
    });
    changed = undefined;
    await Promise.all(runners.map((runner) => runner.runNow()));
    initialDone = true;
    // Changes that came during the first render.
    for (const runner of runners) runner.trigger();
    return readiness();
  };

  return {
    metrics,
    firstRender,
    readiness,
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
      await Promise.all([...sources.values()].map((source) => source.stop()));
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
function compileAll(config: ReloaderConfig): Map<string, CompiledTemplate> {
  const engine = createTemplateEngine();
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

function allSynced(sources: readonly Source[], timeoutMs: number, onChange: (callback: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!sources.every((source) => source.status().synced)) return;
      clearTimeout(timer);
      resolve();
    };
    // No deadline: a sidecar waits for its sources as long as its startup probe allows.
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => {
      const missing = sources.filter((source) => !source.status().synced).map((source) => `${source.name}${source.status().error !== undefined ? ` (${source.status().error ?? ''})` : ''}`);
      reject(new Error(`sources not read within ${timeoutMs} ms: ${missing.join(', ')}`));
    }, timeoutMs) : undefined;
    onChange(check);
    check();
  });
}

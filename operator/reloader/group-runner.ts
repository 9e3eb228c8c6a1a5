// Runs the transactions of one reload group: renders its templates from the
// current source values when they change (coalesced), applies them through
// runTransaction, and turns each result into metrics, a log line and the
// status readiness reads. A reload with no target process yet is held: when
// the process appears, it is signalled only if it started before the files
// were swapped (a process started later has read the new files already).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../injection/canonical-json.ts';
import type { Logger } from '../logging/logger.ts';
import { findProcess, uptimeTicks } from './process-finder.ts';
import { runReload, verify, type ReloadContext, type ReloadOutcome } from './reload-action.ts';
import type { GroupSpec } from './reloader-config.ts';
import type { ReloaderMetrics } from './reloader-metrics.ts';
import { createCoalescer, type Clock, type Coalescer } from './coalescer.ts';
import { runTransaction, type TransactionFile, type TransactionResult } from './reload-transaction.ts';
import { runCommand } from './run-command.ts';
import type { Source, SourceValue } from './source.ts';
import type { CompiledTemplate, TemplateEngine } from './template-engine.ts';

export interface GroupStatus {
  readonly name: string;
  /** The files on disk are what the current source values render to. */
  readonly inSync: boolean;
  /** A first transaction ended with the files in place. */
  readonly rendered: boolean;
  readonly lastResult?: string;
  readonly lastError?: string;
  readonly lastSuccessAt?: number;
  /** Why a reload waits for its target process. */
  readonly heldReload?: string;
}

export interface GroupRunnerOptions {
  readonly group: GroupSpec;
  /** Aligned with group.templates. */
  readonly compiled: readonly CompiledTemplate[];
  readonly engine: TemplateEngine;
  readonly sources: ReadonlyMap<string, Source>;
  readonly metrics: ReloaderMetrics;
  readonly logger: Logger;
  readonly reloadContext: Omit<ReloadContext, 'revision'>;
  /** False for --once: write the files, never reload. */
  readonly reloads: boolean;
  readonly clock?: Clock;
  /** How often a held reload looks for its target. Default 1 s. */
  readonly heldPollMs?: number;
  /** The status of the runner this one replaces after a configuration change, so readiness does not blink. */
  readonly previous?: GroupStatus;
}

export interface GroupRunner {
  readonly name: string;
  /** A source it reads changed: run a transaction after the group's wait. */
  trigger(): void;
  /** Runs a transaction now (after any running one) and resolves when it ended. */
  runNow(): Promise<void>;
  status(): GroupStatus;
  stop(): Promise<void>;
}

type RunResult = TransactionResult | { readonly result: 'render-failed'; readonly error: string } | { readonly result: 'waiting' };

export function createGroupRunner(options: GroupRunnerOptions): GroupRunner {
  const { group, metrics } = options;
  const logger = options.logger.child({ group: group.name });
  const labels = { group: group.name };
  let status: GroupStatus = options.previous !== undefined
    ? { ...options.previous, heldReload: undefined }
    : { name: group.name, inSync: false, rendered: false };
  let held: { readonly sinceTicks: number; readonly revision: string; timer: NodeJS.Timeout } | undefined;

  const run = async (): Promise<void> => {
    const revision = revisionOf(options);
    let result: RunResult;
    try {
      result = await transact(options, revision, (outcome) => {
        if (outcome.kind === 'no-target') void hold(outcome.detail, revision);
      });
    } catch (error) {
      result = { result: 'stage-failed', error: (error as Error).message };
    }
    record(result);
  };

  const record = (result: RunResult): void => {
    if (result.result === 'waiting') return;
    const ok = result.result === 'applied' || result.result === 'unchanged';
    metrics.renders.inc({ ...labels, result: result.result === 'render-failed' ? 'error' : result.result === 'unchanged' ? 'unchanged' : 'changed' });
    countSteps(metrics, group.name, result);
    metrics.inSync.set(labels, ok ? 1 : 0);
    const now = Date.now();
    if (ok) metrics.lastSuccess.set(labels, now / 1000);
    const error = 'error' in result ? result.error : undefined;
    status = {
      ...status,
      name: group.name,
      inSync: ok,
      rendered: status.rendered || ok,
      lastResult: result.result,
      ...(ok ? { lastSuccessAt: now, lastError: undefined } : { lastError: error }),
    };
    logResult(logger, result);
  };

  const hold = async (detail: string, revision: string): Promise<void> => {
    if (held !== undefined) clearInterval(held.timer);
    const sinceTicks = await ticksNow(options);
    logger.warn({ detail }, 'no target process to reload yet; the reload is held until it appears');
    const timer = setInterval(() => void poll(), options.heldPollMs ?? 1_000);
    timer.unref();
    held = { sinceTicks, revision, timer };
    status = { ...status, heldReload: detail };
  };

  const poll = async (): Promise<void> => {
    const current = held;
    if (current === undefined || group.reload.kind !== 'signal') return;
    const target = await findProcess(group.reload.process, options.reloadContext);
    if (target === undefined || held !== current) return;
    clearInterval(current.timer);
    held = undefined;
    status = { ...status, heldReload: undefined };
    if (target.startTicks >= current.sinceTicks) {
      logger.info({ pid: target.pid }, 'target process started after the files were written: no reload needed');
      return;
    }
    await releaseHeld(current.revision);
  };

  const releaseHeld = async (revision: string): Promise<void> => {
    try {
      const outcome = await runReload(group.reload, { ...options.reloadContext, revision });
      if (group.verify !== undefined) await verify(group.verify.request, group.verify.timeoutMs, revision);
      metrics.reloads.inc({ ...labels, result: 'success' });
      logger.info({ detail: outcome.detail }, 'held reload done');
    } catch (error) {
      metrics.reloads.inc({ ...labels, result: 'failure' });
      logger.error({ err: error }, 'held reload failed');
    }
  };

  const coalescer: Coalescer = createCoalescer({
    minMs: group.minWaitMs,
    maxMs: group.maxWaitMs,
    run,
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
  });

  return {
    name: group.name,
    trigger: () => {
      coalescer.trigger();
    },
    runNow: async () => {
      coalescer.trigger();
      await coalescer.flush();
    },
    status: () => status,
    stop: async () => {
      if (held !== undefined) clearInterval(held.timer);
      await coalescer.stop();
    },
  };
}

/** Renders and applies; 'waiting' while a source it reads has no value yet. */
async function transact(
  options: GroupRunnerOptions,
  revision: string,
  onReload: (outcome: ReloadOutcome) => void,
): Promise<RunResult> {
  const { group } = options;
  const files: TransactionFile[] = [];
  for (const [index, template] of group.templates.entries()) {
    const data = templateData(template.sources, options.sources);
    if (data === undefined) return { result: 'waiting' };
    const compiled = options.compiled[index];
    if (compiled === undefined) throw new Error(`${template.field} was not compiled`);
    let content: string;
    try {
      content = await options.engine.render(compiled, { sources: data, reloader: { revision, group: group.name, dest: template.dest } });
    } catch (error) {
      return { result: 'render-failed', error: `${template.field} (${template.dest}): ${(error as Error).message}` };
    }
    files.push({ ...template, content });
  }
  const verifySpec = group.verify;
  return runTransaction(files, {
    check: (argv) => runCommand(argv, group.checkTimeoutMs),
    reload: async () => {
      const outcome = options.reloads
        ? await runReload(group.reload, { ...options.reloadContext, revision })
        : ({ kind: 'skipped', detail: 'reloads are off (--once)' } as const);
      onReload(outcome);
      return outcome;
    },
    ...(verifySpec !== undefined && options.reloads
      ? { verify: () => verify(verifySpec.request, verifySpec.timeoutMs, revision) }
      : {}),
  });
}

function templateData(names: readonly string[], sources: ReadonlyMap<string, Source>): Record<string, SourceValue> | undefined {
  const data: Record<string, SourceValue> = {};
  for (const name of names) {
    const value = sources.get(name)?.value();
    if (value === undefined) return undefined;
    data[name] = value;
  }
  return data;
}

function revisionOf(options: GroupRunnerOptions): string {
  return groupRevision(options.group, (name) => options.sources.get(name)?.value());
}

/**
 * {{ reloader.revision }} in templates and verify: a short hash of what the
 * group's files are made of, its templates (text, destination, mode, owner)
 * and every source value they read. A template edit alone is a new revision
 * too, so verify.bodyContains catches an app that refused the new files and
 * still serves the old ones (found on a real pod: nginx keeps its old config
 * when a SIGHUP brings one it rejects).
 */
export function groupRevision(group: Pick<GroupSpec, 'templates'>, valueOf: (source: string) => unknown): string {
  const names = [...new Set(group.templates.flatMap((template) => template.sources))].sort();
  const values = names.map((name) => [name, valueOf(name) ?? null]);
  const templates = group.templates.map((template) => [template.dest, template.text, template.mode, template.uid ?? null, template.gid ?? null]);
  return createHash('sha256').update(canonicalJson({ templates, values })).digest('hex').slice(0, 16);
}

function ticksNow(options: GroupRunnerOptions): Promise<number> {
  return uptimeTicks(options.reloadContext.procRoot).catch(() => 0);
}

function countSteps(metrics: ReloaderMetrics, group: string, result: RunResult): void {
  const labels = { group };
  if (result.result === 'check-failed') metrics.checks.inc({ ...labels, result: 'failure' });
  if (result.result === 'applied' || result.result === 'reload-failed' || result.result === 'verify-failed') {
    metrics.checks.inc({ ...labels, result: 'success' });
  }
  if (result.result === 'applied') metrics.reloads.inc({ ...labels, result: reloadResult(result.reload) });
  if (result.result === 'reload-failed') metrics.reloads.inc({ ...labels, result: 'failure' });
  if (result.result === 'verify-failed') metrics.reloads.inc({ ...labels, result: 'success' });
  if (result.result === 'reload-failed' || result.result === 'verify-failed') {
    metrics.rollbacks.inc({ ...labels, result: result.rolledBack ? 'success' : 'failure' });
  }
}

function reloadResult(outcome: ReloadOutcome): string {
  if (outcome.kind === 'reloaded') return 'success';
  return outcome.kind === 'no-target' ? 'held' : 'skipped';
}

function logResult(logger: Logger, result: RunResult): void {
  switch (result.result) {
    case 'unchanged':
      logger.debug('rendered: files unchanged, no reload');
      return;
    case 'applied':
      logger.info({ files: result.files, reload: result.reload.detail }, 'files replaced');
      return;
    case 'render-failed':
    case 'stage-failed':
      logger.error({ error: result.error }, `${result.result}: the previous files stay in place`);
      return;
    case 'check-failed':
      logger.error({ file: result.file, error: result.error }, 'check failed: the previous files stay in place');
      return;
    case 'reload-failed':
    case 'verify-failed':
      logger.error(
        { files: result.files, error: result.error, rolledBack: result.rolledBack, rollbackError: result.rollbackError },
        result.rolledBack ? `${result.result}: previous files restored` : `${result.result}: restoring the previous files failed too`,
      );
      return;
    case 'waiting':
      return;
  }
}

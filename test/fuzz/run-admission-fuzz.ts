// Drives the admission fuzzer: the cases of test/fuzz/admission-inputs.ts
// through one `answer` function (the engine in process, or the built webhook
// over TLS), each answer judged by test/fuzz/check-admission-answer.ts, and
// every patched pod admitted again, which must give no patch (idempotence).
import { fuzzCases, reviewOf, type CopyEdit, type FuzzCase, type Pod, type Review } from './admission-inputs.ts';
import { checkAnswer, structuredCloneJson, type Judgement, type WebhookAnswer } from './check-admission-answer.ts';

export type Answer = (body: string) => Promise<WebhookAnswer>;

export interface FuzzProblem {
  readonly case: number;
  readonly kind: FuzzCase['kind'];
  readonly problem: string;
  /** The request body, cut at 2,000 characters. */
  readonly body: string;
}

export interface FuzzSummary {
  readonly seed: number;
  readonly cases: number;
  readonly requests: number;
  readonly kinds: Record<FuzzCase['kind'], number>;
  readonly outcomes: Record<Judgement['outcome'], number>;
  readonly reinjections: number;
  /** Answers that threw instead of resolving (a crash in process, a broken connection over TLS). */
  readonly crashes: number;
  readonly problems: readonly FuzzProblem[];
}

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  readonly answer: Answer;
  /** Stop recording problems beyond this many (the counts go on). */
  readonly maxProblems?: number;
}

class Run {
  readonly kinds = { valid: 0, copied: 0, hostile: 0 };
  readonly outcomes = { patched: 0, allowed: 0, denied: 0, refused: 0 };
  readonly problems: FuzzProblem[] = [];
  requests = 0;
  reinjections = 0;
  crashes = 0;
  problemCount = 0;
  private index = 0;
  private readonly options: FuzzOptions;

  constructor(options: FuzzOptions) {
    this.options = options;
  }

  async run(): Promise<void> {
    for (const item of fuzzCases(this.options.seed, this.options.count)) {
      this.kinds[item.kind]++;
      await this.one(item);
      this.index++;
    }
  }

  private async one(item: FuzzCase): Promise<void> {
    if (item.kind === 'hostile') {
      await this.admit(item.body, item.kind);
      return;
    }
    const first = await this.admit(JSON.stringify(item.review), item.kind);
    if (item.kind !== 'copied') return;
    // A user copies the pod as it is now (injected or not), edits it and creates it again: the record comes along.
    const copy = copiedPod(first?.patched ?? structuredCloneJson(item.review.request.object), item.edit);
    await this.admit(JSON.stringify(reviewOf(`${item.review.request.uid}-copy`, 'CREATE', copy)), item.kind);
  }

  /** Sends one body, judges the answer, and re-admits a patched pod. */
  private async admit(body: string, kind: FuzzCase['kind']): Promise<Judgement | undefined> {
    const judgement = await this.judge(body, kind);
    if (judgement?.patched === undefined) return judgement;
    this.reinjections++;
    const again = JSON.stringify(reviewOf(`again-${this.index}`, 'CREATE', judgement.patched as Pod));
    const second = await this.judge(again, kind);
    if (second !== undefined && second.outcome !== 'allowed') this.report(kind, `re-admitting the patched pod was answered ${second.outcome}, not allowed without a patch`, again);
    return judgement;
  }

  private async judge(body: string, kind: FuzzCase['kind']): Promise<Judgement | undefined> {
    this.requests++;
    let answer: WebhookAnswer;
    try {
      answer = await this.options.answer(body);
    } catch (error) {
      this.crashes++;
      this.report(kind, `no answer: ${(error as Error).stack ?? String(error)}`, body);
      return undefined;
    }
    const judgement = checkAnswer(body, answer);
    this.outcomes[judgement.outcome]++;
    for (const problem of judgement.problems) this.report(kind, problem, body);
    return judgement;
  }

  private report(kind: FuzzCase['kind'], problem: string, body: string): void {
    this.problemCount++;
    if (this.problems.length >= (this.options.maxProblems ?? 20)) return;
    this.problems.push({ case: this.index, kind, problem, body: body.length > 2_000 ? `${body.slice(0, 2_000)}...` : body });
  }
}

/** Runs `count` cases from `seed`; reproducible: the same seed and count send the same bodies in the same order. */
export async function runAdmissionFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const run = new Run(options);
  await run.run();
  return {
    seed: options.seed,
    cases: options.count,
    requests: run.requests,
    kinds: run.kinds,
    outcomes: run.outcomes,
    reinjections: run.reinjections,
    crashes: run.crashes,
    problems: run.problems,
  };
}

type Container = Record<string, unknown> & { name?: unknown; image?: unknown };

/** The edits users make to a pod copied from the cluster. */
function copiedPod(pod: Pod | Record<string, unknown>, edit: CopyEdit): Pod {
  const copy = structuredCloneJson(pod) as Pod;
  const spec = copy.spec;
  const annotations = (copy.metadata.annotations ?? {}) as Record<string, string>;
  const containers = spec.containers as Container[];
  const sidecarIndex = containers.findIndex((container) => container.name === 'proxy' || container.name === 'toString');
  switch (edit) {
    case 'none':
      break;
    case 'share-false':
      spec.shareProcessNamespace = false;
      break;
    case 'drop-sidecar':
      if (sidecarIndex >= 0) containers.splice(sidecarIndex, 1);
      break;
    case 'rename-first':
      if (containers[0] !== undefined) containers[0].name = 'renamed';
      break;
    case 'retag-sidecar':
      if (sidecarIndex >= 0) (containers[sidecarIndex] as Container).image = 'example.com/proxy:pinned-by-user';
      break;
    case 'drop-volumes':
      Reflect.deleteProperty(spec, 'volumes');
      for (const container of [...containers, ...((spec.initContainers ?? []) as Container[])]) Reflect.deleteProperty(container, 'volumeMounts');
      break;
    case 'drop-record':
      for (const key of Object.keys(annotations)) if (key.startsWith('tandem.dev/injection')) Reflect.deleteProperty(annotations, key);
      break;
  }
  return copy;
}

export type { Review };

// The long run of the admission fuzzer (issue 12, build 3), benchmark style:
//   node test/bench/admission-fuzz.ts [--count 100000] [--seed 12] [--tls]
// In process by default (answerAdmissionBody); --tls sends the same cases to
// the bundled webhook over TLS (test/fuzz/built-webhook.ts). Prints one JSON
// line: the counts, the first problems (none expected), the time taken, the
// machine's load average and, with --tls, nothing of the webhook's memory
// (the load test measures RSS). Exits 1 when there is a problem.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startBuiltWebhook, type BuiltWebhook } from '../fuzz/built-webhook.ts';
import { inProcessAnswer } from '../fuzz/in-process-answer.ts';
import { runAdmissionFuzz } from '../fuzz/run-admission-fuzz.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '12' },
    tls: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed)) {
  process.stderr.write('usage: admission-fuzz.ts [--count N>0] [--seed INTEGER] [--tls]\n');
  process.exit(2);
}

const webhook: BuiltWebhook | undefined = values.tls ? await startBuiltWebhook() : undefined;
const loadBefore = loadavg()[0];
const started = performance.now();
const summary = await runAdmissionFuzz({ seed, count, answer: webhook?.answer ?? inProcessAnswer() });
const seconds = (performance.now() - started) / 1000;
const exitCode = webhook === undefined ? undefined : await webhook.stop();
const failed = summary.problems.length > 0 || summary.crashes > 0 || (exitCode !== undefined && exitCode !== 0);
process.stdout.write(
  `${JSON.stringify({
    target: values.tls ? 'built webhook over TLS' : 'in process',
    ...summary,
    problems: summary.problems.map((problem) => ({ ...problem, body: problem.body.slice(0, 300) })),
    ...(exitCode === undefined ? {} : { webhookExitCode: exitCode }),
    seconds: Number(seconds.toFixed(1)),
    requestsPerSecond: Math.round(summary.requests / seconds),
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    ok: !failed,
  })}\n`,
);
process.exitCode = failed ? 1 : 0;

// The admission fuzzer against the built webhook over TLS (issue 12, build 3):
// the bundle an image runs, in static mode with the fuzz SidecarSets, gets the
// same seeded cases as the in-process run, answers each as the judge demands,
// answers them exactly as the engine in process does (same outcomes), and is
// still alive to drain and exit 0 at the end.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBuiltWebhook, type BuiltWebhook } from '../../fuzz/built-webhook.ts';
import { inProcessAnswer } from '../../fuzz/in-process-answer.ts';
import { runAdmissionFuzz } from '../../fuzz/run-admission-fuzz.ts';

const COUNT = Number(process.env.TANDEM_FUZZ_TLS_CASES ?? 400);
const SEED = 1212;

let webhook: BuiltWebhook | undefined;

beforeAll(async () => {
  webhook = await startBuiltWebhook();
}, 180_000);

afterAll(async () => {
  await webhook?.stop();
});

describe('the admission fuzzer, over TLS against the built webhook', () => {
  it(`answers ${COUNT} generated reviews as the engine in process does, and exits cleanly`, async () => {
    const built = webhook as BuiltWebhook;
    const overTls = await runAdmissionFuzz({ seed: SEED, count: COUNT, answer: built.answer });
    const inProcess = await runAdmissionFuzz({ seed: SEED, count: COUNT, answer: inProcessAnswer() });
    process.stdout.write(`admission fuzz over TLS: ${JSON.stringify({ ...overTls, problems: overTls.problems.length })}\n`);
    expect(overTls.problems).toEqual([]);
    expect(overTls.crashes).toBe(0);
    expect(overTls.outcomes).toEqual(inProcess.outcomes);
    expect(overTls.outcomes.patched).toBeGreaterThan(COUNT / 20);
    webhook = undefined;
    expect(await built.stop()).toBe(0);
  }, 300_000);
});

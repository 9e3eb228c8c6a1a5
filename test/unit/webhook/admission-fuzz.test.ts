// The admission fuzzer in process (issue 12, "What to build" 3): a fixed seed
// and a bounded count of valid, copied and hostile reviews through the
// handler's own answer path (answerAdmissionBody). Every answer must be a
// 4xx Status or an AdmissionReview echoing the UID, never a 500 or a throw;
// every patch must apply (fast-json-patch, validating) and leave a pod the
// apiserver would decode; re-admitting a patched pod must give no patch.
// The same cases go to the built webhook over TLS in
// admission-fuzz-tls.test.ts; `npm run fuzz:admission` runs long.
import { describe, expect, it } from '@jest/globals';
import { inProcessAnswer } from '../../fuzz/in-process-answer.ts';
import { runAdmissionFuzz } from '../../fuzz/run-admission-fuzz.ts';

const COUNT = Number(process.env.TANDEM_FUZZ_CASES ?? 1_000);
const SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 12);


describe('the admission fuzzer, in process', () => {
  it(`answers ${COUNT} generated reviews (seed ${SEED}) as a webhook must`, async () => {
    const summary = await runAdmissionFuzz({
      seed: SEED,
      count: COUNT,
      answer: inProcessAnswer(),
    });
    process.stdout.write(`admission fuzz in process: ${JSON.stringify({ ...summary, problems: summary.problems.length })}\n`);
    expect(summary.problems).toEqual([]);
    expect(summary.crashes).toBe(0);
    // The generator must reach what it is for: every kind of answer, many patches to re-admit.
    expect(summary.outcomes.patched).toBeGreaterThan(COUNT / 20);
    expect(summary.outcomes.denied).toBeGreaterThan(COUNT / 20);
    expect(summary.outcomes.refused).toBeGreaterThan(COUNT / 20);
    expect(summary.outcomes.allowed).toBeGreaterThan(COUNT / 10);
    expect(summary.kinds.copied).toBeGreaterThan(0);
  });
});

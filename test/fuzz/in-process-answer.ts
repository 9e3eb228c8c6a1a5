// The engine in process, as the fuzzer calls it: the handler's own answer
// path (answerAdmissionBody) with the fuzz SidecarSets in static mode, every
// namespace unlabelled and logs silenced.
import { createLogger } from '../../operator/logging/logger.ts';
import { answerAdmissionBody } from '../../operator/webhook/admission-handler.ts';
import { staticNamespaceSource } from '../../operator/webhook/static-namespace-source.ts';
import { staticSidecarSetSource } from '../unit/webhook/support/sidecar-sets.ts';
import { createWebhookMetrics } from '../../operator/webhook/webhook-metrics.ts';
import { fuzzSidecarSets } from './fuzz-sidecar-sets.ts';
import type { Answer } from './run-admission-fuzz.ts';

export function inProcessAnswer(): Answer {
  const options = {
    sidecarSets: staticSidecarSetSource(fuzzSidecarSets()),
    namespaces: staticNamespaceSource({}),
    kubeVersion: undefined,
    metrics: createWebhookMetrics({ defaultMetrics: false }),
    logger: createLogger({ level: 'silent' }),
  };
  return async (body) => answerAdmissionBody(Buffer.from(body), options);
}

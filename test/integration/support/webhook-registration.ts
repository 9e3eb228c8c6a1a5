// The suite's webhook registrations: the chart's MutatingWebhookConfiguration
// rendered with webhook.url/caBundle, plus two additions that only narrow it:
// an objectSelector on the pod label `tandem.test/run=<run id>` (so the
// webhook under test only ever sees this run's pods, never the pods of
// whoever else shares the cluster, and a failurePolicy=Fail registration
// cannot block them) and labels that mark it as the suite's. Rules,
// namespaceSelector, matchConditions, failurePolicy, reinvocationPolicy,
// sideEffects and timeout are the chart's, unchanged.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { eventually } from '../../support/wait.ts';
import { clusterTools, kubeconfigPath, kubectl, repoRoot } from '../cluster-env.ts';
import { create, INJECT_ANNOTATION, mustSucceed, OWNER_PID_LABEL, pod, RELEASE_NAMESPACE, RUN_LABEL, type CreateResult } from './cluster-objects.ts';

export interface RenderOptions {
  /** Helm release name = the configuration's name. */
  readonly release: string;
  readonly url: string;
  readonly caPem: string;
  readonly runId: string;
  readonly failurePolicy?: 'Ignore' | 'Fail';
}

/** The chart's MutatingWebhookConfiguration in url mode, narrowed to this run's pods (see the file comment). */
export function renderWebhookConfiguration(options: RenderOptions): Record<string, unknown> {
  const args = [
    'template', options.release, join(repoRoot, 'charts/tandem'),
    '--namespace', RELEASE_NAMESPACE,
    '--set', `webhook.url=${options.url}`,
    '--set', `webhook.caBundle=${Buffer.from(options.caPem).toString('base64')}`,
    // The chart's own value narrows the registration to this run's pods.
    '--set-json', `webhook.objectSelector=${JSON.stringify(runSelector(options.runId))}`,
    '--show-only', 'templates/mutating-webhook-configuration.yaml',
  ];
  if (options.failurePolicy !== undefined) args.push('--set', `webhook.failurePolicy=${options.failurePolicy}`);
  const result = spawnSync(clusterTools().helm, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  const documents = parseAllDocuments(result.stdout).map((document) => document.toJS() as Record<string, unknown> | null);
  const configuration = documents.find((document) => document?.kind === 'MutatingWebhookConfiguration');
  if (configuration === undefined || configuration === null) throw new Error(`helm template gave no MutatingWebhookConfiguration:\n${result.stdout}`);
  for (const webhook of configuration.webhooks as Record<string, unknown>[]) {
    if (JSON.stringify(webhook.objectSelector) !== JSON.stringify(runSelector(options.runId))) {
      throw new Error(`the chart did not render webhook.objectSelector as given: ${JSON.stringify(webhook.objectSelector)}`);
    }
  }
  return labelForRun(configuration, options.runId);
}

function runSelector(runId: string): { matchLabels: Record<string, string> } {
  return { matchLabels: { [RUN_LABEL]: runId } };
}

/** The suite's ownership labels on the configuration itself (for clean-up). */
function labelForRun(configuration: Record<string, unknown>, runId: string): Record<string, unknown> {
  const metadata = configuration.metadata as { labels?: Record<string, string> };
  metadata.labels = { ...metadata.labels, [RUN_LABEL]: runId, [OWNER_PID_LABEL]: String(process.pid) };
  return configuration;
}

/** For configurations not rendered here (deploy/): adds the objectSelector on the run label and the ownership labels. */
export function narrowToRun(configuration: Record<string, unknown>, runId: string): Record<string, unknown> {
  for (const webhook of configuration.webhooks as Record<string, unknown>[]) {
    if (webhook.objectSelector !== undefined) throw new Error('deploy/ now sets an objectSelector: merge the run label into it');
    webhook.objectSelector = runSelector(runId);
  }
  return labelForRun(configuration, runId);
}

/**
 * Fails fast, with the fix, when another Tandem webhook is registered on the
 * cluster (the demo's, or a real install): it would inject this suite's pods
 * too, so "the webhook is stopped" and "not called" could not be observed.
 * Leftovers of this suite whose jest process is gone are deleted.
 */
export function ensureNoOtherTandemWebhook(): void {
  const listed = kubectl(['get', 'mutatingwebhookconfigurations', '-o', 'json']);
  mustSucceed(listed, 'list MutatingWebhookConfigurations');
  const items = (JSON.parse(listed.stdout) as { items: { metadata: { name: string; labels?: Record<string, string> }; webhooks?: ListedWebhook[] }[] }).items;
  for (const item of items) {
    const ownerPid = item.metadata.labels?.[OWNER_PID_LABEL];
    if (ownerPid !== undefined) {
      if (!existsSync(`/proc/${ownerPid}`)) kubectl(['delete', 'mutatingwebhookconfiguration', item.metadata.name, '--ignore-not-found']);
      continue;
    }
    if ((item.webhooks ?? []).some((webhook) => webhook.name === 'inject.tandem.dev' && !leavesTestPodsAlone(webhook))) {
      throw new Error(
        `another Tandem webhook is registered on this cluster (mutatingwebhookconfiguration/${item.metadata.name}); ` +
          'it would inject the test pods too. Stop it first: `make demo-down` for the demo, ' +
          `or \`kubectl --kubeconfig ${kubeconfigPath()} delete mutatingwebhookconfiguration ${item.metadata.name}\`.`,
      );
    }
  }
}

interface ListedWebhook {
  name: string;
  objectSelector?: { matchExpressions?: { key: string; operator: string }[] };
}

/** The demo's registration (scripts/demo-cluster.sh) skips pods labelled with RUN_LABEL. */
function leavesTestPodsAlone(webhook: ListedWebhook): boolean {
  return (webhook.objectSelector?.matchExpressions ?? []).some((expression) => expression.key === RUN_LABEL && expression.operator === 'DoesNotExist');
}

/**
 * Waits until the apiserver calls the registration (it picks configurations
 * up asynchronously): dry-run creates an opted-in pod in `namespace` until
 * `accept` likes the answer.
 */
export async function untilRegistrationActive(
  namespace: string,
  runId: string,
  accept: (result: CreateResult) => boolean,
  volumes: readonly string[] = [],
): Promise<CreateResult> {
  const probe = pod({ name: 'registration-probe', runId, annotations: { [INJECT_ANNOTATION]: 'true' } });
  if (volumes.length > 0) (probe.spec as { volumes?: unknown[] }).volumes = volumes.map((name) => ({ name, emptyDir: {} }));
  const result = await eventually(() => create(namespace, probe, { dryRun: true }), accept, 30_000);
  if (!accept(result)) throw new Error(`the webhook registration did not take effect: ${result.stderr}`);
  return result;
}


// charts/tandem/values.schema.json and the chart's cross-value rules: a wrong
// value fails `helm template`, `helm install` and `helm lint` with a message
// that names it; the defaults and every documented variant pass.
import { describe, expect, it } from '@jest/globals';
import { CHART, helm, NAMESPACE, RELEASE, VARIANTS } from './support/chart.ts';

/** [what is wrong, helm flags, what the message must say (the value's path, and why)]. */
const BAD: readonly (readonly [string, readonly string[], readonly string[]])[] = [
  ['an unknown failurePolicy', ['--set', 'webhook.failurePolicy=Sometimes'], ["'/webhook/failurePolicy'", "'Ignore', 'Fail'"]],
  ['a misspelt key', ['--set', 'webhook.failurPolicy=Fail'], ["'/webhook'", "'failurPolicy' not allowed"]],
  ['an unknown top-level key', ['--set', 'replicas=3'], ["'replicas' not allowed"]],
  ['no replica', ['--set', 'replicaCount=0'], ["'/replicaCount'", 'minimum']],
  ['a replica count that is not a number', ['--set', 'replicaCount=two'], ["'/replicaCount'", 'want integer']],
  ['a timeout the API refuses', ['--set', 'webhook.timeoutSeconds=31'], ["'/webhook/timeoutSeconds'", 'maximum']],
  ['a port out of range', ['--set', 'webhook.port=70000'], ["'/webhook/port'", 'maximum']],
  ['a plain-HTTP webhook URL', ['--set', 'webhook.url=http://127.0.0.1:9443/mutate-pods'], ["'/webhook/url'"]],
  ['an unknown selector operator', ['--set-json', 'webhook.objectSelector={"matchExpressions":[{"key":"a","operator":"Exist"}]}'], ["'/webhook/objectSelector/matchExpressions/0/operator'"]],
  ['an unknown certificate mode', ['--set', 'certificates.mode=magic'], ["'/certificates/mode'", "'self-managed', 'cert-manager', 'provided'"]],
  ['a Secret name Kubernetes refuses', ['--set', 'certificates.secretName=Webhook_TLS'], ["'/certificates/secretName'"]],
  ['a duration the operator cannot parse', ['--set', 'certificates.selfManaged.caLifetime=1year'], ["'/certificates/selfManaged/caLifetime'"]],
  ['days in a cert-manager (Go) duration', ['--set', 'certificates.certManager.duration=90d'], ["'/certificates/certManager/duration'"]],
  ['an issuerRef without a name', ['--set-json', 'certificates.certManager.issuerRef={"kind":"ClusterIssuer"}'], ["'/certificates/certManager/issuerRef'", "'name' required"]],
  ['an unknown log level', ['--set', 'logLevel=verbose'], ["'/logLevel'"]],
  ['an unknown pull policy', ['--set', 'image.pullPolicy=Sometimes'], ["'/image/pullPolicy'"]],
  ['a misspelt ServiceMonitor switch', ['--set', 'metrics.serviceMonitor.enable=true'], ["'/metrics/serviceMonitor'", "'enable' not allowed"]],
  ['a scrape interval Prometheus refuses', ['--set', 'metrics.serviceMonitor.interval=30 seconds'], ["'/metrics/serviceMonitor/interval'"]],
  ['a memory limit that is no quantity', ['--set', 'resources.limits.memory=lots'], ["'/resources/limits/memory'"]],
  ['a misspelt resources key', ['--set', 'resources.limit.memory=1Gi'], ["'/resources'", "'limit' not allowed"]],
  ['a negative UID', ['--set', 'reloader.runAsUser=-1'], ["'/reloader/runAsUser'", 'minimum']],
  ['a misspelt proxy option', ['--set', 'proxy.capture.enable=true'], ["'/proxy/capture'", 'enable']],
  ['an unknown toleration operator', ['--set-json', 'tolerations=[{"key":"a","operator":"Equals"}]'], ["'/tolerations/0/operator'"]],
  ['a percentage over 100', ['--set', 'podDisruptionBudget.minAvailable=150%'], ["'/podDisruptionBudget/minAvailable'"]],
  ['a node flag without dashes', ['--set-json', 'node.flags=["optimize-for-size"]'], ["'/node/flags/0'"]],
  ['image pull secrets as strings', ['--set-json', 'imagePullSecrets=["regcred"]'], ["'/imagePullSecrets/0'", 'want object']],
  // Rules between values, checked by the templates.
  ['the metrics port on the webhook port', ['--set', 'metrics.port=9443'], ['metrics.port and webhook.port must differ']],
  ['a grace period shorter than the shutdown', ['--set', 'terminationGracePeriodSeconds=12'], ['terminationGracePeriodSeconds (12) must exceed shutdown.delaySeconds (5)']],
  ['a ServiceMonitor without the metrics port', ['--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.enabled=false'], ['metrics.serviceMonitor.enabled needs metrics.enabled']],
  ['provided mode without a CA bundle', ['--set', 'certificates.mode=provided'], ['certificates.mode=provided needs webhook.caBundle']],
];

describe('values.schema.json', () => {
  it.each(BAD)('helm template refuses %s, naming the value', (_what, flags, expected) => {
    const result = helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...flags]);
    expect(result.code).not.toBe(0);
    for (const text of expected) expect(result.stderr).toContain(text);
  });

  it.each(Object.entries(VARIANTS))('accepts the documented variant %s', (_name, flags) => {
    const result = helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...flags]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('helm install refuses a wrong value before it creates anything', () => {
    const result = helm(['install', `schema-${process.pid}`, CHART, '--namespace', NAMESPACE, '--dry-run=client', '--set', 'webhook.failurePolicy=Never']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("at '/webhook/failurePolicy': value must be one of 'Ignore', 'Fail'");
  });

  it('helm lint --strict passes the defaults and fails a wrong value', () => {
    expect(helm(['lint', '--strict', CHART])).toMatchObject({ code: 0 });
    const bad = helm(['lint', '--strict', CHART, '--set', 'webhook.timeoutSeconds=0']);
    expect(bad.code).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toContain("'/webhook/timeoutSeconds'");
  });
});

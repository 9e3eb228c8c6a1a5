// The metrics objects fit together: the ServiceMonitor selects the metrics
// Service (and not the webhook's), scrapes a port that Service has, which
// targets the container port the operator's --metrics-listen opens.
import { describe, expect, it } from '@jest/globals';
import { manifests, template, type Manifest } from './support/chart.ts';

interface Port { name: string; port?: number; containerPort?: number; targetPort?: string }
type Service = Manifest & { spec: { selector: Record<string, string>; ports: Port[] } };
type Deployment = Manifest & { spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: { args: string[]; ports: Port[] }[] } } } };
type ServiceMonitor = Manifest & { spec: { selector: { matchLabels: Record<string, string> }; namespaceSelector: { matchNames: string[] }; endpoints: { port: string; scheme: string }[] } };

const find = (objects: Manifest[], kind: string, name: string): Manifest | undefined =>
  objects.find((object) => object.kind === kind && object.metadata.name === name);
const within = (labels: Record<string, string>, selector: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('metrics', () => {
  it('the ServiceMonitor scrapes the operator pods through the metrics Service only', () => {
    const objects = manifests(template(['--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.port=9090']));
    const monitor = find(objects, 'ServiceMonitor', 'tandem') as ServiceMonitor;
    const metrics = find(objects, 'Service', 'tandem-metrics') as Service;
    const webhook = find(objects, 'Service', 'tandem-webhook') as Service;
    const deployment = find(objects, 'Deployment', 'tandem') as Deployment;
    const container = deployment.spec.template.spec.containers[0]!;

    expect(within(metrics.metadata.labels ?? {}, monitor.spec.selector.matchLabels)).toBe(true);
    expect(within(webhook.metadata.labels ?? {}, monitor.spec.selector.matchLabels)).toBe(false);
    expect(monitor.spec.namespaceSelector.matchNames).toEqual([metrics.metadata.namespace]);
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'http-metrics', scheme: 'http' })]);
    expect(metrics.spec.ports).toEqual([expect.objectContaining({ name: 'http-metrics', port: 9090, targetPort: 'metrics' })]);
    expect(within(deployment.spec.template.metadata.labels, metrics.spec.selector)).toBe(true);
    expect(container.ports).toContainEqual(expect.objectContaining({ name: 'metrics', containerPort: 9090 }));
    expect(container.args).toContain('--metrics-listen=0.0.0.0:9090');
  });

  it('metrics.enabled=false drops the port, the flag and the Service', () => {
    const objects = manifests(template(['--set', 'metrics.enabled=false']));
    const container = (find(objects, 'Deployment', 'tandem') as Deployment).spec.template.spec.containers[0]!;
    expect(find(objects, 'Service', 'tandem-metrics')).toBeUndefined();
    expect(container.ports.map((port) => port.name)).toEqual(['webhook']);
    expect(container.args.filter((arg) => arg.startsWith('--metrics-listen'))).toEqual([]);
  });

  it('no ServiceMonitor by default (it needs the Prometheus Operator CRDs)', () => {
    expect(manifests(template([])).map((object) => object.kind)).not.toContain('ServiceMonitor');
  });
});

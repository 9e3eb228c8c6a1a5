import { afterEach, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger } from '../../../operator/logging/logger.ts';
import { startMetricsServer, type MetricsServer } from '../../../operator/webhook/metrics-server.ts';
import { createWebhookMetrics, type WebhookMetrics } from '../../../operator/webhook/webhook-metrics.ts';

const servers: MetricsServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(metrics: WebhookMetrics, port = 0): Promise<{ server: MetricsServer; base: string; logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const server = await startMetricsServer({ listen: { host: '127.0.0.1', port }, registry: metrics.registry, logger: createLogger({ destination }) });
  servers.push(server);
  return { server, base: `http://127.0.0.1:${server.address.port}`, logs };
}

describe('the plain-HTTP metrics listener (--metrics-listen)', () => {
  it('serves the registry the webhook serves, in the Prometheus text format', async () => {
    const metrics = createWebhookMetrics({ defaultMetrics: false });
    metrics.admissions.inc({ result: 'injected' }, 3);
    const { base, logs } = await start(metrics);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(metrics.registry.contentType);
    const body = await response.text();
    expect(body).toContain('tandem_webhook_admissions_total{result="injected"} 3');
    expect(body).toBe(await metrics.registry.metrics());
    expect(logs.find((line) => line.msg === 'metrics server listening')).toMatchObject({ address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown });
  });

  it('answers HEAD without a body and ignores a query string', async () => {
    const { base } = await start(createWebhookMetrics({ defaultMetrics: false }));
    const head = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/metrics?x=1`)).status).toBe(200);
  });

  it.each([
    ['/mutate-pods', 'GET', 404],
    ['/healthz', 'GET', 404],
    ['/', 'GET', 404],
    ['/metrics', 'POST', 405],
  ])('serves nothing else: %s %s answers %d', async (path, method, status) => {
    const { base } = await start(createWebhookMetrics({ defaultMetrics: false }));
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(status);
    if (status === 405) expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses an address in use, and closes', async () => {
    const { server } = await start(createWebhookMetrics({ defaultMetrics: false }));
    await expect(start(createWebhookMetrics({ defaultMetrics: false }), server.address.port)).rejects.toThrow(/EADDRINUSE/);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await expect(fetch(`http://127.0.0.1:${server.address.port}/metrics`)).rejects.toThrow();
  });
});

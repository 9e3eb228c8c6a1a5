// Plain HTTP /metrics for Prometheus, next to the webhook's HTTPS port. A
// scraper (a ServiceMonitor) would otherwise need the webhook's CA, which in
// self-managed mode rotates and lives in a Secret of another namespace. The
// metrics hold counts, durations and SidecarSet names, no secrets, and this
// port changes nothing, so it carries no TLS (as most operators' :8080).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logging/logger.ts';
import { formatListenAddress, listenOn, type ListenAddress } from './listen-address.ts';

export const METRICS_PATH = '/metrics';

export interface MetricsServerOptions {
  readonly listen: ListenAddress;
  /** The registry the webhook's own /metrics serves, so both ports answer the same. */
  readonly registry: Registry;
  readonly logger: Logger;
}

export interface MetricsServer {
  /** Where it listens; the real port when 0 was asked for. */
  readonly address: ListenAddress;
  /** Stops accepting and cuts open connections (a scrape is retried on the next interval). */
  close(): Promise<void>;
}

/** Starts the listener. Rejects when the address is taken. */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry, logger } = options;
  // Short timeouts: a scrape is one small GET; a client that dawdles is not Prometheus.
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 120_000 }, (request, response) => {
    answer(registry, request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'cannot render the metrics');
      if (!response.headersSent) text(response, 500, 'internal error\n');
      else response.destroy();
    });
  });
  const address = await listenOn(server, options.listen);
  logger.info({ address: formatListenAddress(address) }, 'metrics server listening');
  return {
    address,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function answer(registry: Registry, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  if (path !== METRICS_PATH) {
    text(response, 404, `no ${path}; this port serves ${METRICS_PATH} only\n`);
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    text(response, 405, 'use GET\n');
    return;
  }
  const body = await registry.metrics();
  response.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}


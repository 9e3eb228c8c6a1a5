import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeVersion } from '../injection/kube-version.ts';
import type { Logger } from '../logging/logger.ts';
import { createAdmissionHandler, type RequestHandler } from './admission-handler.ts';
import { watchCertificate, type CertificateWatcher } from './certificate-watcher.ts';
import { listenOn, type ListenAddress } from './listen-address.ts';
import { sendJson, statusBody } from './send-json.ts';
import {
  certificateFilesVersion,
  isCertificateFiles,
  loadServingCertificate,
  type CertificateFiles,
  type CertificateSource,
  type ServingCertificate,
} from './serving-certificate.ts';
import type { NamespaceSource, SidecarSetSource } from './sources.ts';
import { createWebhookMetrics, type WebhookMetrics } from './webhook-metrics.ts';

export const MUTATE_PODS_PATH = '/mutate-pods';

export interface WebhookTimeouts {
  /** Whole request headers must arrive within this (slowloris). */
  readonly headersMs: number;
  /** A whole request must arrive within this; the apiserver gives up after 30 s at most anyway. */
  readonly requestMs: number;
  /**
   * Idle keep-alive connections are closed after this. Longer than the Go
   * client's 90 s idle timeout on purpose: the apiserver then always closes
   * first, and never sends a request on a connection we are closing.
   */
  readonly keepAliveMs: number;
  readonly tlsHandshakeMs: number;
}

export const DEFAULT_TIMEOUTS: WebhookTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 120_000,
  tlsHandshakeMs: 10_000,
};

export interface WebhookServerOptions {
  readonly listen: ListenAddress;
  /** Files (polled, reloaded when they change) or a source that pushes new pairs (the certificate manager). */
  readonly certificate: CertificateFiles | CertificateSource;
  readonly sidecarSets: SidecarSetSource;
  readonly namespaces: NamespaceSource;
  readonly kubeVersion: KubeVersion | undefined;
  readonly logger: Logger;
  /** Default: a fresh registry with process metrics. */
  readonly metrics?: WebhookMetrics;
  /** How often the certificate files are checked for changes. Default 10 s. */
  readonly certificatePollMs?: number;
  readonly maxBodyBytes?: number;
  readonly timeouts?: Partial<WebhookTimeouts>;
}

export interface CloseOptions {
  /**
   * Keep accepting for this long after /readyz turns 503, so callers that
   * still route here (Service endpoints update asynchronously) are served
   * rather than refused. Default 0.
   */
  readonly delayMs?: number;
  /** Requests still running after this are cut off. Default 10 s. */
  readonly graceMs?: number;
}

export interface WebhookServer {
  /** Where it listens; the real port when 0 was asked for. */
  readonly address: ListenAddress;
  readonly metrics: WebhookMetrics;
  /** Reloads the certificate files now (e.g. on SIGHUP). Resolves true when a new pair is in use; false for a CertificateSource. */
  reloadCertificate(): Promise<boolean>;
  /** Stops accepting, answers /readyz 503, lets requests in flight finish, then resolves. */
  close(options?: CloseOptions): Promise<void>;
}

const TLS_MIN_VERSION = 'TLSv1.2';

/** Starts the HTTPS server. Rejects when the certificate pair is unusable or the address is taken. */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const logger = options.logger;
  const metrics = options.metrics ?? createWebhookMetrics();
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const feed = await openCertificateFeed(options.certificate, options.certificatePollMs ?? 10_000);
  const certificate = feed.initial;
  reportCertificate(logger, metrics, certificate, 'serving certificate loaded');

  let closing = false;
  const admit = createAdmissionHandler({ ...options, metrics, closing: () => closing });
  const routes = createRoutes({ options, metrics, admit, closing: () => closing });
  const server = createServer(
    {
      cert: certificate.cert,
      key: certificate.key,
      minVersion: TLS_MIN_VERSION,
      handshakeTimeout: timeouts.tlsHandshakeMs,
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Timeouts are enforced by a sweep at this interval (Node's default is 30 s).
      connectionsCheckingInterval: 1_000,
      keepAlive: true,
    },
    (request, response) => {
      routes(request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'unhandled error while answering a request');
        if (!response.headersSent) sendJson(response, 500, statusBody(500, 'internal error'), { close: true });
        else response.destroy();
      });
    },
  );
  server.on('tlsClientError', (error) => {
    logger.debug({ err: error }, 'TLS handshake failed');
  });

  const watcher = feed.follow({
    onLoad: (loaded) => {
      server.setSecureContext({ cert: loaded.cert, key: loaded.key, minVersion: TLS_MIN_VERSION });
      metrics.certificateReloads.inc({ result: 'success' });
      reportCertificate(logger, metrics, loaded, 'serving certificate reloaded');
    },
    onReject: (error) => {
      metrics.certificateReloads.inc({ result: 'failure' });
      logger.error({ err: error }, 'the changed certificate was refused; still serving the previous certificate');
    },
  });

  const address = await listenOn(server, options.listen);
  logger.info({ address: `${address.host}:${address.port}` }, 'webhook server listening');
  return {
    address,
    metrics,
    reloadCertificate: () => watcher.check(true),
    close: async (closeOptions = {}) => {
      closing = true;
      if ((closeOptions.delayMs ?? 0) > 0) await sleep(closeOptions.delayMs);
      await closeServer(server, watcher, closeOptions.graceMs ?? 10_000);
      logger.info('webhook server closed');
    },
  };
}

interface CertificateFeed {
  readonly initial: ServingCertificate;
  follow(handlers: { onLoad: (certificate: ServingCertificate) => void; onReject: (error: Error) => void }): CertificateWatcher;
}

/** Files are polled by a watcher; a source pushes, and has nothing to re-read on SIGHUP. */
async function openCertificateFeed(certificate: CertificateFiles | CertificateSource, intervalMs: number): Promise<CertificateFeed> {
  if (!isCertificateFiles(certificate)) {
    return {
      initial: certificate.current(),
      follow: (handlers) => {
        const unsubscribe = certificate.subscribe(handlers.onLoad);
        return { check: () => Promise.resolve(false), stop: unsubscribe };
      },
    };
  }
  const loadedVersion = await certificateFilesVersion(certificate);
  const initial = await loadServingCertificate(certificate);
  return { initial, follow: (handlers) => watchCertificate({ files: certificate, intervalMs, loadedVersion, ...handlers }) };
}

interface RouteContext {
  readonly options: WebhookServerOptions;
  readonly metrics: WebhookMetrics;
  readonly admit: RequestHandler;
  readonly closing: () => boolean;
}

function createRoutes(context: RouteContext): RequestHandler {
  const text = (response: ServerResponse, status: number, body: string): void => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };
  const probes: Readonly<Record<string, (response: ServerResponse) => Promise<void> | void>> = {
    '/healthz': (response) => {
      text(response, 200, 'ok\n');
    },
    '/readyz': (response) => {
      const why = notReady(context);
      text(response, why === undefined ? 200 : 503, why === undefined ? 'ok\n' : `not ready: ${why}\n`);
    },
    '/metrics': async (response) => {
      const body = await context.metrics.registry.metrics();
      response.writeHead(200, { 'content-type': context.metrics.registry.contentType });
      response.end(body);
    },
  };
  return async (request: IncomingMessage, response: ServerResponse) => {
    // The apiserver calls the webhook URL with ?timeout=10s appended.
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    if (path === MUTATE_PODS_PATH) {
      await context.admit(request, response);
      return;
    }
    const probe = probes[path];
    if (probe === undefined) {
      sendJson(response, 404, statusBody(404, `tandem: no such path ${path}`));
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendJson(response, 405, statusBody(405, 'tandem: use GET'), { headers: { allow: 'GET, HEAD' } });
    } else {
      await probe(response);
    }
  };
}

function notReady(context: RouteContext): string | undefined {
  if (context.closing()) return 'shutting down';
  if (!context.options.sidecarSets.synced()) return 'SidecarSets not loaded yet';
  if (!context.options.namespaces.synced()) return 'namespaces not loaded yet';
  return undefined;
}

function reportCertificate(logger: Logger, metrics: WebhookMetrics, certificate: ServingCertificate, message: string): void {
  metrics.certificateExpiry.set(Math.floor(certificate.notAfter.getTime() / 1000));
  const fields = {
    subject: certificate.subject,
    notAfter: certificate.notAfter.toISOString(),
    fingerprint: certificate.fingerprint,
  };
  if (certificate.notAfter.getTime() < Date.now()) logger.error(fields, `${message}, but it has EXPIRED`);
  else logger.info(fields, message);
}


/**
 * server.close() stops accepting and drops idle keep-alive connections;
 * answers still being written carry `Connection: close` (see `closing`), so
 * their connections end with them. Whatever is left after the grace period
 * is cut off.
 */
async function closeServer(server: Server, watcher: CertificateWatcher, graceMs: number): Promise<void> {
  watcher.stop();
  const closed = new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    timer.unref();
  });
  await Promise.race([closed, deadline]);
  clearTimeout(timer);
  await closed;
}

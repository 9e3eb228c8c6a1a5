// Plain HTTP for the kubelet's probes and Prometheus: nothing here changes
// state. /startupz passes once the first render is on disk (a native
// sidecar's startup probe, so the app starts after its config exists);
// /readyz passes while the files match the current sources and every
// source is reachable; /healthz only says the process answers; /statusz
// shows everything, including the reloader's own configuration (which one
// runs, and a refused newer one), always with 200.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { nodeHttp } from '../kube/node-http.ts';
import type { AddressInfo } from 'node:net';
import type { ConfigStatus } from './config-follower.ts';
import type { Reloader } from './reloader.ts';

export interface ReloaderServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface ReloaderServerOptions {
  readonly host: string;
  readonly port: number;
  /** The configuration's status, for /statusz. */
  readonly configStatus?: () => ConfigStatus;
}

export async function startReloaderServer(reloader: Reloader, options: ReloaderServerOptions): Promise<ReloaderServer> {
  const { host, port } = options;
  const server: Server = nodeHttp.createServer((request, response) => {
    handle(reloader, options, { request, response }).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

async function handle(reloader: Reloader, options: ReloaderServerOptions, exchange: { request: IncomingMessage; response: ServerResponse }): Promise<void> {
  const { request, response } = exchange;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  switch (path) {
    case '/healthz':
      send(response, 200, { ok: true });
      return;
    case '/startupz': {
      const readiness = reloader.readiness();
      send(response, readiness.started ? 200 : 503, { started: readiness.started, reasons: readiness.reasons });
      return;
    }
    case '/readyz': {
      const readiness = reloader.readiness();
      send(response, readiness.ready ? 200 : 503, readiness);
      return;
    }
    case '/statusz':
      send(response, 200, { config: options.configStatus?.(), ...reloader.readiness() });
      return;
    case '/metrics': {
      reloader.readiness();
      const registry = reloader.metrics.registry;
      response.writeHead(200, { 'content-type': registry.contentType }).end(await registry.metrics());
      return;
    }
    default:
      send(response, 404, { error: `no ${path}; try /healthz, /startupz, /readyz, /statusz or /metrics` });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

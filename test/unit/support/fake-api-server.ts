// The one fake Kubernetes API server of the unit tests: plain HTTP on
// 127.0.0.1. Lists answer from a script per path; watches stay open until
// the test pushes events, breaks or ends them; any request can be answered by
// a handler instead. Every request is recorded with its headers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { createKubeClient, type KubeClient } from '../../../operator/kube/kube-client.ts';
import { kubeConfigConnection } from '../../../operator/kube/kube-config-connection.ts';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** Answers a request itself; returns false to leave it to the lists and watches. */
export type Handler = (request: IncomingMessage, url: URL, response: ServerResponse) => boolean;

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  /** The next this-many watch requests are refused with 403. */
  refuseWatches = 0;
  private readonly lists = new Map<string, () => Reply>();
  private readonly watches = new Map<string, ServerResponse[]>();
  private readonly handlers: Handler[] = [];
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  onList(path: string, reply: () => Reply): void {
    this.lists.set(path, reply);
  }

  /** Answers requests before the lists and watches do (the first handler that returns true wins). */
  handle(handler: Handler): void {
    this.handlers.push(handler);
  }

  /** Sends a watch event to every open watch on `path`. */
  push(path: string, type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR', object: unknown): void {
    for (const response of this.watches.get(path) ?? []) response.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Breaks every open watch on `path`, as a dropped connection would. */
  breakWatches(path: string): void {
    for (const response of [...(this.watches.get(path) ?? [])]) response.destroy();
  }

  /** Ends every open watch on `path` normally, as the server's timeout does. */
  endWatches(path: string): void {
    for (const response of [...(this.watches.get(path) ?? [])]) response.end();
  }

  watching(path: string): number {
    return (this.watches.get(path) ?? []).length;
  }

  /** Recorded requests of one kind: lists (and gets) or watches. */
  requestsTo(path: string, kind: 'list' | 'watch'): RecordedRequest[] {
    return this.requests.filter((request) => request.url.pathname === path && (request.url.searchParams.get('watch') === 'true') === (kind === 'watch'));
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.dispatch(request, Buffer.concat(chunks).toString('utf8'), response);
      });
    });
    await new Promise<void>((resolve) => {
      this.server!.listen(0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const list of this.watches.values()) for (const response of list) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (this.server === undefined) resolve();
      else this.server.close(() => {
        resolve();
      });
    });
  }

  /** A client-node KubeConfig for this server, with a bearer token. */
  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'not-a-secret' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester', namespace: 'team-a' }],
      currentContext: 'fake',
    });
    return config;
  }

  /** The project's Kubernetes client for this server (close it when done). */
  client(): KubeClient {
    return createKubeClient(kubeConfigConnection(this.kubeConfig(), 'the fake API server'));
  }

  private dispatch(request: IncomingMessage, body: string, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    this.requests.push({ method: request.method ?? 'GET', url, headers: request.headers, body });
    if (this.handlers.some((handler) => handler(request, url, response))) return;
    if (url.searchParams.get('watch') === 'true') {
      this.openWatch(url, response);
      return;
    }
    const reply = this.lists.get(url.pathname)?.() ?? { status: 404, body: { kind: 'Status', code: 404, reason: 'NotFound' } };
    json(response, reply.status, reply.body);
  }

  private openWatch(url: URL, response: ServerResponse): void {
    if (this.refuseWatches > 0) {
      this.refuseWatches--;
      json(response, 403, { kind: 'Status', code: 403, reason: 'Forbidden', message: 'forbidden' });
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.flushHeaders();
    const open = this.watches.get(url.pathname) ?? [];
    open.push(response);
    this.watches.set(url.pathname, open);
    response.on('close', () => open.splice(open.indexOf(response), 1));
  }
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Writes watch events as lines; ends the response after them unless keepOpen. */
export function watchEvents(response: ServerResponse, lines: readonly unknown[], keepOpen = false): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  for (const line of lines) response.write(`${JSON.stringify(line)}\n`);
  if (!keepOpen) response.end();
}

/** A started fake API server and a client for it; `cleanups` gets what stops both (run it in afterEach). */
export async function startFakeApi(cleanups: (() => Promise<void> | void)[]): Promise<{ api: FakeApiServer; client: KubeClient }> {
  const api = await new FakeApiServer().start();
  const client = api.client();
  cleanups.push(() => api.stop(), () => {
    client.close();
  });
  return { api, client };
}

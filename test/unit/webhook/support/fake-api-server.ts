import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

type Reply = { status: number; body: unknown };

/**
 * Just enough of an API server over plain HTTP for informers: a scripted
 * answer per list path, and watch streams the test pushes events into.
 */
export class FakeApiServer {
  readonly requests: string[] = [];
  /** The next this-many watch requests are refused with 403. */
  refuseWatches = 0;
  private readonly lists = new Map<string, () => Reply>();
  private readonly watches = new Map<string, ServerResponse[]>();
  private server: Server | undefined;
  private port = 0;

  onList(path: string, reply: () => Reply): void {
    this.lists.set(path, reply);
  }

  /** Sends a watch event to every open watch on `path`. */
  push(path: string, type: 'ADDED' | 'MODIFIED' | 'DELETED', object: unknown): void {
    for (const response of this.watches.get(path) ?? []) response.write(`${JSON.stringify({ type, object })}\n`);
  }

  /** Breaks every open watch on `path`, as a dropped connection would. */
  breakWatches(path: string): void {
    for (const response of [...(this.watches.get(path) ?? [])]) response.destroy();
  }

  watching(path: string): number {
    return (this.watches.get(path) ?? []).length;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response);
    });
    await new Promise<void>((resolve) => {
      this.server!.listen(0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
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

  kubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fake', server: `http://127.0.0.1:${this.port}`, skipTLSVerify: true }],
      users: [{ name: 'tester', token: 'not-a-secret' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'tester' }],
      currentContext: 'fake',
    });
    return config;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://x');
    this.requests.push(`${url.pathname}${url.searchParams.get('watch') === 'true' ? ' watch' : ''}`);
    if (url.searchParams.get('watch') === 'true' && this.refuseWatches > 0) {
      this.refuseWatches--;
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', code: 403, message: 'forbidden' }));
      return;
    }
    if (url.searchParams.get('watch') === 'true') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.flushHeaders();
      const open = this.watches.get(url.pathname) ?? [];
      open.push(response);
      this.watches.set(url.pathname, open);
      response.on('close', () => open.splice(open.indexOf(response), 1));
      return;
    }
    const reply = this.lists.get(url.pathname)?.() ?? { status: 404, body: { kind: 'Status', code: 404 } };
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(reply.body));
  }
}

export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

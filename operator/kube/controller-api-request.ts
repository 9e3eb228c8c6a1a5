import type { KubeConfig } from '@kubernetes/client-node';
import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server URL, e.g. /api/v1/pods. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Default application/json; PATCH needs json-patch+json or merge-patch+json. */
  readonly contentType?: string;
  readonly accept?: string;
  readonly signal?: AbortSignal;
  /** Whole-request timeout. Default 30 s. */
  readonly timeoutMs?: number;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A response other than 2xx; `reason`/`message` come from the API server's Status object when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  constructor(status: number, body: unknown, what: string) {
    const statusObject = (typeof body === 'object' && body !== null ? body : {}) as { message?: string; reason?: string };
    super(`${what}: HTTP ${status}${statusObject.message !== undefined ? `: ${statusObject.message}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.reason = statusObject.reason;
  }
}

export interface ApiRequester {
  /** Resolves with any HTTP status; rejects only on transport errors and timeouts. */
  request(options: ApiRequest): Promise<ApiResponse>;
  /** Like request, but a non-2xx status rejects with ApiError. */
  requestOk(options: ApiRequest): Promise<unknown>;
  /**
   * Streams a watch: calls onLine for every line until the server closes
   * (resolves) or the request fails (rejects; a non-200 status as ApiError).
   * An exception thrown by onLine ends the watch and rejects with it.
   * Aborting `signal` ends it with an AbortError.
   */
  stream(options: ApiRequest, onLine: (line: string) => void): Promise<void>;
  close(): void;
}

/**
 * Plain HTTPS to the API server with the kubeconfig's credentials
 * (applyToHTTPSOptions: CA, client certificate, token) and one keep-alive
 * agent. The controller uses this rather than the generated clients because
 * it needs exactly what those make awkward: JSON Patch with `test`
 * operations, the status code of a refusal, merge patches on subresources,
 * paginated lists and a watch whose silence it measures itself.
 */
export async function createApiRequester(kubeConfig: KubeConfig): Promise<ApiRequester> {
  const cluster = kubeConfig.getCurrentCluster();
  if (cluster === null) throw new Error('no current cluster in the kubeconfig');
  const base: RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(base);
  const agent = new Agent({ keepAlive: true, maxSockets: 32, ca: base.ca, cert: base.cert, key: base.key, rejectUnauthorized: base.rejectUnauthorized ?? true });
  const server = new URL(cluster.server);

  const open = async (options: ApiRequest): Promise<IncomingMessage> => {
    // Refreshes tokens from exec/auth providers on every request.
    const auth: RequestOptions = {};
    await kubeConfig.applyToHTTPSOptions(auth);
    const url = new URL(options.path, server);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(url, {
        method: options.method,
        agent,
        headers: {
          ...(auth.headers as Record<string, string> | undefined),
          accept: options.accept ?? 'application/json',
          ...(payload !== undefined ? { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
        ...(auth.auth !== undefined ? { auth: auth.auth } : {}),
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      req.on('response', resolve);
      req.on('error', reject);
      if (options.timeoutMs !== 0) {
        req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`${options.method} ${options.path} timed out`)));
      }
      req.end(payload);
    });
  };

  const request = async (options: ApiRequest): Promise<ApiResponse> => {
    const response = await open(options);
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.statusCode ?? 0, body };
  };

  return {
    request,
    requestOk: async (options) => {
      const response = await request(options);
      if (response.status < 200 || response.status >= 300) throw new ApiError(response.status, response.body, `${options.method} ${options.path}`);
      return response.body;
    },
    stream: async (options, onLine) => {
      const response = await open({ ...options, timeoutMs: 0 });
      if (response.statusCode !== 200) {
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          body = undefined;
        }
        throw new ApiError(response.statusCode ?? 0, body, `watch ${options.path}`);
      }
      const lines = createInterface({ input: response, crlfDelay: Infinity });
      await new Promise<void>((resolve, reject) => {
        // onLine runs inside readline's 'line' event: what it throws (a 410
        // ERROR event, bad JSON) would otherwise be an uncaught exception and
        // kill the process. It ends this watch instead, rejecting with it.
        lines.on('line', (line) => {
          try {
            onLine(line);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
            lines.close();
            response.destroy();
          }
        });
        lines.on('close', resolve);
        lines.on('error', reject);
        response.on('error', reject);
        response.on('aborted', () => {
          reject(new Error('watch connection aborted'));
        });
      });
    },
    close: () => {
      agent.destroy();
    },
  };
}

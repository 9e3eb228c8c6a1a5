import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubeApiError } from './kube-api-error.ts';
import type { KubeConnection } from './kube-connection.ts';
import { nodeHttp } from './node-http.ts';

export interface KubeRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the server URL, e.g. /api/v1/pods. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** Default application/json; PATCH needs json-patch+json, merge-patch+json or apply-patch+yaml. */
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Whole-request timeout; 0 for none. Default 30 s (none for stream). */
  readonly timeoutMs?: number;
}

export interface KubeResponse {
  readonly status: number;
  /** Parsed JSON; the text when it is not JSON; undefined when empty. */
  readonly body: unknown;
}

/**
 * The one Kubernetes API client of a process: JSON over HTTP(S) with the
 * connection's credentials and one keep-alive agent. Every list, watch,
 * patch, Lease and Event goes through it.
 */
export interface KubeClient {
  readonly connection: KubeConnection;
  /** Resolves with any HTTP status; rejects only on transport errors, timeouts and aborts. */
  request(options: KubeRequest): Promise<KubeResponse>;
  /** Like request, but a status other than 2xx rejects with KubeApiError. */
  requestOk(options: KubeRequest): Promise<unknown>;
  /**
   * Streams a watch: calls onLine with every non-empty line until the server
   * ends the response (resolves) or the request fails (rejects; a status
   * other than 200 as KubeApiError). What onLine throws ends the stream and
   * rejects with it. Aborting `signal` rejects with an AbortError. onOpen
   * runs once the server answered 200.
   */
  stream(options: KubeRequest, onLine: (line: string) => void, onOpen?: () => void): Promise<void>;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createKubeClient(connection: KubeConnection): KubeClient {
  const send = connection.server.protocol === 'http:' ? nodeHttp.request : httpsRequest;
  // Paths go under the server URL's own path, as client-node appends them (a proxy such as Rancher's serves clusters under a prefix).
  const prefix = connection.server.pathname.replace(/\/+$/, '');

  const open = async (options: KubeRequest, timeoutMs: number): Promise<IncomingMessage> => {
    const base = await connection.requestOptions();
    const url = new URL(`${prefix}${options.path}`, connection.server.origin);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: OutgoingHttpHeaders = {
      ...(base.headers !== undefined && !Array.isArray(base.headers) ? (base.headers as OutgoingHttpHeaders) : {}),
      accept: 'application/json',
      ...(payload !== undefined ? { 'content-type': options.contentType ?? 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
    };
    return new Promise((resolve, reject) => {
      const req = send(url, { ...base, method: options.method, headers, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
      req.on('response', resolve);
      req.on('error', reject);
      if (timeoutMs > 0) {
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`${options.method} ${options.path} timed out after ${timeoutMs} ms`)));
      }
      req.end(payload);
    });
  };

  const request = async (options: KubeRequest): Promise<KubeResponse> => {
    const response = await open(options, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return { status: response.statusCode ?? 0, body: parseBody(await readAll(response)) };
  };

  return {
    connection,
    request,
    requestOk: async (options) => {
      const response = await request(options);
      if (response.status < 200 || response.status >= 300) throw new KubeApiError(response.status, response.body, `${options.method} ${options.path}`);
      return response.body;
    },
    stream: async (options, onLine, onOpen) => {
      const response = await open(options, options.timeoutMs ?? 0);
      if (response.statusCode !== 200) {
        throw new KubeApiError(response.statusCode ?? 0, parseBody(await readAll(response)), `watch ${options.path}`);
      }
      onOpen?.();
      await eachLine(response, onLine);
    },
    close: () => {
      connection.close();
    },
  };
}

/** Splits the body into lines as they arrive; the last line needs no newline. */
async function eachLine(response: IncomingMessage, onLine: (line: string) => void): Promise<void> {
  response.setEncoding('utf8');
  let pending = '';
  try {
    for await (const chunk of response) {
      const lines = (pending + (chunk as string)).split('\n');
      pending = lines.pop() ?? '';
      lines.map((line) => line.trim()).filter((line) => line !== '').forEach(onLine);
    }
  } finally {
    // An exception from onLine leaves the loop early: drop the connection rather than keep reading.
    if (!response.complete) response.destroy();
  }
  if (pending.trim() !== '') onLine(pending.trim());
}

async function readAll(response: IncomingMessage): Promise<string> {
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk as string;
  return text;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

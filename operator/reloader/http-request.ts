// One HTTP request of a reload action or a verification, on node:http (and
// node:https for https URLs), not fetch: Node's fetch is undici, which needs
// WebAssembly for its HTTP parser, and the reloader runs under
// `node --lite-mode` (docs/adr/0011-reloader-memory.md), where WebAssembly is
// not defined: every fetch failed there, so every verified change was rolled
// back. node:http also keeps undici's ~10 MB out of the sidecar.
import type { IncomingMessage } from 'node:http';
import { nodeHttp } from './node-http.ts';

/** What is read of an answer's body at most; a verification looks for a short marker. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAnswer {
  readonly status: number;
  /** The first MAX_BODY_BYTES of the body, as UTF-8. */
  readonly body: string;
}

/** Sends one request with no body; rejects with a short reason (an errno code, or "timed out after N ms"). */
export function sendRequest(url: string, method: string, timeoutMs: number): Promise<HttpAnswer> {
  const target = new URL(url);
  // Loaded only for https URLs: most checks go to the app on loopback.
  const client = target.protocol === 'https:' ? process.getBuiltinModule('node:https') : nodeHttp;
  return new Promise((resolve, reject) => {
    const request = client.request(target, { method, timeout: timeoutMs }, (response) => {
      readBody(response).then((body) => {
        resolve({ status: response.statusCode ?? 0, body });
      }, reject);
    });
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code ?? error.message, { cause: error }));
    });
    request.end();
  });
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on('data', (chunk: Buffer) => {
      if (length >= MAX_BODY_BYTES) return;
      chunks.push(chunk);
      length += chunk.length;
    });
    response.on('end', () => {
      resolve(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'));
    });
    response.on('error', reject);
  });
}

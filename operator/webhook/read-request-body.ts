import type { IncomingMessage } from 'node:http';

/** The apiserver's own limit on a request body (3 MiB); a pod cannot be larger. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted'; readonly message: string };

/**
 * Reads the whole body, or stops as soon as it is known to exceed `limit`:
 * at once from Content-Length, or when the bytes received pass it. Whoever
 * answers a too-large body must close the connection, as the rest is unread.
 */
export function readRequestBody(request: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<BodyRead> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.resolve(tooLarge(limit, declared));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (result: BodyRead): void => {
      request.off('data', onData).off('end', onEnd).off('error', onAbort).off('close', onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received <= limit) {
        chunks.push(chunk);
        return;
      }
      request.pause();
      finish(tooLarge(limit, received));
    };
    const onEnd = (): void => {
      finish({ ok: true, body: chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, received) });
    };
    const onAbort = (): void => {
      finish({ ok: false, reason: 'aborted', message: 'the client went away before sending the whole body' });
    };
    request.on('data', onData).on('end', onEnd).on('error', onAbort).on('close', onAbort);
  });
}

function tooLarge(limit: number, size: number): BodyRead {
  return {
    ok: false,
    reason: 'too-large',
    message: `the request body (${size} bytes or more) exceeds the limit of ${limit} bytes`,
  };
}

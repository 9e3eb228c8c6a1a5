import type { ServerResponse } from 'node:http';

export interface SendOptions {
  /** Ask the client to close the connection after this answer (unread body, shutdown). */
  readonly close?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, options: SendOptions = {}): void {
  // Encoded once, here: a string would be measured and then encoded again on write.
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': data.length,
    ...(options.close === true ? { connection: 'close' } : {}),
    ...options.headers,
  });
  response.end(data);
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** A metav1.Status: what Kubernetes clients expect in the body of an HTTP error. */
export function statusBody(code: number, message: string): Record<string, unknown> {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'Unknown',
    code,
  };
}

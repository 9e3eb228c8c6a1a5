import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import type { AdmissionReviewResponse } from '../../../../operator/admission/admission-review.ts';

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly peer: PeerCertificate | undefined;
  json(): unknown;
  /** The body read as an AdmissionReview answer. */
  review(): AdmissionReviewResponse;
}

/** A metav1.Status body, as sent with HTTP errors. */
export interface StatusBody {
  kind: string;
  status: string;
  code: number;
  message: string;
}

export interface CallOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string | number>;
  readonly body?: string | Buffer;
  readonly ca: string;
  readonly agent?: Agent | false;
}

/** One HTTPS request to 127.0.0.1:port, verifying the server against `ca`. */
export function call(port: number, options: CallOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'POST',
        path: options.path ?? '/mutate-pods?timeout=10s',
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        ca: options.ca,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const peer = 'getPeerCertificate' in res.socket ? (res.socket as TLSSocket).getPeerCertificate() : undefined;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (): unknown => JSON.parse(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, peer, json, review: () => json() as AdmissionReviewResponse });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

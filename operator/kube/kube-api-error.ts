/** A response other than 2xx; `reason` and the message come from the API server's Status object when it sent one. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string | undefined;
  constructor(status: number, body: unknown, what: string) {
    const statusObject = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; reason?: unknown };
    const message = typeof statusObject.message === 'string' ? `: ${statusObject.message}` : '';
    super(`${what}: HTTP ${status}${message}`);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = typeof statusObject.reason === 'string' ? statusObject.reason : undefined;
  }
}

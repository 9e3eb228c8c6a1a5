import type { KubeClient } from '../kube/kube-client.ts';
import type { StoredCertificates } from './certificate-state.ts';

/** A core/v1 Secret as JSON: the fields the store reads and writes, everything else carried through. */
export interface SecretObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly type?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly resourceVersion?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly data?: Readonly<Record<string, string>>;
}

export interface StoredSecret {
  readonly stored: StoredCertificates;
  /** The object as read: labels and annotations other than ours are kept on update. */
  readonly secret: SecretObject;
}

export type WriteResult = { readonly ok: true; readonly secret: StoredSecret } | { readonly ok: false; readonly reason: 'conflict' };

export interface CertificateSecretStore {
  readonly what: string;
  /** The collection path, for a watch of the Secret by name. */
  readonly collection: string;
  /** undefined when the Secret does not exist. */
  read(): Promise<StoredSecret | undefined>;
  /** Creates it; another replica's creation first is a conflict (409), not an error. */
  create(stored: StoredCertificates): Promise<WriteResult>;
  /** Replaces it at the resourceVersion it was read at; a newer write by anyone else is a conflict. */
  update(previous: StoredSecret, stored: StoredCertificates): Promise<WriteResult>;
}

const LABELS = { 'app.kubernetes.io/name': 'tandem', 'app.kubernetes.io/component': 'webhook-certificate' };
const CONFLICT: WriteResult = { ok: false, reason: 'conflict' };

/** The self-managed certificate Secret, read and written with optimistic concurrency. */
export function createCertificateSecretStore(client: KubeClient, namespace: string, name: string): CertificateSecretStore {
  const what = `Secret ${namespace}/${name}`;
  const collection = `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
  const path = `${collection}/${encodeURIComponent(name)}`;
  const write = async (method: 'POST' | 'PUT', body: SecretObject): Promise<WriteResult> => {
    const response = await client.request({ method, path: method === 'POST' ? collection : path, body });
    if (response.status === 409) return CONFLICT;
    if (response.status >= 300) throw new Error(`cannot write the ${what}: ${statusText(response.status, response.body)}`);
    return { ok: true, secret: storedSecret(response.body as SecretObject) };
  };
  return {
    what,
    collection,
    read: async () => {
      const response = await client.request({ method: 'GET', path });
      if (response.status === 404) return undefined;
      if (response.status >= 300) throw new Error(`cannot read the ${what}: ${statusText(response.status, response.body)}`);
      return storedSecret(response.body as SecretObject);
    },
    create: (stored) =>
      write('POST', {
        apiVersion: 'v1',
        kind: 'Secret',
        type: 'kubernetes.io/tls',
        metadata: { name, namespace, labels: LABELS, annotations: { ...stored.annotations } },
        data: encode(stored.data),
      }),
    // The object as read (resourceVersion included), with our data and annotations over it.
    update: (previous, stored) =>
      write('PUT', {
        ...previous.secret,
        metadata: { ...previous.secret.metadata, annotations: { ...previous.secret.metadata?.annotations, ...stored.annotations } },
        data: { ...previous.secret.data, ...encode(stored.data) },
      }),
  };
}

/** Secret data as text; values that are not UTF-8 PEM read as garbage and are repaired by planning. */
export function storedSecret(secret: SecretObject): StoredSecret {
  const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  return { secret, stored: { data, annotations: { ...secret.metadata?.annotations } } };
}

function encode(data: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]));
}

/** "HTTP 403: secrets is forbidden": the status and the API server's Status message, what a human needs. */
export function statusText(status: number, body: unknown): string {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return `HTTP ${status}${typeof message === 'string' ? `: ${message}` : ''}`;
}

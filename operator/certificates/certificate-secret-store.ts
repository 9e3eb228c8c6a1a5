import { ApiException, CoreV1Api, V1ObjectMeta, V1Secret, type KubeConfig } from '@kubernetes/client-node';
import type { StoredCertificates } from '../certificates/certificate-state.ts';

export interface StoredSecret {
  readonly stored: StoredCertificates;
  /** The object as read: labels and annotations other than ours are kept on update. */
  readonly secret: V1Secret;
}

export type WriteResult = { readonly ok: true; readonly secret: StoredSecret } | { readonly ok: false; readonly reason: 'conflict' };

export interface CertificateSecretStore {
  readonly what: string;
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
export function createCertificateSecretStore(kubeConfig: KubeConfig, namespace: string, name: string): CertificateSecretStore {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const what = `Secret ${namespace}/${name}`;
  return {
    what,
    read: async () => {
      try {
        return storedSecret(await api.readNamespacedSecret({ namespace, name }));
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return undefined;
        throw new Error(`cannot read the ${what}: ${describe(error)}`, { cause: error });
      }
    },
    create: (stored) =>
      write(what, () =>
        api.createNamespacedSecret({
          namespace,
          body: Object.assign(new V1Secret(), {
            apiVersion: 'v1',
            kind: 'Secret',
            type: 'kubernetes.io/tls',
            metadata: Object.assign(new V1ObjectMeta(), { name, namespace, labels: LABELS, annotations: { ...stored.annotations } }),
            data: encode(stored.data),
          }),
        }),
      ),
    update: (previous, stored) =>
      write(what, () =>
        api.replaceNamespacedSecret({
          namespace,
          name,
          // The object as read (resourceVersion included), with our data and annotations over it.
          body: Object.assign(new V1Secret(), previous.secret, {
            metadata: Object.assign(new V1ObjectMeta(), previous.secret.metadata, {
              annotations: { ...previous.secret.metadata?.annotations, ...stored.annotations },
            }),
            data: { ...previous.secret.data, ...encode(stored.data) },
          }),
        }),
      ),
  };
}

/** Secret data as text; values that are not UTF-8 PEM read as garbage and are repaired by planning. */
export function storedSecret(secret: V1Secret): StoredSecret {
  const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
  return { secret, stored: { data, annotations: { ...secret.metadata?.annotations } } };
}

async function write(what: string, call: () => Promise<V1Secret>): Promise<WriteResult> {
  try {
    return { ok: true, secret: storedSecret(await call()) };
  } catch (error) {
    if (error instanceof ApiException && error.code === 409) return CONFLICT;
    throw new Error(`cannot write the ${what}: ${describe(error)}`, { cause: error });
  }
}

function encode(data: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]));
}

/** ApiException messages carry the whole body; the Status message is what a human needs. */
export function describe(error: unknown): string {
  if (error instanceof ApiException) {
    const body = error.body as { message?: string } | string | undefined;
    const message = typeof body === 'object' ? body.message : body;
    return `HTTP ${error.code}${message !== undefined ? `: ${message}` : ''}`;
  }
  return (error as Error).message;
}
